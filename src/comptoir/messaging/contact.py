"""The website contact form's defences: it lives inside the shop's own website.

Framed on another origin, the page never gets Django's CSRF cookie (SameSite=Lax), so this
one form proves itself another way:

- a **form token** signed with the site's secret (`django.core.signing`, its own salt) that
  names the shop and the time it was issued; it is good for two hours and for that shop;
- a **honeypot**, a field people never see or reach: a submission that fills it is
  answered like a success and nothing is stored;
- **rate limits** counted in the database (`core.ratelimit`, shared by every process):
  per visitor address and per IP, for the page and for the API alike. Each submission is
  counted before anything is written, so a refused one still counts.

Only the shop's listed origins may frame the page (`frame_ancestors`).
"""

from __future__ import annotations

from datetime import timedelta

from csp.utils import build_policy
from django.core import signing
from django.utils.html import escape
from django.utils.translation import gettext as _

from comptoir.core import clock, ratelimit
from comptoir.core.errors import DomainError
from comptoir.core.ratelimit import Limit
from comptoir.messaging.models import Message
from comptoir.messaging.services.contact_form import contact_form_submit
from comptoir.shops.models import Shop
from comptoir.shops.services import normalise_origin

SALT = "comptoir.messaging.contact_form"
TOKEN_MAX_AGE = timedelta(hours=2)
_CLOCK_SKEW = 60  # seconds a token may seem to come from the future (another server's clock)
HONEYPOT = "homepage"  # the hidden field's name: an address field bots like to fill
HOUR = 3600
PER_ADDRESS = Limit("contact_form.address", 20, HOUR)  # the documented number
PER_IP = Limit("contact_form.ip", 60, HOUR)


def _too_many() -> str:
    return _("Too many messages were sent from here or from this address. Try again later.")


def form_expired() -> DomainError:
    return DomainError(
        "form_expired",
        _("This form has expired. Press Send again (the form is renewed), or reload the page."),
        fields={"token": "invalid"},
    )


def form_token(*, shop: Shop) -> str:
    """A token for one rendering of the shop's form: the shop and the time, signed."""
    return signing.dumps({"shop": shop.pk, "at": int(clock.now().timestamp())}, salt=SALT)


def check_form_token(*, shop: Shop, token: str) -> None:
    """DomainError `form_expired` unless `token` is ours, for `shop`, and under two hours old."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as exc:
        raise form_expired() from exc
    issued = data.get("at") if isinstance(data, dict) else None
    if not isinstance(issued, int) or data.get("shop") != shop.pk:
        raise form_expired()
    age = clock.now().timestamp() - issued
    if not -_CLOCK_SKEW <= age <= TOKEN_MAX_AGE.total_seconds():
        raise form_expired()


def frame_ancestors(shop: Shop) -> str:
    """The Content-Security-Policy of the form page: the site's own policy, with the page
    framed by Comptoir itself and the shop's sites only."""
    origins = [o for o in (normalise_origin(str(v)) for v in shop.embed_origins or []) if o]
    return build_policy(replace={"frame-ancestors": ["'self'", *origins]})


def embed_snippet(*, url: str, shop: Shop) -> str:
    """The `<iframe>` a seller pastes into their website, as text to copy."""
    title = _("Contact %(shop)s") % {"shop": shop.name}
    # Plain text (not marked safe): the page escapes it again to show it.
    return (
        f'<iframe src="{escape(url)}" title="{escape(title)}" loading="lazy" '
        'style="width:100%;max-width:40rem;height:44rem;border:0"></iframe>'
    )


def contact_form_receive(
    *,
    shop: Shop,
    ip: str,
    name: str,
    email: str,
    subject: str,
    body: str,
    token: str | None,
    honeypot: str = "",
) -> Message | None:
    """One submission of the contact form, through every defence, then into the inbox.

    `token` is the page's form token; the API passes None (its callers hold no page; the
    limits still apply). Answers the new message, or None when the honeypot was filled
    (the caller answers as if it were sent). Raises RateLimited (429), `form_expired`, or
    `invalid_contact_form` with the fields; nothing is stored when it raises.
    """
    # Counted first, outside the write's transaction: refused submissions count too.
    ratelimit.check(PER_IP, ip, _too_many())
    if token is not None:
        check_form_token(shop=shop, token=token)
    if honeypot.strip():
        return None
    if email.strip():
        ratelimit.check(PER_ADDRESS, email, _too_many())
    return contact_form_submit(shop=shop, name=name, email=email, subject=subject, body=body)
