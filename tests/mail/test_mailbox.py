"""The local mailbox: with no EMAIL_URL each e-mail is a file and one line on the terminal;
Trust & Safety read them at /staff/mail/; the demo's e-mails never reach a mail server."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.test import Client

from comptoir.accounts.models import User
from comptoir.core.mailbox import BACKEND, MAIL_ID, new_mail_id, read_mail
from comptoir.core.models import OutboxEmail
from comptoir.core.outbox import drain, message_id, queue_email
from comptoir.demo.marketplace import load_demo
from comptoir.standards import mailbox_views
from tests.accounts.helpers import staff_client
from tests.mail.smtp import smtp_sink

pytestmark = pytest.mark.django_db

HOSTILE_HTML = (
    '<p>Hello <b>Camille</b></p><script>alert("mail")</script>'
    '<img src="https://tracker.example/pixel.gif" onerror="alert(1)">'
)


@pytest.fixture
def mailbox(settings: Any, tmp_path: Path) -> Path:
    """E-mails go to the local mailbox, in a folder of this test's own."""
    folder = tmp_path / "mailbox"
    settings.EMAIL_BACKEND = BACKEND
    settings.EMAIL_FILE_PATH = str(folder)
    return folder


def files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.eml")) if folder.exists() else []


def send(subject: str, to: str, *, html: str = "") -> None:
    message = EmailMultiAlternatives(subject, f"Text of {subject}", None, [to])
    if html:
        message.attach_alternative(html, "text/html")
    get_connection().send_messages([message])


# --- the backend ----------------------------------------------------------------------------


