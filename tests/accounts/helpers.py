"""Signing staff in for tests: a real authenticator device and a real second factor.

Staff pages stay closed to a session that has not passed its second factor
(accounts.middleware.TwoFactorGate). Tests do not weaken that gate: `staff_login` gives
the person a confirmed device and records it in the session exactly as
`django_otp.login` does after a right code; browser tests type a real code instead
(`totp_code`, `enter_sign_in_code`).
"""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from comptoir.accounts.models import User
from comptoir.accounts.two_factor import enrol_with_known_key


def confirmed_device(user: User) -> TOTPDevice:
    """The person's authenticator device, set up (with recovery codes) on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        enrol_with_known_key(user=user, key=secrets.token_bytes(20))
        device = TOTPDevice.objects.get(user=user, confirmed=True)
    return device


def staff_login(client: Client, user: User) -> TOTPDevice:
    """Sign `user` in on `client` with both factors: force_login, then the session key
    django_otp.login sets once a code from `user`'s confirmed device was accepted."""
    device = confirmed_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def staff_client(user: User) -> Client:
    """A fresh client signed in as `user` with both factors."""
    client = Client()
    staff_login(client, user)
    return client


def totp_code(device: TOTPDevice) -> str:
    """A 6-digit code the device accepts now and has not accepted before, as the
    authenticator app would show it (waiting for the next step when this one is used)."""
    while True:
        device.refresh_from_db()
        now_t = (int(time.time()) - device.t0) // device.step + device.drift
        step = max(now_t, device.last_t + 1)
        if step <= now_t + device.tolerance:
            return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"
        time.sleep(1)


def enter_sign_in_code(page: Any, device: TOTPDevice) -> None:
    """In a browser just past the password: type a code from the app on the code page."""
    page.wait_for_url(re.compile(r".*/account/two-factor/verify/"))
    page.fill("#id_code", totp_code(device))
    page.locator("main form button[type=submit]").click()
