"""What a thread is called, in the reader's language.

A subject someone typed is kept as typed. A thread started without one is named from what
it is about (its kind, order, reason, shop or visitor) when it is shown, so a French buyer's
help request reads in Polish to a Polish seller. A listing inquiry stores the listing's
title: that is the marketplace's data, not interface text.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from comptoir.messaging.models import Conversation

Kind = Conversation.Kind


def display_subject(conversation: Conversation) -> str:
    """The subject to show, in the active language. Reads shop and order when needed."""
    if conversation.subject:
        return conversation.subject
    order = conversation.order.external_id if conversation.order is not None else "—"
    kind = conversation.kind
    if kind == Kind.HELP_REQUEST:
        reason = Conversation.HelpReason(conversation.help_reason).label
        return _("Order %(order)s: %(reason)s") % {"order": order, "reason": reason}
    if kind == Kind.SUPPORT_TICKET:
        return _("Support for order %(order)s") % {"order": order}
    if kind == Kind.ORDER_MESSAGE:
        return _("About your order %(order)s") % {"order": order}
    if kind == Kind.CONTACT_FORM:
        return _("Message from %(name)s") % {"name": conversation.visitor_name}
    return _("Question to %(shop)s") % {"shop": conversation.shop.name}
