"""Reads behind the two order pages (the buyer's, the shop's): each in a fixed number of
queries, whatever the order's history. Access goes through `orders.selectors`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse

from comptoir.accounts.models import User
from comptoir.cases.eligibility import Eligibility
from comptoir.cases.models import Case
from comptoir.cases.services import order_case_eligibility
from comptoir.consent.selectors import has_consent
from comptoir.core import clock
from comptoir.messaging.models import Folder, Party
from comptoir.messaging.order_threads import ORDER_TALK
from comptoir.messaging.subjects import display_subject
from comptoir.orders.models import Order, OrderItem, OrderNote
from comptoir.orders.selectors import get_buyer_order, get_shop_order
from comptoir.reviews.models import Review
from comptoir.shops.access import Viewer, as_buyer
from comptoir.shops.selectors import described_policies

# The policy sections that bear on an order once it is bought.
ORDER_POLICIES = ("shipping", "returns")


@dataclass(frozen=True)
class ThreadRow:
    """One thread about the order, as the viewer's side holds it."""

    id: int
    url: str
    subject: str
    kind: str
    kind_label: str
    last_message_at: datetime
    unread: int
    ticket_status: str
    ticket_status_label: str
    continues_order_talk: bool


@dataclass
class OrderPage:
    order: Order
    items: list[OrderItem]
    notes: list[OrderNote]
    threads: list[ThreadRow]
    policies: list[dict[str, object]]
    cases: list[Case]
    review: Review | None
    eligibility: Eligibility
    open_ticket: ThreadRow | None = None
    order_thread: ThreadRow | None = None  # where "message" and "answer" continue
    marketing_consent: bool | None = None  # the shop's page only
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def customer_notes(self) -> list[OrderNote]:
        return [n for n in self.notes if n.visibility == OrderNote.Visibility.CUSTOMER]

    @property
    def active_case(self) -> Case | None:
        active = (Case.Status.OPEN, Case.Status.ESCALATED)
        return next((c for c in self.cases if c.status in active), None)


def _threads(viewer: Viewer, order: Order) -> list[ThreadRow]:
    copies = (
        Party.objects.filter(conversation__order=order, **viewer.owner())
        .exclude(folder=Folder.DELETED)
        .select_related("conversation", "conversation__order", "conversation__shop")
        .order_by("-last_message_at", "-id")
    )
    rows = []
    for party in copies:
        conversation = party.conversation
        if viewer.shop is not None:
            url = reverse("messaging:shop_thread", args=[viewer.shop.id, conversation.id])
        else:
            url = reverse("messaging:buyer_thread", args=[conversation.id])
        rows.append(
            ThreadRow(
                id=conversation.id,
                url=url,
                subject=display_subject(conversation),
                kind=conversation.kind,
                kind_label=conversation.get_kind_display(),
                last_message_at=party.last_message_at,
                unread=party.unread_count,
                ticket_status=conversation.ticket_status,
                ticket_status_label=conversation.get_ticket_status_display(),
                continues_order_talk=conversation.kind in ORDER_TALK,
            )
        )
    return rows


def _page(viewer: Viewer, order: Order, *, notes: list[OrderNote]) -> OrderPage:
    items = list(OrderItem.objects.filter(order=order).select_related("listing").order_by("id"))
    threads = _threads(viewer, order)
    cases = list(Case.objects.filter(order=order).order_by("-opened_at", "-id"))
    review = Review.objects.filter(order=order).first()
    policies = [p for p in described_policies(order.shop) if p["section"] in ORDER_POLICIES]
    return OrderPage(
        order=order,
        items=items,
        notes=notes,
        threads=threads,
        policies=policies,
        cases=cases,
        review=review,
        eligibility=order_case_eligibility(order, clock.now()),
        open_ticket=next(
            (t for t in threads if t.kind == "support_ticket" and t.ticket_status == "open"),
            None,
        ),
        order_thread=next((t for t in threads if t.continues_order_talk), None),
    )


def buyer_order_page(user: User, order_id: int) -> OrderPage:
    """The buyer's own order (NotFound for anyone else's): 8 queries."""
    order = get_buyer_order(user, order_id)
    notes = list(
        OrderNote.objects.filter(order=order, visibility=OrderNote.Visibility.CUSTOMER).order_by(
            "created_at", "id"
        )
    )
    return _page(as_buyer(user), order, notes=notes)


def shop_order_page(viewer: Viewer, order_id: int) -> OrderPage:
    """One of the shop's orders (NotFound for any other), every note: 9 queries."""
    order = get_shop_order(viewer, order_id)
    notes = list(
        OrderNote.objects.filter(order=order).select_related("author").order_by("created_at", "id")
    )
    page = _page(viewer, order, notes=notes)
    page.marketing_consent = has_consent(buyer_id=order.buyer_id, shop_id=order.shop_id)
    return page
