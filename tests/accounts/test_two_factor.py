"""Two-factor sign-in: staff pass a second factor before any console page or session API."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create, integration_account_create
from comptoir.accounts.two_factor import (
    RECOVERY_CODE_COUNT,
    TooManyTries,
    WrongCode,
    enrolment_confirm,
    enrolment_start,
    recovery_codes_left,
    two_factor_verify,
    wait_text,
)
from comptoir.demo.second_factor import DEMO_TOTP_KEY, enrol_demo_staff, staff_sign_in_help
from tests.accounts.helpers import confirmed_device, staff_client, totp_code

pytestmark = pytest.mark.django_db

SETUP = "/account/two-factor/"
VERIFY = "/account/two-factor/verify/"
CONSOLE = ["/staff/standards/", "/staff/moderation/", "/admin/", "/admin/accounts/user/", "/"]


def signed_in(user: User) -> Client:
    """Past the password only (the second factor not given yet)."""
    client = Client()
    client.force_login(user)
    return client


def a_moment_later(device: TOTPDevice | StaticDevice) -> None:
    """Time passes beyond the throttling delay after a wrong code."""
    type(device).objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )


def codes_on(page: str) -> list[str]:
    return re.findall(r"<code data-recovery-code>([^<]+)</code>", page)


# --- the gate -------------------------------------------------------------------------------


def test_staff_without_an_authenticator_are_sent_to_set_one_up(staff: User) -> None:
    client = signed_in(staff)
    for url in CONSOLE:
        answer = client.get(url)
        assert answer.status_code == 302, url
        assert answer["Location"] == f"{SETUP}?next={url.replace('/', '%2F')}", url


def test_staff_with_an_authenticator_are_asked_for_a_code(staff: User) -> None:
    confirmed_device(staff)
    client = signed_in(staff)
    for url in CONSOLE:
        answer = client.get(url)
        assert answer.status_code == 302, url
        assert answer["Location"].startswith(f"{VERIFY}?next="), url
    # A form sent before the code is not replayed afterwards: no `next` for a POST.
    answer = client.post("/staff/standards/evaluate/", {})
    assert (answer.status_code, answer["Location"]) == (302, VERIFY)


def test_the_two_factor_pages_sign_out_and_the_language_switch_stay_open(staff: User) -> None:
    confirmed_device(staff)
    client = signed_in(staff)
    assert client.get(VERIFY).status_code == 200
    assert client.post("/i18n/setlang/", {"language": "fr", "next": "/"}).status_code == 302
    for url in ("/login/", "/sign-in/email/sent/", "/static/web/comptoir.css"):
        assert "two-factor" not in client.get(url).get("Location", ""), url
    answer = client.post("/logout/")
    assert answer.status_code == 302
    assert not client.get("/account/").wsgi_request.user.is_authenticated


def test_an_unverified_staff_session_is_nobody_to_the_api(staff: User) -> None:
    client = signed_in(staff)
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/staff/conversations/1").status_code == 401
    confirmed_device(staff)
    assert client.get("/api/v1/staff/conversations/1").status_code == 401

    verified = staff_client(staff)
    assert verified.get("/api/v1/me").json()["trust_and_safety"] is True
    assert verified.get("/api/v1/staff/conversations/1").status_code == 404  # past the gate


def test_a_bearer_token_still_works_with_or_without_a_session(staff: User) -> None:
    robot = integration_account_create(username="marketplace-sync")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=robot, name='t').secret}"}
    assert Client().get("/api/v1/shops", **bearer).status_code == 200
    me = Client().get("/api/v1/me", **bearer).json()
    assert me["username"] == "marketplace-sync"
    # Beside an unverified staff session cookie, the token (not the session) is who calls.
    assert signed_in(staff).get("/api/v1/me", **bearer).json()["username"] == "marketplace-sync"
    # Staff's own token: a token is made on the account page, behind the second factor.
    staff_bearer = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=staff, name='t').secret}"}
    assert Client().get("/api/v1/staff/conversations/1", **staff_bearer).status_code == 404


def test_a_buyer_is_never_asked(buyer: User) -> None:
    client = signed_in(buyer)
    for url in ("/", "/account/", "/messages/"):
        assert client.get(url).status_code == 200, url
    assert client.get("/api/v1/me").status_code == 200
    account = client.get("/account/").content.decode()
    assert 'data-two-factor="off"' in account
    assert f'href="{SETUP}"' in account


# --- setting it up ----------------------------------------------------------------------------


def test_enrolment_with_a_wrong_then_a_right_code(staff: User) -> None:
    client = signed_in(staff)
    page = client.get(SETUP + "?next=/staff/standards/").content.decode()
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    assert "<svg" in page
    assert 'role="img" aria-label="QR code' in page  # a text alternative for the picture
    secret = re.search(r'<code class="secret" id="totp-secret" data-secret>([A-Z2-7 ]+)<', page)
    assert secret, "the key is shown as text for typing"
    assert client.get(SETUP).content.decode().count(secret.group(1)) == 1  # same key on reload

    wrong = client.post(SETUP, {"code": "000000", "next": "/staff/standards/"})
    assert wrong.status_code == 400
    assert "That code is not right." in wrong.content.decode()
    device.refresh_from_db()
    assert (device.confirmed, device.throttling_failure_count) == (False, 1)
    assert client.get("/staff/standards/").status_code == 302

    a_moment_later(device)
    right = client.post(SETUP, {"code": totp_code(device), "next": "/staff/standards/"})
    assert right.status_code == 200
    assert "no-store" in right["Cache-Control"]
    page = right.content.decode()
    codes = codes_on(page)
    assert len(codes) == len(set(codes)) == RECOVERY_CODE_COUNT == 10
    assert sorted(codes) == sorted(recovery_codes_left(staff))
    assert 'href="/staff/standards/">I have saved them' in page
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/staff/standards/").status_code == 200
    assert client.get("/admin/").status_code == 200
    assert client.get("/api/v1/me").status_code == 200
    assert codes_on(client.get("/account/").content.decode()) == []  # shown once only


def test_wrong_codes_are_throttled_with_a_clear_message(staff: User) -> None:
    device = confirmed_device(staff)
    client = signed_in(staff)
    assert client.post(VERIFY, {"code": "000000"}).status_code == 400
    throttled = client.post(VERIFY, {"code": totp_code(device)})  # even a right one, too soon
    assert throttled.status_code == 429
    text = throttled.content.decode()
    assert "Too many wrong codes in a row. Try again in 1 second." in text
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a refused try is not counted again
    assert client.get("/staff/standards/").status_code == 302

    a_moment_later(device)
    assert client.post(VERIFY, {"code": "111111"}).status_code == 400
    with pytest.raises(TooManyTries) as caught:
        two_factor_verify(user=staff, code="222222")
    assert "2 seconds" in caught.value.message
    assert wait_text(0.2) == "1 second"
    assert wait_text(61) == "2 minutes"
    assert wait_text(3 * 3600) == "3 hours"


def test_an_unverified_session_cannot_replace_the_authenticator(staff: User) -> None:
    device = confirmed_device(staff)
    client = signed_in(staff)
    answer = client.get(SETUP + "?next=/staff/moderation/")
    assert answer["Location"] == f"{VERIFY}?next=%2Fstaff%2Fmoderation%2F"
    assert client.post(SETUP, {"code": "123456"})["Location"] == VERIFY
    assert client.post("/account/two-factor/recovery-codes/")["Location"].startswith(VERIFY)
    assert client.post("/account/two-factor/remove/")["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=staff)) == [device]


def test_a_verified_person_moves_to_a_new_phone(staff: User) -> None:
    old = confirmed_device(staff)
    old_codes = recovery_codes_left(staff)
    client = staff_client(staff)
    assert "Set up a new authenticator app" in client.get(SETUP).content.decode()
    new = TOTPDevice.objects.get(user=staff, confirmed=False)
    answer = client.post(SETUP, {"code": totp_code(new)})
    assert answer.status_code == 200
    assert list(TOTPDevice.objects.filter(user=staff)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert set(codes_on(answer.content.decode())).isdisjoint(old_codes)
    assert client.get("/staff/standards/").status_code == 200  # verified by the new one


# --- the code after the password ----------------------------------------------------------------


def test_the_code_page_signs_in_and_follows_a_local_next(staff: User) -> None:
    device = confirmed_device(staff)
    client = signed_in(staff)
    key_before = client.session.session_key
    page = client.get(VERIFY + "?next=/staff/moderation/").content.decode()
    assert 'name="next" value="/staff/moderation/"' in page
    answer = client.post(VERIFY, {"code": totp_code(device), "next": "/staff/moderation/"})
    assert (answer.status_code, answer["Location"]) == (302, "/staff/moderation/")
    assert client.session.session_key != key_before  # a new session key once verified
    assert client.get("/staff/moderation/").status_code == 200
    # Already verified: the code page just moves on.
    assert client.get(VERIFY + "?next=/admin/")["Location"] == "/admin/"


@pytest.mark.parametrize(
    "evil", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"]
)
def test_a_next_off_this_site_is_not_followed(staff: User, evil: str) -> None:
    device = confirmed_device(staff)
    client = signed_in(staff)
    assert evil not in client.get(VERIFY, {"next": evil}).content.decode()
    answer = client.post(VERIFY, {"code": totp_code(device), "next": evil})
    assert (answer.status_code, answer["Location"]) == (302, "/")


def test_a_recovery_code_works_once(staff: User) -> None:
    confirmed_device(staff)
    code = recovery_codes_left(staff)[0]
    first = signed_in(staff)
    answer = first.post(VERIFY, {"code": f"  {code[:4]} {code[4:].upper()} ", "next": "/account/"})
    assert (answer.status_code, answer["Location"]) == (302, "/account/")
    assert "You used a recovery code: 9 are left." in first.get("/account/").content.decode()
    assert first.get("/admin/").status_code == 200
    assert code not in recovery_codes_left(staff)
    assert len(recovery_codes_left(staff)) == 9

    second = signed_in(staff)
    again = second.post(VERIFY, {"code": code})
    assert again.status_code == 400
    assert "That code is not right." in again.content.decode()
    assert second.get("/admin/").status_code == 302


def test_new_recovery_codes_replace_all_old_ones(staff: User) -> None:
    confirmed_device(staff)
    old = recovery_codes_left(staff)
    client = staff_client(staff)
    account = client.get("/account/").content.decode()
    assert 'data-two-factor="on"' in account
    assert "Turn off" not in account  # staff keep it
    answer = client.post("/account/two-factor/recovery-codes/")
    assert answer.status_code == 200
    new = codes_on(answer.content.decode())
    assert len(new) == 10
    assert set(new).isdisjoint(old)
    assert sorted(recovery_codes_left(staff)) == sorted(new)
    assert StaticToken.objects.filter(device__user=staff).count() == 10
    with pytest.raises(WrongCode):
        two_factor_verify(user=staff, code=old[0])
    a_moment_later(StaticDevice.objects.get(user=staff))
    assert two_factor_verify(user=staff, code=new[0]).user_id == staff.id
    assert client.get("/staff/standards/").status_code == 200  # this session stays verified


def test_staff_cannot_turn_it_off(staff: User) -> None:
    client = staff_client(staff)
    answer = client.post("/account/two-factor/remove/", follow=True)
    assert "Staff accounts must keep two-factor sign-in." in answer.content.decode()
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_a_buyer_may_turn_it_on_is_then_asked_and_may_turn_it_off(buyer: User) -> None:
    client = signed_in(buyer)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=buyer)
    assert client.post(SETUP, {"code": totp_code(device)}).status_code == 200
    assert 'data-two-factor="on"' in client.get("/account/").content.decode()

    later = signed_in(buyer)  # they chose it: their next sign-in asks for a code too
    assert later.get("/messages/")["Location"] == f"{VERIFY}?next=%2Fmessages%2F"
    assert later.get("/api/v1/me").status_code == 401
    assert later.post(VERIFY, {"code": recovery_codes_left(buyer)[0]}).status_code == 302

    answer = later.post("/account/two-factor/remove/", follow=True)
    assert "Two-factor sign-in is off." in answer.content.decode()
    assert not TOTPDevice.objects.filter(user=buyer).exists()
    assert not StaticDevice.objects.filter(user=buyer).exists()
    assert signed_in(buyer).get("/messages/").status_code == 200


def test_the_services_refuse_what_the_pages_never_offer(buyer: User) -> None:
    from comptoir.core.errors import Conflict

    with pytest.raises(Conflict):
        enrolment_confirm(user=buyer, code="123456")  # nothing started
    first = enrolment_start(user=buyer)
    assert enrolment_start(user=buyer) == first


# --- the demo ----------------------------------------------------------------------------------


def test_the_demo_staff_signs_in_with_the_published_key(staff: User) -> None:
    enrol_demo_staff(staff)
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed
    assert device.bin_key == DEMO_TOTP_KEY
    codes = recovery_codes_left(staff)
    assert len(codes) == 10
    help_lines = "\n".join(staff_sign_in_help())
    assert "MNXW 24DU N5UX ELLE MVWW 6LLT ORQW MZRB" in help_lines
    assert "otpauth://totp/Comptoir%3Astaff?secret=MNXW24DUN5UXELLEMVWW6LLTORQWMZRB" in help_lines
    assert all(code in help_lines for code in codes)

    client = signed_in(staff)
    client.post(VERIFY, {"code": codes[0]})
    assert client.get("/staff/standards/").status_code == 200
    help_lines = "\n".join(staff_sign_in_help())
    assert codes[0] not in help_lines  # read from the database: only unused codes
    assert all(code in help_lines for code in codes[1:])


def test_the_loaded_demo_staff_has_an_authenticator() -> None:
    from comptoir.demo.marketplace import DEMO_LOGINS, load_demo

    assert staff_sign_in_help() == []
    load_demo()
    login = next(login for login in DEMO_LOGINS if login.role == "staff")
    staff = User.objects.get(username=login.username)
    assert TOTPDevice.objects.get(user=staff, confirmed=True).bin_key == DEMO_TOTP_KEY
    assert len(recovery_codes_left(staff)) == 10
    assert len(staff_sign_in_help()) == 3
