"""Web forms of the inbox: they only parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comptoir.core.converters import ID_MAX
from comptoir.messaging.models import Conversation
from comptoir.messaging.rules import Action
from comptoir.messaging.services.drafts import MAX_ATTACHMENTS, MAX_BODY
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
    saved_reply = forms.IntegerField(required=False, max_value=ID_MAX, widget=forms.HiddenInput)
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
    """The website contact form. It only reads what was sent: the service decides what is
    refused, and `refused` puts its reasons beside the fields. The browser's own checks
    (`required`, `maxlength`, `type=email`) are a courtesy, not a defence."""

    name = forms.CharField(
        label=_("Your name"),
        required=False,
        widget=forms.TextInput(attrs={"required": True, "maxlength": 120, "autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("Your e-mail"),
        required=False,
        widget=forms.EmailInput(
            attrs={"required": True, "maxlength": 254, "autocomplete": "email"}
        ),
    )
    subject = forms.CharField(
        label=_("Subject"), required=False, widget=forms.TextInput(attrs={"maxlength": 200})
    )
    body = forms.CharField(
        label=_("Your message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "required": True, "maxlength": MAX_BODY}),
    )
    # The honeypot (contact.HONEYPOT): hidden from people and from assistive technology,
    # out of the tab order and never autofilled; only robots fill it in.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    MESSAGES = {
        "required": _("This field is required."),
        "too_long": _("This is too long."),
        "invalid_email": _("Enter a valid e-mail address, such as name@example.com."),
        "control_characters": _("Write this on one line, without special characters."),
    }

    def message_fields(self) -> list[forms.BoundField]:
        """The fields people fill in, in order (the honeypot and token are drawn apart)."""
        return [self[name] for name in ("name", "email", "subject", "body")]

    def refused(self, message: str, fields: dict[str, str]) -> None:
        """Show a refusal of the service: per field when it names them, else on top."""
        shown = False
        for field, code in fields.items():
            if field in ("name", "email", "subject", "body"):
                self.add_error(field, str(self.MESSAGES.get(code, message)))
                shown = True
        if not shown:
            self.add_error(None, message)


class BulkForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=False)
    action = forms.ChoiceField(
        choices=[(a.value, a.value) for a in Action] + [("no_response_needed", "")],
        required=False,
    )
    label = forms.IntegerField(required=False, max_value=ID_MAX)
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
