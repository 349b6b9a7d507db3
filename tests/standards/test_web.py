"""The standards web pages: Trust & Safety's console (queue, shop file, thread reads,
settings, audit log) and the seller's "Service standards" page, through the forms people
submit. Data is built through the real services on the standards tests' frozen clock."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.models import AuditEntry, OutboxEmail
from comptoir.messaging.models import Conversation
from comptoir.orders.models import Order
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from comptoir.standards.evaluation import evaluate_now
from comptoir.standards.models import Action, Evaluation, Flag, StandardsSettings
from comptoir.standards.tasks import run_evaluation
from tests.accounts.helpers import staff_client
from tests.standards.conftest import NOON, TODAY, Client_, at, make_unhappy, place_order

pytestmark = pytest.mark.django_db

STAFF_NAME = "Marguerite Vigie"


def web(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(response: Any) -> str:
    return str(response.content.decode())


def section(html: str, heading_id: str) -> str:
    match = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}"[^>]*>.*?</section>', html, re.S
    )
    assert match, heading_id
    return match.group(0)


@pytest.fixture
def staff_web(staff: User) -> Client:
    staff.display_name = STAFF_NAME
    staff.save(update_fields=["display_name"])
    return staff_client(staff)


@pytest.fixture
def seller_web(seller: User) -> Client:
    return web(seller)


@pytest.fixture
def no_automatic_steps(db: None) -> None:
    StandardsSettings.objects.create(id=1, auto_recommendation=False)


def shop_url(shop: Shop) -> str:
    return f"/staff/standards/shops/{shop.id}/"


def seller_url(shop: Shop) -> str:
    return f"/shop/{shop.id}/standards/"


def take(client: Client, shop: Shop, **form: Any) -> Any:
    return client.post(f"/staff/standards/shops/{shop.id}/actions/", form)


def lift(client: Client, action: Action, reason: str) -> Any:
    return client.post(f"/staff/standards/actions/{action.id}/lift/", {"reason": reason})


def help_request(as_buyer: Client_) -> int:
    made = as_buyer.post(
        "/me/conversations",
        {"kind": "help_request", "order_id": "order-1", "reason": "damaged", "body": "Torn."},
    )
    assert made.status_code == 201, made.json()
    return int(Conversation.objects.get().id)


# --- the queue ------------------------------------------------------------------------------


def test_staff_see_the_flagged_shop_in_the_queue_with_its_trend(
    unhappy_shop: Shop, good_shop: Shop, staff_web: Client
) -> None:
    with clock.frozen_at(NOON - timedelta(days=30)):
        evaluate_now()  # 30 days ago: 1 of 10 orders dissatisfied (the reviews came later)
    for n in range(10):
        place_order(unhappy_shop, f"new{n}", at(5))
    evaluate_now()  # today: 3 of 20

    response = staff_web.get("/staff/standards/")

    assert response.status_code == 200
    html = page(response)
    assert "Figures of June 15, 2026" in html
    assert "1 shop has an open flag." in html
    row = re.search(rf'<tr data-shop="{unhappy_shop.id}">.*?</tr>', html, re.S)
    assert row, html
    cells = row.group(0)
    assert f'href="/staff/standards/shops/{unhappy_shop.id}/"' in cells
    assert re.search(r"15.0 % <span class=\"trend trend--worse\" [^>]*>.*▲.*10.0 %</span>", cells)
    assert re.search(r"20 <span class=\"trend trend--worse\" [^>]*>.*▲.*10</span>", cells)
    assert "Order dissatisfaction</span>" in cells  # the flag's badge
    assert "06/15/2026" in cells  # flagged since
    assert "Recommendation" in cells  # the automatic step, in force today
    assert f'data-shop="{good_shop.id}"' not in html  # not flagged: not needing review
    everyone = page(staff_web.get("/staff/standards/", {"view": "all", "sort": "orders"}))
    order = re.findall(r'<tr data-shop="(\d+)">', everyone)
    assert order == [str(good_shop.id), str(unhappy_shop.id)]  # 50 orders, then 10
    wrong = staff_web.get("/staff/standards/", {"sort": "stars"})
    assert wrong.status_code == 400
    assert "Some filters are not valid." in page(wrong)


def test_the_queue_pages_by_keyset(unhappy_shop: Shop, staff_web: Client) -> None:
    for n in range(2):
        other, _ = shop_upsert(external_id=f"more-{n}", name=f"More {n}", time_zone="UTC")
        make_unhappy(other, f"m{n}-")
    evaluate_now()
    from comptoir.standards import views

    views.QUEUE_PAGE, saved = 2, views.QUEUE_PAGE
    try:
        first = page(staff_web.get("/staff/standards/"))
        cursor = re.search(r'cursor=([^"&]+)" rel="next"', first)
        assert cursor, first
        second = page(staff_web.get(f"/staff/standards/?view=review&cursor={cursor.group(1)}"))
    finally:
        views.QUEUE_PAGE = saved
    shown = re.findall(r'<tr data-shop="(\d+)">', first) + re.findall(
        r'<tr data-shop="(\d+)">', second
    )
    assert sorted(shown) == sorted(str(s.id) for s in Shop.objects.all())
    assert 'rel="next"' not in second


def test_the_queue_costs_the_same_queries_for_one_or_twenty_flagged_shops(
    unhappy_shop: Shop, staff_web: Client
) -> None:
    def queries() -> int:
        evaluate_now()
        staff_web.get("/staff/standards/")  # warm: the session, the permission cache
        with CaptureQueriesContext(connection) as captured:
            response = staff_web.get("/staff/standards/")
        assert response.status_code == 200
        return len(captured)

    one = queries()
    for n in range(19):
        other, _ = shop_upsert(external_id=f"more-{n}", name=f"More {n}", time_zone="UTC")
        make_unhappy(other, f"m{n}-")
    twenty = queries()
    assert Flag.objects.filter(cleared_on__isnull=True).values("shop").distinct().count() == 20
    assert twenty == one


def test_evaluate_now_shows_its_progress_until_it_is_done(
    unhappy_shop: Shop, staff_web: Client
) -> None:
    started = staff_web.post("/staff/standards/evaluate/", follow=True)
    assert started.status_code == 200
    html = page(started)
    assert "The evaluation has started." in html
    evaluation = Evaluation.objects.get()
    assert evaluation.state == "running"
    assert 'data-refresh="/staff/standards/evaluations/"' in html  # it refreshes itself
    assert "Waiting for a worker" in html
    again = page(staff_web.post("/staff/standards/evaluate/", follow=True))
    assert "An evaluation is already running." in again
    assert Evaluation.objects.count() == 1

    run_evaluation.call(evaluation.id)

    block = page(staff_web.get("/staff/standards/evaluations/"))
    assert block.startswith('<div class="evaluations" id="evaluation-status"')
    assert "data-refresh" not in block  # done: it stops refreshing
    assert 'data-state="done"' in block
    assert f">{STAFF_NAME}<" in block
    assert AuditEntry.objects.filter(verb="evaluation.requested").count() == 1


# --- who may open what ------------------------------------------------------------------------


def test_only_trust_and_safety_open_the_console(
    unhappy_shop: Shop,
    order: Order,
    seller: User,
    buyer: User,
    as_buyer: Client_,
) -> None:
    evaluate_now()
    conversation_id = help_request(as_buyer)
    action, flag = Action.objects.get(), Flag.objects.get()
    reads = [
        "/staff/standards/",
        "/staff/standards/evaluations/",
        shop_url(unhappy_shop),
        f"/staff/threads/{conversation_id}/",
        "/staff/standards/settings/",
        "/staff/standards/audit/",
        "/staff/standards/audit.csv",
    ]
    writes = [
        ("/staff/standards/evaluate/", {}),
        (f"/staff/standards/shops/{unhappy_shop.id}/actions/", {"step": 2, "reason": "x"}),
        (f"/staff/standards/actions/{action.id}/lift/", {"reason": "x"}),
        (f"/staff/standards/flags/{flag.id}/dismiss/", {"reason": "x"}),
        ("/staff/standards/settings/", {"dissatisfaction_rate": "50"}),
    ]
    entries, actions = AuditEntry.objects.count(), Action.objects.count()
    for user in (seller, buyer):
        client = web(user)
        for url in reads:
            assert client.get(url).status_code == 404, url
        for url, form in writes:
            assert client.post(url, form).status_code == 404, url
    anonymous = Client()
    for url in reads:
        answer = anonymous.get(url)
        assert (answer.status_code, answer["Location"].split("?")[0]) == (302, "/login/"), url
    assert (AuditEntry.objects.count(), Action.objects.count()) == (entries, actions)
    assert Flag.objects.get().cleared_on is None
    assert Evaluation.objects.count() == 1


def test_a_seller_sees_their_own_page_and_no_other_shops(
    unhappy_shop: Shop, good_shop: Shop, seller_web: Client, buyer: User
) -> None:
    evaluate_now()

    mine = seller_web.get(seller_url(unhappy_shop))

    assert mine.status_code == 200
    html = page(mine)
    figures = section(html, "figures-title")
    assert "30.0 %" in figures  # 3 of 10 orders
    assert "1 % or more" in figures
    assert "Over the threshold" in figures
    assert "3 of 10 orders had a case or a 1–2 star review" in figures
    assert "Non-delivery cases" in figures
    in_force = section(html, "in-force-title")
    assert "Recommendation" in in_force
    assert "from Automatic rule" in in_force
    advice = section(html, "advice-title")
    assert "check the photos, sizes, colours and materials" in advice  # dissatisfaction tips
    assert f'href="/shop/{unhappy_shop.id}/messages/"' in advice
    assert "of 50 orders" not in html  # the other shop's figures
    theirs = seller_web.get(seller_url(good_shop))
    assert theirs.status_code == 404
    assert "of 50 orders" not in page(theirs)
    assert web(buyer).get(seller_url(unhappy_shop)).status_code == 404
    assert seller_web.get("/shop/999999/standards/").status_code == 404


def test_the_seller_reaches_the_page_from_the_shop_manager(
    unhappy_shop: Shop, seller_web: Client
) -> None:
    home = page(seller_web.get("/"))
    assert f'href="/shop/{unhappy_shop.id}/standards/"' in home


# --- the ladder through the forms ---------------------------------------------------------------


def test_staff_walk_a_shop_to_a_search_removal_and_back_and_the_seller_sees_each_step(
    unhappy_shop: Shop, no_automatic_steps: None, staff_web: Client, seller_web: Client
) -> None:
    evaluate_now()
    file = page(staff_web.get(shop_url(unhappy_shop)))
    assert "The next step of the ladder is: Recommendation." in file
    assert '<option value="dissatisfaction" selected>' in file  # the open flag

    advised = take(staff_web, unhappy_shop, step=1, reason="Describe the mugs' sizes.",
                   flag_kind="dissatisfaction")  # fmt: skip
    assert advised.status_code == 302
    assert advised["Location"] == shop_url(unhappy_shop) + "#actions"
    shown = page(staff_web.get(advised["Location"]))
    assert "Recommendation taken for Atelier Lune. The shop is told." in shown
    assert f"By {STAFF_NAME}" in shown
    assert not Flag.objects.filter(cleared_on__isnull=True).exists()  # reviewed: off the queue
    seen = page(seller_web.get(seller_url(unhappy_shop)))
    assert "Describe the mugs&#x27; sizes." in section(seen, "in-force-title")
    assert STAFF_NAME not in seen
    assert "from Trust &amp; Safety" in seen

    removed = take(
        staff_web,
        unhappy_shop,
        step=3,
        measures=["search_removal"],
        reason="Out of search until the listings are fixed.",
        ends_on=str(TODAY + timedelta(days=30)),
    )
    assert removed.status_code == 302
    unhappy_shop.refresh_from_db()
    assert unhappy_shop.staff_search_removal is True
    removal = Action.objects.get(step=3)
    seen = page(seller_web.get(seller_url(unhappy_shop)))
    in_force = section(seen, "in-force-title")
    assert "Temporary measures" in in_force
    assert "Removal from search" in in_force
    assert "Your listings are out of search: buyers do not find them." in in_force
    assert "Until July 15, 2026." in in_force
    assert "Out of search until the listings are fixed." in in_force
    assert STAFF_NAME not in seen
    file = page(staff_web.get(shop_url(unhappy_shop)))
    assert f'action="/staff/standards/actions/{removal.id}/lift/"' in file
    assert "Out of search" in file  # the measure's badge

    lifted = lift(staff_web, removal, "Listings fixed.")
    assert lifted.status_code == 302
    unhappy_shop.refresh_from_db()
    assert unhappy_shop.staff_search_removal is False
    seen = page(seller_web.get(seller_url(unhappy_shop)))
    past = section(seen, "past-title")
    assert "Temporary measures" in past
    assert "Lifted on June 15, 2026: Listings fixed." in past
    in_force = section(seen, "in-force-title")  # the recommendation: a notice of its day
    assert "Temporary measures" not in in_force
    assert "Describe the mugs&#x27; sizes." in in_force
    file = page(staff_web.get(shop_url(unhappy_shop)))
    assert f"Lifted by {STAFF_NAME}" in file
    as_seller_sees = page(staff_web.get(seller_url(unhappy_shop)))  # staff preview the page
    assert "You see this page as the shop's members see it." in as_seller_sees
    assert f"By {STAFF_NAME}" not in as_seller_sees
    assert f"Lifted by {STAFF_NAME}" not in as_seller_sees
    verbs = list(AuditEntry.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == ["action.taken", "action.taken", "action.lifted"]


def test_an_action_without_a_reason_shows_the_error_and_writes_nothing(
    unhappy_shop: Shop, no_automatic_steps: None, staff_web: Client
) -> None:
    evaluate_now()
    before = (Action.objects.count(), AuditEntry.objects.count(), OutboxEmail.objects.count())

    refused = take(staff_web, unhappy_shop, step=2, reason="")

    assert refused.status_code == 400
    form = section(page(refused), "take-title")
    assert "This field is required." in form
    assert '<option value="2" selected>' in form  # what was typed stays
    no_measure = take(staff_web, unhappy_shop, step=3, reason="Paused.")
    assert no_measure.status_code == 422
    assert "Choose at least one measure for a temporary step." in page(no_measure)
    past = take(staff_web, unhappy_shop, step=3, measures=["pause_shop"], reason="x",
                ends_on=str(TODAY))  # fmt: skip
    assert "The end date must be after today." in page(past)
    after = (Action.objects.count(), AuditEntry.objects.count(), OutboxEmail.objects.count())
    assert after == before
    unhappy_shop.refresh_from_db()
    assert unhappy_shop.staff_measures == []
    assert Flag.objects.get().cleared_on is None


def test_a_step_in_force_and_an_empty_lift_are_refused_on_the_page(
    unhappy_shop: Shop, staff_web: Client
) -> None:
    paused = take(staff_web, unhappy_shop, step=3, measures=["pause_shop"], reason="Backlog.")
    assert paused.status_code == 302
    again = take(staff_web, unhappy_shop, step=3, measures=["pause_shop"], reason="Backlog.")
    assert again.status_code == 409
    assert "This step is already in force: lift it or wait for its end." in page(again)
    action = Action.objects.get()
    empty = lift(staff_web, action, "  ")
    assert empty.status_code == 400
    assert "This field is required." in page(empty)
    action.refresh_from_db()
    assert action.lifted_at is None
    assert Action.objects.count() == 1


def test_staff_dismiss_a_flag_with_a_reason(
    unhappy_shop: Shop, no_automatic_steps: None, staff_web: Client
) -> None:
    evaluate_now()
    flag = Flag.objects.get()
    url = f"/staff/standards/flags/{flag.id}/dismiss/"
    refused = staff_web.post(url, {"reason": ""})
    assert refused.status_code == 400
    flag.refresh_from_db()
    assert flag.cleared_on is None
    done = staff_web.post(url, {"reason": "Courier strike."}, follow=True)
    assert "The flag “Order dissatisfaction” is dismissed: no action needed." in page(done)
    assert "No open flag: the shop is not in the queue." in page(done)
    assert AuditEntry.objects.get(verb="flag.dismissed").details["reason"] == "Courier strike."
    assert page(staff_web.get("/staff/standards/")).count("<tr data-shop=") == 0


# --- behind the figures: the thread read ---------------------------------------------------------


def test_the_shop_file_links_the_complaint_and_reading_it_is_audited(
    unhappy_shop: Shop, order: Order, as_buyer: Client_, staff_web: Client, staff: User
) -> None:
    conversation_id = help_request(as_buyer)
    evaluate_now()
    file = page(staff_web.get(shop_url(unhappy_shop)))
    behind = section(file, "behind-title")
    assert f'href="/staff/threads/{conversation_id}/"' in behind
    assert "Order order-1: My item arrived damaged" in behind
    assert "Not received" in behind  # the case
    assert "★☆☆☆☆" in behind  # the 1-star review
    assert not AuditEntry.objects.filter(verb="thread.read").exists()

    read = staff_web.get(f"/staff/threads/{conversation_id}/")

    assert read.status_code == 200
    html = page(read)
    assert "This read is recorded in the audit log." in html
    assert "Torn." in html
    assert "<textarea" not in html  # read-only
    entry = AuditEntry.objects.get(verb="thread.read")
    assert (entry.actor, entry.shop_id, entry.subject_id) == (
        staff,
        unhappy_shop.id,
        conversation_id,
    )
    assert staff_web.get("/staff/threads/999999/").status_code == 404


# --- settings and the audit log -------------------------------------------------------------------


def settings_form(**changes: Any) -> dict[str, Any]:
    from comptoir.standards.config import EDITABLE, current_settings

    current = current_settings()
    values: dict[str, Any] = {name: getattr(current, name) for name in EDITABLE}
    values.update(changes)
    return {k: ("on" if v is True else v) for k, v in values.items() if v is not False}


def test_a_settings_change_is_saved_and_audited(unhappy_shop: Shop, staff_web: Client) -> None:
    shown = page(staff_web.get("/staff/standards/settings/"))
    assert "Dissatisfaction rate (%)" in shown

    saved = staff_web.post("/staff/standards/settings/", settings_form(dissatisfaction_rate="31"))

    assert saved.status_code == 302
    entry = AuditEntry.objects.get(verb="settings.changed")
    assert entry.details["changes"] == {"dissatisfaction_rate": ["1", "31"]}
    assert f"Last changed by {STAFF_NAME}" in page(staff_web.get("/staff/standards/settings/"))
    evaluate_now()
    assert not Flag.objects.exists()  # 30 % < 31 %
    wrong = staff_web.post("/staff/standards/settings/", settings_form(late_share="0"))
    assert wrong.status_code == 400
    assert "Ensure this value is greater than or equal to 0.01." in page(wrong)
    assert AuditEntry.objects.filter(verb="settings.changed").count() == 1


def test_the_audit_log_filters_and_exports_as_csv(
    unhappy_shop: Shop, good_shop: Shop, staff_web: Client
) -> None:
    take(staff_web, unhappy_shop, step=2, reason="Late again.")
    take(staff_web, good_shop, step=1, reason="Answer faster.")

    log = page(staff_web.get("/staff/standards/audit/", {"shop": unhappy_shop.id}))
    assert log.count('<tr data-verb="action.taken">') == 1
    assert "Late again." in log
    assert "Answer faster." not in log
    assert f'href="/staff/standards/audit.csv?shop={unhappy_shop.id}&amp;verb="' in log
    by_verb = page(staff_web.get("/staff/standards/audit/", {"verb": "flag.dismissed"}))
    assert "No entry." in by_verb
    assert staff_web.get("/staff/standards/audit/", {"verb": "nonsense"}).status_code == 400

    exported = staff_web.get("/staff/standards/audit.csv")

    assert exported.status_code == 200
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    lines = b"".join(exported.streaming_content).decode().splitlines()
    assert lines[0].startswith("at (UTC),by,what")
    assert sum("action.taken" in line for line in lines) == 2
    assert any("Late again." in line and STAFF_NAME in line for line in lines)
    shown = page(staff_web.get("/staff/standards/audit/"))
    assert "measures:</span> —" not in shown
    assert "step:</span> E-mail warning" in shown
    assert AuditEntry.objects.filter(verb="audit.exported").count() == 1
    one_shop = staff_web.get("/staff/standards/audit.csv", {"shop": good_shop.id})
    lines = b"".join(one_shop.streaming_content).decode().splitlines()
    assert sum("Answer faster." in line for line in lines) == 1
    assert not any("Late again." in line for line in lines)
    # The download follows the page's "what" filter too.
    exports = staff_web.get("/staff/standards/audit.csv", {"verb": "audit.exported"})
    lines = b"".join(exports.streaming_content).decode().splitlines()[1:]
    assert lines
    assert all("audit.exported" in line for line in lines)
