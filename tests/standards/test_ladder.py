"""The evaluation, the escalation ladder and each measure's effect, through the API as
staff, the seller and the marketplace use it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.catalog.selectors import listings_in_search
from comptoir.core import clock
from comptoir.core.models import AuditEntry, OutboxEmail
from comptoir.shops.models import Shop
from comptoir.standards.evaluation import evaluate_now
from comptoir.standards.models import Action, Flag, Health
from tests.standards.conftest import NOON, TODAY, Client_, make_unhappy

pytestmark = pytest.mark.django_db


def take(staff: Client_, shop: Shop, **body: Any) -> Any:
    return staff.post(f"/standards/shops/{shop.external_id}/actions", body)


def test_the_evaluation_flags_the_unhappy_shop_and_not_the_isolated_incident(
    unhappy_shop: Shop, good_shop: Shop, as_staff: Client_
) -> None:
    evaluation = evaluate_now()
    assert (evaluation.state, evaluation.shops_evaluated, evaluation.shops_flagged) == (
        "done",
        2,
        1,
    )
    assert list(Flag.objects.values_list("shop_id", "kind")) == [
        (unhappy_shop.id, "dissatisfaction")
    ]
    health = Health.objects.get(shop=unhappy_shop, day=TODAY)
    assert (health.orders, health.dissatisfied, health.dissatisfaction_rate) == (10, 3, 0.3)
    assert (health.non_delivery_cases, health.low_reviews) == (1, 2)
    good = Health.objects.get(shop=good_shop, day=TODAY)
    assert (good.dissatisfied, good.flags) == (1, [])


def test_a_rule_sends_the_recommendation_once_and_tells_the_seller(
    unhappy_shop: Shop, as_seller: Client_
) -> None:
    evaluate_now()
    action = Action.objects.get()
    assert (action.step, action.automatic, action.author, action.flag_kind) == (
        1,
        True,
        None,
        "dissatisfaction",
    )
    assert action.evidence["figures"]["dissatisfied"] == 3
    assert {c["type"] for c in action.evidence["cases"]} == {"non_delivery"}
    entry = AuditEntry.objects.get(verb="action.taken")
    assert (entry.actor, entry.shop_id, entry.details["automatic"]) == (None, unhappy_shop.id, True)
    email = OutboxEmail.objects.get(reason="standards_recommendation")
    assert email.recipient == User.objects.get(username="seller").email
    assert email.link.endswith(f"/shop/{unhappy_shop.id}/standards/")
    # A rule's step leaves the shop in the queue for a person; the next run does not
    # act again on the same open flag.
    assert Flag.objects.get().cleared_on is None
    evaluate_now()
    assert Action.objects.count() == 1
    seen = as_seller.get(f"/shops/{unhappy_shop.external_id}/standards").json()
    assert [(a["step"], a["by"], a["in_force"]) for a in seen["actions"]] == [
        ("recommendation", "Automatic rule", True)
    ]
    assert seen["figures"][0]["over"] is True
    assert seen["figures"][0]["text"] == "30.0 %"


def test_the_shop_is_re_evaluated_90_days_after_a_person_acted(
    unhappy_shop: Shop, as_staff: Client_
) -> None:
    evaluate_now()
    warned = take(as_staff, unhappy_shop, step="warning", reason="Unhappy buyers.",
                  flag="dissatisfaction")  # fmt: skip
    assert warned.status_code == 201
    assert not Flag.objects.filter(cleared_on__isnull=True).exists()  # reviewed: off the queue
    # 89 days later the (still bad) figures do not flag it again; on day 90 they do.
    for days, flagged in ((89, False), (90, True)):
        with clock.frozen_at(NOON + timedelta(days=days)):
            make_unhappy(unhappy_shop, f"d{days}-", TODAY + timedelta(days=days))
            evaluate_now()
        assert Flag.objects.filter(cleared_on__isnull=True).exists() is flagged


def test_staff_walk_the_shop_up_the_ladder_and_back(
    unhappy_shop: Shop, listing: Listing, as_staff: Client_, as_seller: Client_, api: Any
) -> None:
    evaluate_now()  # the automatic recommendation
    assert listing in listings_in_search()
    warning = take(as_staff, unhappy_shop, step="warning", reason="Three unhappy buyers.")
    assert warning.status_code == 201, warning.json()
    assert OutboxEmail.objects.filter(reason="standards_warning").count() == 1
    removal = take(
        as_staff,
        unhappy_shop,
        step="temporary",
        measures=["search_removal"],
        reason="Out of search until the listings are fixed.",
        flag="dissatisfaction",
        ends_on=str(TODAY + timedelta(days=30)),
    )
    assert removal.status_code == 201, removal.json()
    assert listing not in listings_in_search()
    shop = api.get(f"/shops/{unhappy_shop.external_id}").json()
    assert (shop["in_search"], shop["staff_measures"]) == (False, ["search_removal"])
    seen = as_seller.get(f"/shops/{unhappy_shop.external_id}/standards").json()
    assert seen["step"] == "temporary"
    assert seen["measures"] == ["search_removal"]
    assert [a["step"] for a in seen["actions"]] == ["temporary", "warning", "recommendation"]
    assert {a["by"] for a in seen["actions"]} == {"Trust & Safety", "Automatic rule"}

    lifted = as_staff.post(
        f"/standards/actions/{removal.json()['id']}/lift", {"reason": "Listings fixed."}
    )
    assert lifted.status_code == 200, lifted.json()
    assert (lifted.json()["in_force"], lifted.json()["lift_reason"]) == (False, "Listings fixed.")
    assert listing in listings_in_search()
    assert api.get(f"/shops/{unhappy_shop.external_id}").json()["staff_measures"] == []
    verbs = list(AuditEntry.objects.order_by("id").values_list("verb", "actor__username"))
    assert verbs == [
        ("action.taken", None),
        ("action.taken", "staff"),
        ("action.taken", "staff"),
        ("action.lifted", "staff"),
    ]
    again = as_staff.post(f"/standards/actions/{removal.json()['id']}/lift", {"reason": "x"})
    assert (again.status_code, again.json()["code"]) == (409, "not_in_force")


def test_a_paused_shop_takes_no_new_orders_through_the_integration_api(
    unhappy_shop: Shop, as_staff: Client_, api: Any
) -> None:
    order = {
        "buyer": {"id": "buyer-new", "email": "new@example.org"},
        "status": "paid",
        "ordered_at": NOON.isoformat(),
        "ship_by": str(TODAY + timedelta(days=3)),
        "items": [{"title": "Mug", "unit_price": "20.00"}],
    }
    paused = take(as_staff, unhappy_shop, step="temporary", measures=["pause_shop"],
                  reason="Paused while the backlog is shipped.")  # fmt: skip
    assert paused.status_code == 201
    refused = api.put(f"/shops/{unhappy_shop.external_id}/orders/new-1", order)
    assert (refused.status_code, refused.json()["code"]) == (409, "shop_not_accepting_orders")
    assert "Paused by the marketplace" in refused.json()["message"]
    # The marketplace re-sending the shop as active does not undo the measure.
    assert (
        api.put(f"/shops/{unhappy_shop.external_id}", {"name": "Atelier Lune"}).status_code == 200
    )
    assert api.put(f"/shops/{unhappy_shop.external_id}/orders/new-1", order).status_code == 409
    # Orders already placed still update (shipping the backlog).
    assert (
        api.put(f"/shops/{unhappy_shop.external_id}/orders/u9", _shipped("u9")).status_code == 200
    )
    as_staff.post(f"/standards/actions/{paused.json()['id']}/lift", {"reason": "Caught up."})
    assert api.put(f"/shops/{unhappy_shop.external_id}/orders/new-1", order).status_code == 201


def _shipped(key: str) -> dict[str, Any]:
    from comptoir.orders.models import Order

    o = Order.objects.get(external_id=key)
    return {
        "buyer": {"id": f"buyer-{key}", "email": f"{key}@example.org"},
        "status": "delivered",
        "ordered_at": o.ordered_at.isoformat(),
        "ship_by": str(o.ship_by),
        "shipped_at": o.ordered_at.isoformat(),
        "delivered_at": NOON.isoformat(),
        "tracking_carrier": "La Poste",
        "tracking_number": "T1",
        "items": [{"title": "Mug", "unit_price": "20.00"}],
    }


def test_payout_hold_and_no_promotions_are_read_by_the_marketplace(
    unhappy_shop: Shop, as_staff: Client_, api: Any
) -> None:
    held = take(as_staff, unhappy_shop, step="temporary",
                measures=["payout_hold", "no_promotions"], reason="Refunds first.")  # fmt: skip
    assert held.status_code == 201
    shop = api.get(f"/shops/{unhappy_shop.external_id}").json()
    assert (shop["payout_hold"], shop["payouts_held"]) == (False, True)
    assert shop["staff_measures"] == ["payout_hold", "no_promotions"]
    assert shop["accepts_orders"] is True
    unhappy_shop.refresh_from_db()
    assert unhappy_shop.may_send_promotions is False


def test_revocation_ends_selling_and_buying_until_lifted(
    unhappy_shop: Shop, seller: User, listing: Listing, as_staff: Client_, as_seller: Client_
) -> None:
    other, _ = Shop.objects.get_or_create(
        external_id="other", defaults={"name": "Other", "slug": "other"}
    )
    revoked = take(as_staff, unhappy_shop, step="revocation", reason="Fraud.")
    assert revoked.status_code == 201
    assert revoked.json()["measures"] == [
        "search_removal", "pause_shop", "payout_hold", "no_promotions"
    ]  # fmt: skip
    seller.refresh_from_db()
    assert seller.buying_revoked is True
    asked = as_seller.post(
        "/me/conversations", {"kind": "shop_inquiry", "shop_id": "other", "body": "Hello"}
    )
    assert (asked.status_code, asked.json()["code"]) == (409, "buying_revoked")
    assert listing not in listings_in_search()
    again = take(as_staff, unhappy_shop, step="warning", reason="More.")
    assert (again.status_code, again.json()["code"]) == (409, "revoked")
    as_staff.post(f"/standards/actions/{revoked.json()['id']}/lift", {"reason": "Appeal won."})
    seller.refresh_from_db()
    assert seller.buying_revoked is False
    assert listing in listings_in_search()
    asked = as_seller.post(
        "/me/conversations", {"kind": "shop_inquiry", "shop_id": other.external_id, "body": "Hi"}
    )
    assert asked.status_code == 201, asked.json()


def test_a_measure_ends_on_its_date(
    unhappy_shop: Shop, listing: Listing, as_staff: Client_
) -> None:
    from comptoir.standards.ladder import end_due_actions

    removal = take(as_staff, unhappy_shop, step="temporary", measures=["search_removal"],
                   reason="Two weeks.", ends_on=str(TODAY + timedelta(days=14)))  # fmt: skip
    assert removal.status_code == 201
    with clock.frozen_at(NOON + timedelta(days=13)):
        assert end_due_actions() == 0
        assert listing not in listings_in_search()
    with clock.frozen_at(NOON + timedelta(days=14)):
        assert end_due_actions() == 1
        assert end_due_actions() == 0
        assert listing in listings_in_search()
    assert AuditEntry.objects.filter(verb="action.ended", actor=None).count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"step": "warning", "reason": "  "}, "reason"),
        ({"step": "temporary", "reason": "No measure chosen."}, "measures"),
        ({"step": "warning", "reason": "x", "measures": ["pause_shop"]}, "measures"),
        (
            {"step": "temporary", "reason": "x", "measures": ["pause_shop"], "ends_on": str(TODAY)},
            "ends_on",
        ),
    ],
)
def test_an_invalid_action_is_refused_and_writes_nothing(
    unhappy_shop: Shop, as_staff: Client_, body: dict[str, Any], field: str
) -> None:
    refused = take(as_staff, unhappy_shop, **body)
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_action")
    assert field in refused.json()["fields"]
    assert (Action.objects.count(), AuditEntry.objects.count(), OutboxEmail.objects.count()) == (
        0,
        0,
        0,
    )
    unhappy_shop.refresh_from_db()
    assert unhappy_shop.staff_measures == []


def test_a_step_in_force_is_not_taken_twice(unhappy_shop: Shop, as_staff: Client_) -> None:
    body = {"step": "temporary", "measures": ["pause_shop"], "reason": "Backlog."}
    assert take(as_staff, unhappy_shop, **body).status_code == 201
    again = take(as_staff, unhappy_shop, **body)
    assert (again.status_code, again.json()["code"]) == (409, "already_in_force")


def test_only_trust_and_safety_act_and_sellers_see_only_their_shop(
    unhappy_shop: Shop, good_shop: Shop, as_seller: Client_, as_buyer: Client_
) -> None:
    evaluate_now()
    for client in (as_seller, as_buyer):
        assert take(client, unhappy_shop, step="warning", reason="x").status_code == 404
        assert client.get("/standards/queue").status_code == 404
        assert client.get("/standards/audit").status_code == 404
    theirs = as_seller.get(f"/shops/{good_shop.external_id}/standards")
    assert (theirs.status_code, theirs.json()["code"]) == (404, "shop_not_found")
    assert as_buyer.get(f"/shops/{unhappy_shop.external_id}/standards").status_code == 404
    assert Action.objects.filter(author__isnull=False).count() == 0


def test_the_queue_lists_flagged_shops_with_figures_and_trend(
    unhappy_shop: Shop, good_shop: Shop, as_staff: Client_
) -> None:
    from comptoir.standards.models import StandardsSettings

    StandardsSettings.objects.create(id=1, auto_recommendation=False)
    with clock.frozen_at(NOON - timedelta(days=30)):
        evaluate_now()
    evaluate_now()
    queue = as_staff.get("/standards/queue").json()
    assert (queue["day"], queue["waiting"]) == (str(TODAY), 1)
    [row] = queue["items"]
    assert (row["shop_id"], row["flags"], row["dissatisfaction_rate"]) == (
        unhappy_shop.external_id,
        ["dissatisfaction"],
        0.3,
    )
    assert row["dissatisfaction_rate_30_days_ago"] is not None
    everyone = as_staff.get("/standards/queue", view="all", sort="orders").json()
    assert [r["shop_id"] for r in everyone["items"]] == ["good", unhappy_shop.external_id]
    bad = as_staff.get("/standards/queue", sort="stars")
    assert bad.status_code == 422


def test_dismissing_a_flag_takes_the_shop_off_the_queue(
    unhappy_shop: Shop, as_staff: Client_
) -> None:
    from comptoir.standards.models import StandardsSettings

    StandardsSettings.objects.create(id=1, auto_recommendation=False)
    evaluate_now()
    flag = Flag.objects.get()
    refused = as_staff.post(f"/standards/flags/{flag.id}/dismiss", {"reason": ""})
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_dismissal")
    done = as_staff.post(f"/standards/flags/{flag.id}/dismiss", {"reason": "Courier strike."})
    assert done.status_code == 204
    evaluate_now()
    assert as_staff.get("/standards/queue").json()["items"] == []
    assert AuditEntry.objects.get(verb="flag.dismissed").details["reason"] == "Courier strike."


def test_settings_change_the_evaluation_and_are_audited(
    unhappy_shop: Shop, as_staff: Client_
) -> None:
    changed = as_staff.call("PATCH", "/standards/settings", {"dissatisfaction_rate": 31})
    assert changed.status_code == 200, changed.json()
    assert changed.json()["dissatisfaction_rate"] == 31.0
    evaluate_now()
    assert not Flag.objects.exists()  # 30 % < 31 %
    entry = AuditEntry.objects.get(verb="settings.changed")
    assert entry.details["changes"]["dissatisfaction_rate"] == ["1", "31"]
    wrong = as_staff.call("PATCH", "/standards/settings", {"late_share": 0})
    assert (wrong.status_code, wrong.json()["fields"]) == (422, {"late_share": "invalid"})


def test_the_audit_log_lists_and_exports_and_the_export_is_audited(
    unhappy_shop: Shop, as_staff: Client_
) -> None:
    take(as_staff, unhappy_shop, step="warning", reason="Late again.")
    log = as_staff.get("/standards/audit", shop=unhappy_shop.external_id).json()
    assert [e["verb"] for e in log["items"]] == ["action.taken"]
    assert log["items"][0]["by"] == "staff"
    exported = as_staff.client.get("/api/v1/standards/audit.csv", **as_staff.auth)
    lines = b"".join(exported.streaming_content).decode().splitlines()
    assert lines[0].startswith("at (UTC),by,what")
    assert any("action.taken" in line and "Late again." in line for line in lines)
    assert AuditEntry.objects.filter(verb="audit.exported").count() == 1


def test_an_evaluation_on_demand_runs_in_the_background(
    unhappy_shop: Shop, as_staff: Client_
) -> None:
    from comptoir.standards.tasks import run_evaluation

    started = as_staff.post("/standards/evaluations")
    assert started.status_code == 202
    evaluation_id = started.json()["id"]
    assert started.json()["state"] == "running"
    busy = as_staff.post("/standards/evaluations")
    assert (busy.status_code, busy.json()["code"]) == (409, "evaluation_running")
    run_evaluation.call(evaluation_id)
    done = as_staff.get(f"/standards/evaluations/{evaluation_id}").json()
    assert (done["state"], done["shops_flagged"], done["automatic_actions"]) == ("done", 1, 1)
    assert AuditEntry.objects.filter(verb="evaluation.requested").count() == 1


def test_the_queue_costs_the_same_queries_for_one_shop_as_for_many(
    unhappy_shop: Shop, as_staff: Client_
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comptoir.shops.services import shop_upsert
    from tests.standards.conftest import make_unhappy

    def queries() -> int:
        evaluate_now()
        as_staff.get("/standards/queue")  # the token's last use is written once
        with CaptureQueriesContext(connection) as captured:
            page = as_staff.get("/standards/queue", view="all")
        assert page.status_code == 200
        return len(captured)

    one = queries()
    for n in range(5):
        other, _ = shop_upsert(external_id=f"more-{n}", name=f"More {n}", time_zone="UTC")
        make_unhappy(other, prefix=f"m{n}-")
    assert len(as_staff.get("/standards/queue").json()["items"]) == 1  # not evaluated yet
    many = queries()
    assert len(as_staff.get("/standards/queue").json()["items"]) == 6
    assert many == one


def test_the_daily_job_evaluates_once_a_day(unhappy_shop: Shop) -> None:
    from comptoir.standards.evaluation import evaluate_daily
    from comptoir.standards.models import Evaluation

    assert evaluate_daily() is not None
    assert evaluate_daily() is None
    with clock.frozen_at(NOON + timedelta(days=1)):
        assert evaluate_daily() is not None
    assert Evaluation.objects.filter(trigger="scheduled").count() == 2


def test_a_rule_allowed_to_warn_warns_when_the_shop_is_flagged_again(
    unhappy_shop: Shop, as_staff: Client_
) -> None:
    from comptoir.standards.models import StandardsSettings

    StandardsSettings.objects.create(id=1, auto_warning=True)
    evaluate_now()
    flag = Flag.objects.get()
    as_staff.post(f"/standards/flags/{flag.id}/dismiss", {"reason": "Give them time."})
    later = TODAY + timedelta(days=90)
    with clock.frozen_at(NOON + timedelta(days=90)):
        make_unhappy(unhappy_shop, "again-", later)
        evaluate_now()
    steps = list(Action.objects.order_by("taken_at").values_list("step", "automatic"))
    assert steps == [(1, True), (2, True)]
    assert OutboxEmail.objects.filter(reason="standards_warning").count() == 1
    # A rule never goes further: the shop stays in the queue for a person.
    assert Flag.objects.filter(cleared_on__isnull=True).count() == 1
