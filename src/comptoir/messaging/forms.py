"""Web forms of the inbox: they only parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comptoir.messaging.models import Conversation
from comptoir.messaging.rules import Action
from comptoir.messaging.sending import MAX_ATTACHMENTS, MAX_BODY
from comptoir.orders.models import OrderNote

ACCEPT = ".jpg,.jpeg,.gif,.png,.pdf,image/jpeg,image/gif,image/png,application/pdf"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to MAX_ATTACHMENTS files from one <input type=file multiple>."""

    widget = MultipleFileInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        required=False,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 5, "data-reply": ""}),
    )
    saved_reply = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachments = MultipleFileField(
        label=_("Attach files"),
        widget=MultipleFileInput(
            attrs={
                "accept": ACCEPT,
                "data-max-files": MAX_ATTACHMENTS,
                "data-max-bytes": 100 * 1024 * 1024,
            }
        ),
    )


class StartForm(ReplyForm):
    subject = forms.CharField(label=_("Subject"), required=False, max_length=200)
    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        required=False,
        choices=[("", "—"), *Conversation.HelpReason.choices],
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail"))
    subject = forms.CharField(label=_("Subject"), required=False, max_length=200)
    body = forms.CharField(
        label=_("Your message"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 6})
    )


class BulkForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=False)
    action = forms.ChoiceField(
        choices=[(a.value, a.value) for a in Action] + [("no_response_needed", "")],
        required=False,
    )
    label = forms.IntegerField(required=False)
    label_mode = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any id may be sent; the service checks that each is the viewer's.
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        choices = [(v, v) for v in raw if str(v).isdigit()]
        self.fields["ids"].choices = choices  # type: ignore[attr-defined]


class LabelForm(forms.Form):
    name = forms.CharField(label=_("Label"), max_length=60)


class SavedReplyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    body = forms.CharField(
        label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class NoteForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who sees it"), choices=OrderNote.Visibility.choices, initial="private"
    )
    body = forms.CharField(
        label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