def test_each_e_mail_is_one_file_and_one_line(mailbox: Path, capsys: Any) -> None:
    send("New message: the blue vase", "camille@example.org", html=HOSTILE_HTML)
    send("New question: linen apron", "claire@example.org")

    first, _second = files(mailbox)  # names sort by time: the first written comes first
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("mail → camille@example.org: New message: the blue vase (")
    assert lines[0].endswith(f"{first.name})")
    assert lines[1].startswith("mail → claire@example.org: New question: linen apron (")
    parsed = email.message_from_bytes(first.read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "camille@example.org"
    assert parsed["Subject"] == "New message: the blue vase"
    assert parsed["Date"]
    assert parsed["Message-ID"]
    text = parsed.get_body(preferencelist=("plain",))
    html = parsed.get_body(preferencelist=("html",))
    assert text is not None
    assert text.get_content().strip() == "Text of New message: the blue vase"
    assert html is not None
    assert html.get_content().strip() == HOSTILE_HTML
    assert not [p for p in mailbox.iterdir() if not MAIL_ID.match(p.name)], "no temporary left"


def test_an_outbox_row_lands_in_the_mailbox_with_its_message_id(mailbox: Path, capsys: Any) -> None:
    with transaction.atomic():
        row = queue_email(
            recipient="buyer@example.org",
            subject="New message: parcel",
            body="Claire wrote: it left today.",
            link="http://testserver/messages/1/",
            reason="new_message",
        )

    assert drain().sent == [row.id]

    [path] = files(mailbox)
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert parsed["Message-ID"] == message_id(row)
    assert "it left today" in parsed.get_body(preferencelist=("plain",)).get_content()
    row.refresh_from_db()
    assert row.sent_at is not None
    assert capsys.readouterr().err.count("mail → buyer@example.org") == 1


def test_names_never_collide_and_sort_by_time(mailbox: Path) -> None:
    names = [new_mail_id() for _ in range(2000)]
    assert len(set(names)) == 2000
    assert all(MAIL_ID.match(name) for name in names)
    stamps = [name.split("Z-")[0] for name in names]
    assert stamps == sorted(stamps)


def test_without_email_url_the_mailbox_is_the_backend(tmp_path: Path) -> None:
    def backend(**extra: str) -> str:
        environ = {k: v for k, v in os.environ.items() if k != "EMAIL_URL"}
        environ.update(COMPTOIR_DATA_DIR=str(tmp_path), **extra)
        code = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
        return subprocess.run(
            [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
        ).stdout.strip()

    assert backend() == BACKEND
    assert backend(EMAIL_URL="smtp://127.0.0.1:2525") == (
        "django.core.mail.backends.smtp.EmailBackend"
    )
    assert backend(EMAIL_URL="consolemail://") == "django.core.mail.backends.console.EmailBackend"


# --- the staff page -------------------------------------------------------------------------


def test_staff_list_the_mailbox_newest_first_and_open_one(mailbox: Path, staff: User) -> None:
    send("Older one", "a@example.org")
    send("Newer one", "b@example.org", html=HOSTILE_HTML)
    web = staff_client(staff)

    page = web.get("/staff/mail/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("Newer one") < html.index("Older one")
    assert "b@example.org" in html
    assert "a@example.org" in html
    newer = files(mailbox)[-1].name
    opened = web.get(f"/staff/mail/{newer}/")
    html = opened.content.decode()
    assert opened.status_code == 200
    assert "Newer one" in html
    assert "Text of Newer one" in html
    assert "Message-ID" in html  # the headers
    # The HTML part: in a sandboxed frame's srcdoc, escaped; never markup of this page.
    assert '<iframe class="mailbox__html" sandbox=""' in html
    assert "<script>alert" not in html
    assert "onerror=" not in html.replace("onerror=&quot;", "")
    assert "&lt;script&gt;alert(&quot;mail&quot;)&lt;/script&gt;" in html


def test_the_mailbox_pages(mailbox: Path, staff: User, monkeypatch: Any) -> None:
    monkeypatch.setattr(mailbox_views, "PAGE", 2)
    for n in range(3):
        send(f"Mail number {n}", f"p{n}@example.org")
    web = staff_client(staff)

    first = web.get("/staff/mail/").content.decode()
    assert "Mail number 2" in first
    assert "Mail number 1" in first
    assert "Mail number 0" not in first
    cursor = files(mailbox)[1].name
    assert f'href="?cursor={cursor}" rel="next"' in first
    second = web.get("/staff/mail/", {"cursor": cursor}).content.decode()
    assert "Mail number 0" in second
    assert "Mail number 1" not in second
    assert 'rel="next"' not in second
    assert web.get("/staff/mail/", {"cursor": "../../secret_key"}).status_code == 400


def test_no_id_reaches_outside_the_mailbox(mailbox: Path, staff: User, tmp_path: Path) -> None:
    send("Inside", "a@example.org")
    secret = tmp_path / "secret.eml"
    secret.write_text("Subject: outside\n\nnot for the page\n")
    linked = mailbox / new_mail_id()
    linked.symlink_to(secret)  # a well-shaped name pointing out of the folder
    web = staff_client(staff)

    for bad in (
        "..%2Fsecret.eml",
        "..%252Fsecret.eml",
        "secret.eml",
        files(mailbox)[0].name.replace(".eml", ".txt"),
        new_mail_id(),  # well shaped, no such file
        linked.name,
        "%2E%2E",
    ):
        response = web.get(f"/staff/mail/{bad}/")
        assert response.status_code == 404, bad
        assert b"not for the page" not in response.content
    assert "outside" not in web.get("/staff/mail/").content.decode()
    with pytest.raises(Exception, match="No such e-mail"):
        read_mail("../secret.eml")


def test_only_trust_and_safety_open_the_mailbox(mailbox: Path, seller: User, buyer: User) -> None:
    send("Private", "a@example.org")
    name = files(mailbox)[0].name
    for person in (seller, buyer):
        web = Client()
        web.force_login(person)
        assert web.get("/staff/mail/").status_code == 404
        assert web.get(f"/staff/mail/{name}/").status_code == 404
    anonymous = Client().get(f"/staff/mail/{name}/")
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]


def test_the_staff_home_links_the_mailbox_only_when_mail_goes_there(
    settings: Any, mailbox: Path, staff: User
) -> None:
    web = staff_client(staff)
    assert 'href="/staff/mail/">Mailbox</a>' in web.get("/").content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert 'href="/staff/mail/"' not in web.get("/").content.decode()
    page = web.get("/staff/mail/").content.decode()
    assert "SMTP" in page
    assert 'href="/staff/outbox/"' in page


# --- the demo -------------------------------------------------------------------------------


def test_loading_the_demo_mails_nobody_and_fills_the_mailbox(
    smtp_port: int, settings: Any, tmp_path: Path, capsys: Any
) -> None:
    # EMAIL_URL says smtp://127.0.0.1:<port>: a real SMTP server listens there.
    folder = tmp_path / "mailbox"
    settings.EMAIL_FILE_PATH = str(folder)
    settings.SITE_URL = "http://127.0.0.1:18123"
    lines: list[str] = []
    with smtp_sink(smtp_port) as sink:
        load_demo(progress=lines.append)
        drained = drain()  # what a worker started after the load finds to send
        assert sink.received == []
    assert drained.sent == []
    assert drained.failed == 0

    demo_mail = OutboxEmail.objects.all()
    assert demo_mail.count() > 100
    assert not demo_mail.filter(sent_at__isnull=True).exists()
    assert len(files(folder)) == demo_mail.count()
    said = [line for line in lines if "local mailbox" in line]
    assert said == [
        f"{demo_mail.count()} e-mails to the demo's people are in the local mailbox, "
        "never sent: http://127.0.0.1:18123/staff/mail/"
    ]
    assert "mail →" not in capsys.readouterr().err  # no line per e-mail
    # The newcomer reads them on the staff page, even with a mail server set.
    web = staff_client(User.objects.get(username="staff"))  # the demo's Trust & Safety
    assert 'href="/staff/mail/">Mailbox</a>' in web.get("/").content.decode()
    listed = web.get("/staff/mail/").content.decode()
    assert f"{demo_mail.count()} e-mails" in listed
    newest = files(folder)[-1].name
    assert web.get(f"/staff/mail/{newest}/").status_code == 200
