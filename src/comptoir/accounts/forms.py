"""Sign-in forms: they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.accounts.models import User
from comptoir.core.outbox import queue_email, site_link


class EmailLinkForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your e-mail address"), max_length=254)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, with its e-mail written to the outbox (sent by the worker).

    No mail server is called while the request waits, and the text is the recipient's
    language. Accounts without a usable password (the marketplace's people) get nothing:
    they sign in through the marketplace or an e-mail link.
    """

    def save(self, *args: Any, **kwargs: Any) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            assert isinstance(user, User)
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            path = f"/password/reset/{uid}/{default_token_generator.make_token(user)}/"
            with translation.override(user.language or settings.LANGUAGE_CODE):
                queue_email(
                    recipient=user.email,
                    subject=_("Choose a new password for Comptoir"),
                    body=_(
                        "Hello %(name)s,\n\n"
                        "Someone (we hope you) asked to choose a new password for the Comptoir "
                        "account %(username)s. The link below works once; if you did not ask, "
                        "ignore this e-mail and your password stays as it is."
                    )
                    % {"name": user, "username": user.get_username()},
                    link=site_link(path),
                    reason="password_reset",
                )
