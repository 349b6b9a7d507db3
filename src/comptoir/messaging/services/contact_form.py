"""A visitor of the shop's own website writes through its contact form (no account)."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.core.errors import DomainError
from comptoir.messaging.models import Conversation, Message, Side
from comptoir.messaging.services.drafts import MAX_BODY, MAX_SUBJECT, Outgoing, subject_of
from comptoir.messaging.services.starting import NewThread, thread_start
from comptoir.shops.models import Shop


@transaction.atomic
def contact_form_submit(*, shop: Shop, name: str, email: str, subject: str, body: str) -> Message:
    """A visitor of the shop's own website writes (no account; answers go by e-mail).

    Refused, with a code per field: a missing name, address or message (`required`), too
    long (`too_long`), an address that is not one (`invalid_email`), and any line break or
    other control character in the name, address or subject (`control_characters`: they
    would smuggle headers such as Bcc into the e-mails that quote them).
    """
    _check(name, email, subject, body)
    new = NewThread(
        shop=shop,
        buyer_id=None,
        kind=Conversation.Kind.CONTACT_FORM,
        subject=subject_of(subject, ""),
        started_by=Side.BUYER,
        visitor_name=name.strip()[:120],
        visitor_email=email.strip(),
    )
    return thread_start(new, Outgoing(sender_side=Side.BUYER, author=None, body=body.strip()))


def _check(name: str, email: str, subject: str, body: str) -> None:
    fields: dict[str, str] = {}
    one_line = {"name": (name, 120), "email": (email, 254), "subject": (subject, MAX_SUBJECT)}
    for field, (value, longest) in one_line.items():
        if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in value.strip()):
            fields[field] = "control_characters"
        elif len(value.strip()) > longest:
            fields[field] = "too_long"
    for field, value in (("name", name), ("email", email), ("body", body)):
        if not value.strip():
            fields[field] = "required"
    if "email" not in fields:
        try:
            validate_email(email.strip())
        except ValidationError:
            fields["email"] = "invalid_email"
    if len(body) > MAX_BODY:
        fields["body"] = "too_long"
    if fields:
        raise DomainError("invalid_contact_form", _("Some fields are not valid."), fields=fields)
