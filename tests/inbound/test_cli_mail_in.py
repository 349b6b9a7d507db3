"""`comptoir mail-in`, and `comptoir serve` with MAIL_IN_PORT, as separate processes."""

from __future__ import annotations

import os
import smtplib
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.mail.smtp import free_port

DOMAIN = "reply.comptoir.test"


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on {port}: {log.read_text()}")


def _run(args: list[str], data: Path, **env: str) -> tuple[subprocess.Popen[bytes], Path]:
    log = data / "out.log"
    environment = {
        **os.environ,
        "COMPTOIR_DATA_DIR": str(data),
        "MAIL_REPLY_DOMAIN": DOMAIN,
        **env,
    }
    environment.pop("DATABASE_URL", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "comptoir.cli", *args],
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return process, log


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def _answer_a_stranger(port: int) -> None:
    """A mail for an address no notification ever carried: accepted (250), not posted."""
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        smtp.ehlo()
        smtp.mail("someone@example.org")
        assert smtp.rcpt("someone@elsewhere.example")[0] == 550
        assert smtp.rcpt(f"reply+1-b1-1-aaaaaaaaaaaaaaaa@{DOMAIN}")[0] == 250
        message = (
            f"From: someone@example.org\r\nTo: reply+1-b1-1-aaaaaaaaaaaaaaaa@{DOMAIN}\r\n"
            "Subject: hello\r\n\r\nHello\r\n"
        ).encode()
        code, answer = smtp.data(message)
    assert code == 250
    assert b"refused:forged" in answer


def test_mail_in_takes_mail_for_the_reply_domain(tmp_path: Path) -> None:
    port = free_port()
    process, log = _run(["mail-in", "--port", str(port)], tmp_path)
    try:
        _wait_for(port, process, log)
        _answer_a_stranger(port)
    finally:
        _stop(process)
    assert "Taking replies by e-mail for reply.comptoir.test" in log.read_text()


def test_mail_in_refuses_to_start_without_a_reply_domain(tmp_path: Path) -> None:
    process, log = _run(["mail-in"], tmp_path, MAIL_REPLY_DOMAIN="")
    assert process.wait(timeout=90) == 2
    assert "Set MAIL_REPLY_DOMAIN first" in log.read_text()


def test_serve_starts_the_listener_when_mail_in_port_is_set(tmp_path: Path) -> None:
    port, mail_port = free_port(), free_port()
    process, log = _run(
        ["serve", "--port", str(port), "--no-demo", "--no-live", "--no-worker", "--workers", "1"],
        tmp_path,
        MAIL_IN_PORT=str(mail_port),
    )
    try:
        _wait_for(mail_port, process, log)
        _answer_a_stranger(mail_port)
    finally:
        _stop(process)
    assert f"Replies by e-mail on smtp://127.0.0.1:{mail_port}" in log.read_text()
