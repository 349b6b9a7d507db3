"""`rebuild-responsiveness`: a check changes nothing, a rebuild settles and repairs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.catalog.models import Listing
from comptoir.cli import main
from comptoir.core import clock
from comptoir.responsiveness import history
from comptoir.responsiveness.models import Day, FirstMessage, Span
from tests.messaging.conftest import Client_
from tests.responsiveness.test_figures import T0, H, ask, reply

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


@pytest.fixture
def seller_(as_seller: Client_, listing: Listing) -> Client_:
    return as_seller


def dump() -> dict[str, list[dict[str, Any]]]:
    """Every row of the responsiveness tables, every field."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Span, FirstMessage, Day)
    }


@pytest.fixture
def overdue(as_buyer: Client_, seller_: Client_) -> int:
    """One first message answered on time, one left unanswered past its 24 hours (and not
    settled yet: the periodic job has not run). Returns the overdue thread's id."""
    answered = ask(as_buyer, T0)
    reply(seller_, answered, T0 + H)
    late = ask(as_buyer, T0 + 2 * H)
    assert FirstMessage.objects.get(conversation_id=late).outcome == "pending"
    return late


def test_check_changes_nothing_when_a_first_message_is_overdue(
    overdue: int, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump()
    with (
        clock.frozen_at(T0 + 30 * H),
        CaptureQueriesContext(connection) as queries,
    ):
        code = main(["rebuild-responsiveness", "--check"])
    # Settling is the periodic job's work, not a difference: the check compares what the
    # figures will be once it has run.
    assert code == 0
    out = capsys.readouterr().out
    assert "No difference" in out
    assert "1 first messages overdue" in out
    assert dump() == before
    assert FirstMessage.objects.get(conversation_id=overdue).outcome == "pending"
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []


def test_check_reports_a_difference_beside_an_overdue_first_message(
    overdue: int, capsys: pytest.CaptureFixture[str]
) -> None:
    Day.objects.filter(day=T0.date()).update(spans=2)  # settling leaves span figures be
    before = dump()
    with clock.frozen_at(T0 + 30 * H):
        assert main(["rebuild-responsiveness", "--check"]) == 1
    out = capsys.readouterr().out
    # One 1-hour span, one answered and one missed (once settled): only `spans` differs.
    hour = 3_600_000_000
    assert f"day {T0.date()}" in out
    assert f"stored:  (2, {hour}, {hour}, 1, 1, 0, 0, 0, 0, 0)" in out
    assert f"derived: (1, {hour}, {hour}, 1, 1, 0, 0, 0, 0, 0)" in out
    assert "1 differences in 1 shops (nothing was changed: --check)" in out
    assert dump() == before


def test_rebuild_settles_then_the_check_finds_nothing(
    overdue: int, capsys: pytest.CaptureFixture[str]
) -> None:
    with clock.frozen_at(T0 + 30 * H):
        assert main(["rebuild-responsiveness"]) == 0
        assert "1 first messages settled as unanswered" in capsys.readouterr().out
        assert FirstMessage.objects.get(conversation_id=overdue).outcome == "unanswered"
        assert Day.objects.get(day=T0.date()).missed == 1
        settled = dump()
        assert main(["rebuild-responsiveness", "--check"]) == 0
        out = capsys.readouterr().out
    assert "No difference" in out
    assert "0 first messages overdue" in out
    assert dump() == settled


def test_a_check_settles_in_memory_only(overdue: int) -> None:
    before = dump()
    report = history.rebuild(T0 + 30 * H, fix=False)
    assert (report.settled, report.difference_count) == (1, 0), report.differences
    assert dump() == before
    # The same instant a second later than the deadline, and a second before it.
    deadline = T0 + 26 * H
    assert history.rebuild(deadline, fix=False).settled == 0
    assert history.rebuild(deadline + timedelta(seconds=1), fix=False).settled == 1
    assert dump() == before


def test_a_check_counts_a_miss_on_a_day_with_no_figures_yet(
    overdue: int, as_buyer: Client_
) -> None:
    next_day = T0 + 24 * H
    ask(as_buyer, next_day)  # no figures for that day until it is settled
    assert not Day.objects.filter(day=next_day.date()).exists()
    before = dump()
    report = history.rebuild(next_day + 25 * H, fix=False)
    assert (report.settled, report.difference_count) == (2, 0), report.differences
    assert dump() == before
    fixed = history.rebuild(next_day + 25 * H, fix=True)
    assert (fixed.settled, fixed.difference_count) == (2, 0), fixed.differences
    assert Day.objects.get(day=next_day.date()).missed == 1
