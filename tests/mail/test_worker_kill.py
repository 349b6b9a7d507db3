"""`kill -9` of the real worker process in the middle of an SMTP dialogue loses no e-mail
and sends none twice: the restarted worker sends every outbox row exactly once.

Everything runs as a user runs it: `comptoir manage` writes the outbox, `comptoir worker`
sends to an aiosmtpd sink on 127.0.0.1, on a fresh SQLite file or a fresh PostgreSQL
database of its own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tests.mail.smtp import free_port, smtp_sink

ROWS = 20
BATCH = 4
KILL_AT = 7  # the 7th e-mail's RCPT TO is held; the worker is killed while it waits

SEED = f"""
from django.db import transaction
from comptoir.core.outbox import queue_email
with transaction.atomic():
    for i in range({ROWS}):
        queue_email(recipient=f"r{{i}}@example.org", subject=f"n{{i}}", body="b", link="",
                    reason="test")
"""

STATE = """
import json
from django_tasks_db.models import DBTaskResult
from comptoir.core.models import OutboxEmail
from comptoir.core.outbox import message_id
rows = [
    {"id": e.id, "sent": e.sent_at is not None, "attempts": e.attempts,
     "message_id": message_id(e)}
    for e in OutboxEmail.objects.order_by("id")
]
runs = [
    {"status": t.status, "error": t.exception_class_path}
    for t in DBTaskResult.objects.filter(task_path="comptoir.core.outbox.deliver_email")
]
print("STATE" + json.dumps({"rows": rows, "runs": runs}))
"""


def comptoir(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "comptoir.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def state(env: dict[str, str]) -> dict[str, Any]:
    out = comptoir(env, "manage", "shell", "-c", STATE)
    data: dict[str, Any] = json.loads(out.split("STATE", 1)[1])
    return data


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "comptoir.cli", "worker", "--interval", "0.2"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def base_env(tmp_path: Path, smtp: int) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SITE_URL")
    }
    env.update(
        COMPTOIR_DATA_DIR=str(tmp_path),
        SECRET_KEY="kill-test-" + uuid.uuid4().hex,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp}",
        EMAIL_TIMEOUT="10",
        EMAIL_BATCH_SIZE=str(BATCH),
        EMAIL_LEASE="2",
        EMAIL_SWEEP_GRACE="0",
        EMAIL_SWEEP_EVERY="1",
        EMAIL_RETRY_BASE="0.5",
    )
    return env


def kill_mid_delivery_then_restart(env: dict[str, str], smtp: int, tmp_path: Path) -> None:
    comptoir(env, "manage", "migrate", "--verbosity", "0")
    comptoir(env, "manage", "shell", "-c", SEED)
    log = tmp_path / "worker.log"
    with smtp_sink(smtp) as sink:
        sink.hold_at = KILL_AT
        worker = start_worker(env, log)
        try:
            assert sink.holding.wait(120), log.read_text()
            os.kill(worker.pid, signal.SIGKILL)  # mid-dialogue: RCPT TO sent, no answer yet
            worker.wait(timeout=30)
        finally:
            if worker.poll() is None:
                os.kill(worker.pid, signal.SIGKILL)
        sink.release.set()
        assert len(sink.received) == KILL_AT - 1
        before = state(env)
        assert [r["status"] for r in before["runs"]].count("RUNNING") == 1  # left behind
        held = [r for r in before["rows"] if not r["sent"] and r["attempts"]]
        assert len(held) == BATCH - (KILL_AT - 1) % BATCH  # the killed batch's claimed rows

        worker = start_worker(env, log)
        try:
            wait_for(lambda: len(sink.received) >= ROWS, 120, "every e-mail")
            time.sleep(1.5)  # time enough for a repeat to show
        finally:
            os.kill(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)
    after = state(env)
    expected = {r["message_id"]: 1 for r in after["rows"]}
    assert len(expected) == ROWS
    assert sink.ids() == expected, log.read_text()  # every row, exactly once
    assert all(r["sent"] for r in after["rows"])
    assert "RUNNING" not in [r["status"] for r in after["runs"]]
    assert any(r["error"].endswith("LeaseExpired") for r in after["runs"])


def test_kill_9_mid_delivery_on_sqlite(tmp_path: Path) -> None:
    smtp = free_port()
    kill_mid_delivery_then_restart(base_env(tmp_path, smtp), smtp, tmp_path)


@pytest.fixture
def fresh_postgres() -> Iterator[str]:
    """A PostgreSQL database of the test's own, on the server the suite uses."""
    import psycopg

    settings = connection.settings_dict
    name = f"comptoir_kill_{uuid.uuid4().hex[:10]}"
    server = psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )
    server.execute(f'CREATE DATABASE "{name}"')
    user = settings["USER"]
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    try:
        yield f"postgres://{user}{password}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs with the PostgreSQL suite")
def test_kill_9_mid_delivery_on_postgresql(tmp_path: Path, fresh_postgres: str) -> None:
    smtp = free_port()
    env = base_env(tmp_path, smtp)
    env["DATABASE_URL"] = fresh_postgres
    kill_mid_delivery_then_restart(env, smtp, tmp_path)
