"""`{% mailbox_shown as flag %}`: whether the staff home links to the local mailbox."""

from __future__ import annotations

from django import template

from comptoir.core.mailbox import mailbox_has_mail, mailbox_in_use

register = template.Library()


@register.simple_tag
def mailbox_shown() -> bool:
    """When e-mails go to the mailbox, or it holds some (the demo's, whatever EMAIL_URL)."""
    return mailbox_in_use() or mailbox_has_mail()
