"""The `comptoir` command, run as a user runs it."""

from __future__ import annotations

import email
import email.policy
import http.cookiejar
import json
import re
import socket
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django_otp.oath import hotp

from comptoir.accounts.models import User
from comptoir.cli import main
from comptoir.demo.second_factor import DEMO_TOTP_KEY
from tests.serving import comptoir_serve


def test_createstaff_makes_a_trust_and_safety_account(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "createstaff",
            "--username",
            "ines",
            "--email",
            "ines@example.org",
            "--password",
            "a-long-staff-password",
        ]
    )

    assert code == 0
    user = User.objects.get(username="ines")
    assert user.is_trust_and_safety
    assert user.check_password("a-long-staff-password")
    assert "created" in capsys.readouterr().out


def test_createstaff_refuses_a_taken_username(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    User.objects.create_user(username="ines")
    code = main(["createstaff", "--username", "ines", "--password", "whatever-long-1"])
    assert code == 2
    assert "taken" in capsys.readouterr().err


def test_seed_reports_what_it_made(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["seed", "--shops", "3", "--buyers", "20", "--orders", "60", "--seed", "7"])
    assert code == 0
    out = capsys.readouterr().out
    assert "Seeded 3 shops, 20 buyers" in out
    assert "60 orders" in out


def test_seed_makes_conversations_when_asked(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    from comptoir.messaging.models import Conversation, Message

    sizes = "--shops 2 --buyers 10 --orders 20 --conversations 15 --messages 40 --seed 8"
    code = main(["seed", *sizes.split()])
    assert code == 0
    assert "Conversations: 15, messages: 40." in capsys.readouterr().out
    assert (Conversation.objects.count(), Message.objects.count()) == (15, 40)

    code = main(["seed", "--shops", "2", "--buyers", "10", "--conversations", "5", "--seed", "9"])
    assert code == 0
    assert Message.objects.count() == 40 + 5 * 8  # eight per conversation unless told

    code = main(["seed", "--conversations", "5", "--messages", "4", "--seed", "10"])
    assert code == 2
    assert "at least one message" in capsys.readouterr().err


def test_rebuild_responsiveness_checks_and_repairs(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from comptoir.responsiveness.models import Day

    sizes = "--shops 2 --buyers 10 --orders 20 --conversations 15 --messages 60 --seed 11"
    assert main(["seed", *sizes.split()]) == 0
    assert Day.objects.filter(spans__gt=0).exists()  # the seed derived its figures
    capsys.readouterr()
    assert main(["rebuild-responsiveness", "--check"]) == 0
    out = capsys.readouterr().out
    assert "60 messages of 2 shops" in out
    assert "No difference" in out
    day = Day.objects.filter(spans__gt=0).first()
    assert day is not None
    Day.objects.filter(pk=day.pk).update(spans=day.spans + 1)
    assert main(["rebuild-responsiveness", "--check"]) == 1
    out = capsys.readouterr().out
    assert f"day {day.day}" in out
    assert "1 differences in 1 shops (nothing was changed: --check)" in out
    assert main(["rebuild-responsiveness"]) == 0
    assert "those shops were rebuilt" in capsys.readouterr().out
    assert main(["rebuild-responsiveness", "--check"]) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`comptoir serve` on a fresh SQLite database, as a separate process."""
    data = tmp_path_factory.mktemp("serve")
    with comptoir_serve(data, free_port(), "--workers", "1") as base:
        yield base, data / "serve.log"


class Browser:
    """Plain HTTP with cookies, as a browser without JavaScript."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        return str(self.opener.open(self.base + path).read().decode())

    def post(self, path: str, data: bytes, headers: dict[str, str]) -> str:
        headers = {"Referer": self.base + path, **headers}
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        return str(self.opener.open(request).read().decode())

    def cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name and c.value)

    def log_in(self, username: str, password: str) -> str:
        form = self.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert token, "the login page has a CSRF token"
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        ).encode()
        return self.post("/login/", body, {})

    def enter_code(self, code: str) -> str:
        form = self.get("/account/two-factor/verify/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert token, "the code page has a CSRF token"
        body = urllib.parse.urlencode({"code": code, "csrfmiddlewaretoken": token.group(1)})
        return self.post("/account/two-factor/verify/", body.encode(), {})


@pytest.mark.parametrize("role", ["buyer", "seller", "staff"])
def test_serve_loads_the_demo_and_its_logins_work(served: tuple[str, Path], role: str) -> None:
    from comptoir.demo.marketplace import DEMO_LOGINS

    base, log = served
    output = log.read_text()
    login = next(login for login in DEMO_LOGINS if login.role == role)
    assert f"{login.username} / {login.password}" in output, output

    browser = Browser(base)
    page = browser.log_in(login.username, login.password)
    if role == "staff":  # then the second factor: a code for the demo's published key
        assert 'action="/account/two-factor/verify/"' in page
        page = browser.enter_code(f"{hotp(DEMO_TOTP_KEY, int(time.time()) // 30):06d}")
        assert "/staff/" in page  # the console's links: past the gate

    assert 'action="/logout/"' in page
    assert "/login/" not in re.findall(r'<form[^>]*action="([^"]+)"', page)


def test_serve_answers_the_api_schema(served: tuple[str, Path]) -> None:
    base, _log = served
    with urllib.request.urlopen(base + "/api/v1/openapi.json") as response:
        assert response.status == 200
        assert b'"openapi"' in response.read()


def test_serve_runs_sqlite_in_wal_mode(served: tuple[str, Path]) -> None:
    _base, log = served
    database = log.parent / "comptoir.sqlite3"
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_serve_runs_background_tasks_in_process(served: tuple[str, Path]) -> None:
    """A token created over HTTP sends its e-mail notice through the in-process worker."""
    base, log = served
    browser = Browser(base)
    browser.log_in("seller", "demo-seller")
    created = json.loads(
        browser.post(
            "/api/v1/me/tokens",
            json.dumps({"name": "Served token"}).encode(),
            {"Content-Type": "application/json", "X-CSRFToken": browser.cookie("csrftoken")},
        )
    )
    assert created["secret"].startswith("cpt_")
    # No EMAIL_URL: the notice is a file in the local mailbox and one line on the terminal.
    line = re.compile(r"^mail → claire@demo\.comptoir\.example: .*\((\S+\.eml)\)$", re.MULTILINE)
    deadline = time.monotonic() + 20
    while not line.search(log.read_text()) and time.monotonic() < deadline:
        time.sleep(0.2)
    written = [Path(path) for path in line.findall(log.read_text())]
    assert len(written) == 1, "the e-mail notice was written to the mailbox, in one line"
    assert written[0].parent == log.parent / "mailbox"
    parsed = email.message_from_bytes(written[0].read_bytes(), policy=email.policy.default)
    notice = parsed.get_content()
    assert "Served token" in notice
    assert f"{base}/account/" in notice, "the link points at the server that sent it"


def test_serve_prints_a_signed_link_that_opens_the_demo_buyer_messages(
    served: tuple[str, Path],
) -> None:
    base, log = served
    output = log.read_text()
    assert "Recovery codes for staff" in output, "serve says how the demo's staff pass 2FA"
    links = re.findall(r"(http://\S+/sign-in/link/\?token=\S+)", output)
    assert len(links) == 1, "serve prints one signed link for the demo buyer"
    browser = Browser(base)
    page = browser.opener.open(links[0])
    assert page.geturl() == base + "/messages/"
    html = page.read().decode()
    assert 'action="/logout/"' in html
    assert "Camille" in html
    with pytest.raises(urllib.error.HTTPError) as replay:
        Browser(base).opener.open(links[0])
    assert replay.value.code == 400


def test_sign_link_prints_a_link_for_a_known_person(
    buyer: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sign-link", "--user", "buyer-1", "--next", "/messages/"]) == 0
    assert "/sign-in/link/?token=" in capsys.readouterr().out
    assert main(["sign-link", "--user", "nobody"]) == 2
    assert main(["sign-link", "--user", "buyer-1", "--next", "https://evil.example/"]) == 2
