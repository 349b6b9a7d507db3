"""The demo's staff account keeps working with two-factor sign-in on.

Staff must pass a second factor after their password (accounts.two_factor). The demo's
staff account gets an authenticator device with a fixed, published key, so anyone trying
the demo can add it to an authenticator app, plus ten recovery codes that `comptoir
serve` prints. The key is public: it is for the demo marketplace only, never for a site
with real people on it.

    key (base32, what authenticator apps ask for): MNXW 24DU N5UX ELLE MVWW 6LLT ORQW MZRB
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from comptoir.accounts.models import User
from comptoir.accounts.two_factor import enrol_with_known_key, recovery_codes_left, secret_text

DEMO_TOTP_KEY = b"comptoir-demo-staff!"  # 20 bytes; base32 MNXW24DUN5UXELLEMVWW6LLTORQWMZRB


def enrol_demo_staff(user: User) -> None:
    """A confirmed authenticator device with the published demo key, and ten recovery
    codes, for the demo's staff account."""
    enrol_with_known_key(user=user, key=DEMO_TOTP_KEY)


def staff_sign_in_help() -> list[str]:
    """What `comptoir serve` prints so the demo's staff can pass the second factor: the
    key to add to an authenticator app, its otpauth:// link, and the recovery codes not
    used yet (read now, from the database). Empty when the demo is not loaded."""
    device = (
        TOTPDevice.objects.filter(key=DEMO_TOTP_KEY.hex(), confirmed=True)
        .select_related("user")
        .order_by("id")
        .first()
    )
    if device is None:
        return []
    name = device.user.get_username()
    lines = [
        _(
            "Staff sign in with a second factor. Add this key to an authenticator app "
            "(time-based, 6 digits): %(key)s"
        )
        % {"key": secret_text(device)},
        _("Or open this link on the phone that has the app: %(uri)s") % {"uri": device.config_url},
    ]
    codes = recovery_codes_left(device.user)
    if codes:
        lines.append(
            _("Recovery codes for %(name)s, each usable once instead of the app: %(codes)s")
            % {"name": name, "codes": " ".join(codes)}
        )
    else:
        lines.append(
            _("%(name)s has used every recovery code; make new ones on the account page.")
            % {"name": name}
        )
    return lines
