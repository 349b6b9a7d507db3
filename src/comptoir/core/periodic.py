"""Jobs that run every so often in the worker (`comptoir worker`, and inside `serve`).

Apps register a job in their AppConfig.ready. Every job must be idempotent: with several
workers it may run in more than one at once, and a missed run is simply done by the next.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import close_old_connections

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: float  # seconds
    run: Callable[[], object]


_jobs: dict[str, Job] = {}


def register(name: str, every: float, run: Callable[[], object]) -> None:
    _jobs[name] = Job(name, every, run)


def jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def run_due(last: dict[str, float], now: float) -> list[str]:
    """Run the jobs whose interval has passed since they last ran; their names."""
    ran = []
    for job in jobs():
        if now - last.get(job.name, float("-inf")) < job.every:
            continue
        last[job.name] = now
        close_old_connections()
        try:
            job.run()
        except Exception:  # a failing job must not stop the others; it is retried next time
            log.exception("periodic job %s failed", job.name)
        finally:
            close_old_connections()
        ran.append(job.name)
    return ran


def start(stop: threading.Event, tick: float = 5.0) -> threading.Thread:
    """Run the jobs in a daemon thread until `stop` is set."""

    def loop() -> None:
        last: dict[str, float] = {}
        while not stop.is_set():
            run_due(last, time.monotonic())
            stop.wait(tick)

    thread = threading.Thread(target=loop, name="comptoir-periodic", daemon=True)
    thread.start()
    return thread
