"""Two-factor sign-in: an authenticator app (TOTP) and ten single-use recovery codes.

Trust & Safety staff (and anyone with `is_staff` or `is_superuser`) must use it; anyone
else may turn it on. A session counts as verified once `django_otp.login` has recorded the
device that accepted a code; `accounts.middleware.TwoFactorGate` holds everything else
back until then.

Wrong codes are throttled on the device (django-otp: 1, 2, 4, 8 … seconds between tries
after each consecutive failure). A failure is committed before it is reported, so the
count survives the error.
"""

from __future__ import annotations

import math
import re
from base64 import b32encode
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from comptoir.accounts.models import User
from comptoir.core.errors import Conflict, DomainError, PermissionDenied
from comptoir.core.prepared import Prepared

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"  # stored names (the admin shows them), not UI text
RECOVERY_DEVICE_NAME = "Recovery codes"
_TOTP_CODE = re.compile(r"\d{6}")


class WrongCode(DomainError):
    """The code matched nothing (or was used already)."""

    status = 400

    def __init__(self) -> None:
        super().__init__(
            "wrong_code",
            _("That code is not right. Check it and try again."),
            fields={"code": "wrong"},
        )


class TooManyTries(DomainError):
    """Too many wrong codes in a row: the device refuses every code until `until`."""

    status = 429

    def __init__(self, until: datetime) -> None:
        super().__init__(
            "too_many_tries",
            _("Too many wrong codes in a row. Try again in %(wait)s.")
            # django-otp throttles on the real time, not comptoir's (movable) clock.
            % {"wait": wait_text((until - timezone.now()).total_seconds())},
            fields={"code": "throttled"},
        )
        self.until = until


def wait_text(seconds: float) -> str:
    """A wait in words, rounded up: "1 second", "3 minutes", "2 hours"."""
    whole = max(1, math.ceil(seconds))
    if whole < 60:
        return ngettext("%(n)d second", "%(n)d seconds", whole) % {"n": whole}
    if whole < 3600:
        minutes = math.ceil(whole / 60)
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = math.ceil(whole / 3600)
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}


@dataclass(frozen=True)
class Confirmed:
    device: TOTPDevice
    recovery_codes: list[str]  # shown once, on the page that confirms


# --- reads ---------------------------------------------------------------------------------


def must_use_two_factors(user: User) -> bool:
    """Staff of any kind cannot open anything without a second factor."""
    return bool(user.is_staff or user.is_superuser or user.is_trust_and_safety)


def has_confirmed_device(user: User) -> bool:
    """The person has set up an authenticator app (one query, asked by every signed-in
    request: compiled once, core.prepared)."""
    return bool(_CONFIRMED_DEVICE.run(user.pk))


_CONFIRMED_DEVICE = Prepared(
    lambda user_id: TOTPDevice.objects.filter(user_id=user_id, confirmed=True).only("id")[:1],
    -7_000_081,
)


def is_verified(user: object) -> bool:
    """This request's session passed a second factor (set by django-otp's middleware)."""
    return getattr(user, "otp_device", None) is not None


def session_owes_second_factor(user: User, session: Mapping[str, Any]) -> bool:
    """Whether a session (read without Django's middleware: the live WebSocket) has yet to
    pass the second factor its person needs; the same rule as the pages' gate."""
    persistent_id = session.get(DEVICE_ID_SESSION_KEY)
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    if device is not None and device.user_id == user.pk and device.confirmed:
        return False
    return must_use_two_factors(user) or has_confirmed_device(user)


def recovery_codes_left(user: User) -> list[str]:
    """The person's unused recovery codes, oldest first."""
    return list(
        StaticToken.objects.filter(device__user=user, device__confirmed=True)
        .order_by("id")
        .values_list("token", flat=True)
    )


def secret_text(device: TOTPDevice) -> str:
    """The device's key as an authenticator app asks for it: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def normalise_code(code: str) -> str:
    """What a person typed, without spaces or dashes, in lower case ("123 456" → "123456")."""
    return re.sub(r"[\s\-]", "", code).lower()


# --- writes --------------------------------------------------------------------------------


def _pending_device(user: User) -> TOTPDevice | None:
    """The person's authenticator device waiting for its first code, locked."""
    return (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("id")
        .first()
    )


@transaction.atomic
def enrolment_start(*, user: User) -> TOTPDevice:
    """The person's not-yet-confirmed authenticator device, created on first call.

    Calling again answers the same device (a reload shows the same QR code). A person who
    already has a confirmed device gets a second one that replaces the first once
    confirmed (a new phone); the caller makes sure this session passed a second factor.
    """
    device = _pending_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def enrolment_confirm(*, user: User, code: str) -> Confirmed:
    """Confirm the pending device with a code from the app; new recovery codes.

    Raises `WrongCode` or `TooManyTries` (the failed try is counted and kept)."""
    with transaction.atomic():
        device = _pending_device(user)
        if device is None:
            raise Conflict("no_enrolment", _("Start the set-up again: the page was out of date."))
        refusal = _check(device, normalise_code(code))
        if refusal is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # One authenticator per person: the new one replaces any older one.
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            return Confirmed(device=device, recovery_codes=_new_recovery_codes(user))
    raise refusal  # after the commit: the failed try stays counted


def two_factor_verify(*, user: User, code: str) -> TOTPDevice | StaticDevice:
    """The confirmed device that accepts `code`: six digits from the app, or a recovery
    code (which is then used up). Raises `WrongCode` or `TooManyTries`."""
    code = normalise_code(code)
    with transaction.atomic():
        if _TOTP_CODE.fullmatch(code):
            devices: list[TOTPDevice | StaticDevice] = list(
                TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
            )
        else:
            devices = list(
                StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
            )
        refusal: DomainError = WrongCode()
        for device in devices:
            problem = _check(device, code)
            if problem is None:
                return device
            if isinstance(problem, TooManyTries):
                refusal = problem
    raise refusal


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Ten new recovery codes; every older one stops working."""
    if not has_confirmed_device(user):
        raise Conflict("two_factor_off", _("Set up two-factor sign-in first."))
    return _new_recovery_codes(user)


@transaction.atomic
def two_factor_remove(*, user: User) -> None:
    """Turn two-factor sign-in off (not for staff, who must keep it)."""
    if must_use_two_factors(user):
        raise PermissionDenied(
            "two_factor_required", _("Staff accounts must keep two-factor sign-in.")
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def enrol_with_known_key(*, user: User, key: bytes) -> list[str]:
    """A confirmed authenticator device for a key decided elsewhere (the demo's published
    one), replacing any other, and ten new recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, key=key.hex(), confirmed=True)
    return _new_recovery_codes(user)


def _check(device: TOTPDevice | StaticDevice, code: str) -> DomainError | None:
    """None when the device accepts the code; otherwise why not (a failure is counted)."""
    allowed, why = device.verify_is_allowed()
    if not allowed:
        return TooManyTries((why or {}).get("locked_until") or timezone.now())
    if device.verify_token(code):  # counts a failure on the device, or resets the count
        return None
    return WrongCode()


def _new_recovery_codes(user: User) -> list[str]:
    """Replace the person's recovery codes. The device is kept (a session verified by a
    recovery code stays verified)."""
    device = StaticDevice.objects.filter(user=user).order_by("id").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = _distinct_codes()
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _distinct_codes() -> list[str]:
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    return codes
