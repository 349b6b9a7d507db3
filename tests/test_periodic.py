"""The worker's periodic jobs: each runs once per interval, and one failing stops none."""

from __future__ import annotations

import threading

import pytest

from comptoir.core import periodic

# Jobs close stale database connections around each run, as the worker does between tasks.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def jobs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    ran: list[str] = []
    monkeypatch.setattr(periodic, "_jobs", {})

    def boom() -> None:
        ran.append("boom")
        raise RuntimeError("broken job")

    periodic.register("a-every-10", 10, lambda: ran.append("a"))
    periodic.register("b-broken", 5, boom)
    return ran


def test_jobs_run_when_their_interval_has_passed(jobs: list[str]) -> None:
    last: dict[str, float] = {}
    assert periodic.run_due(last, 100.0) == ["a-every-10", "b-broken"]
    assert periodic.run_due(last, 104.0) == []
    assert periodic.run_due(last, 105.0) == ["b-broken"]
    assert periodic.run_due(last, 110.0) == ["a-every-10", "b-broken"]
    assert jobs == ["a", "boom", "boom", "a", "boom"]  # the broken job never stopped "a"


def test_the_thread_runs_jobs_until_stopped(jobs: list[str]) -> None:
    stop = threading.Event()
    thread = periodic.start(stop, tick=0.01)
    for _ in range(200):
        if "a" in jobs:
            break
        stop.wait(0.01)
    stop.set()
    thread.join(timeout=2)
    assert "a" in jobs
    assert not thread.is_alive()


def test_responsiveness_settles_every_minute() -> None:
    job = {j.name: j for j in periodic.jobs()}["responsiveness.settle"]
    assert job.every == 60
