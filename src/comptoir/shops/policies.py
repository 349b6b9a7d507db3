"""The policy templates: which options each section offers, checked and put in words.

Pure: no ORM. Each section is a template the seller fills with options plus free text
(seeds: "Chaque section est un modèle et vous pouvez sélectionner les options").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SECTIONS = ("shipping", "payment", "returns", "privacy", "more_info")

PAYMENT_METHODS = ("card", "paypal", "bank_transfer", "gift_card", "cash_on_delivery")
RETURN_WINDOWS = (7, 14, 21, 30, 45, 60, 90)
NON_RETURNABLE = ("custom", "perishable", "intimate", "digital", "sale")

# option name -> (kind, allowed values or None)
TEMPLATES: dict[str, dict[str, tuple[str, tuple[Any, ...] | None]]] = {
    "shipping": {
        "ships_internationally": ("bool", None),
        "customs_paid_by_buyer": ("bool", None),
        "tracking_always": ("bool", None),
    },
    "payment": {
        "methods": ("list", PAYMENT_METHODS),
    },
    "returns": {
        "accepts_returns": ("bool", None),
        "accepts_exchanges": ("bool", None),
        "window_days": ("choice", RETURN_WINDOWS),
        "buyer_pays_return_shipping": ("bool", None),
        "non_returnable": ("list", NON_RETURNABLE),
    },
    "privacy": {
        "uses_data_only_for_orders": ("bool", None),
        "marketing_with_consent_only": ("bool", None),
    },
    "more_info": {},
}


def check_policy_options(section: str, options: Mapping[str, Any]) -> dict[str, str]:
    """The problems with `options` for `section`, by option name; empty when valid."""
    if section not in TEMPLATES:
        return {"section": "unknown"}
    template = TEMPLATES[section]
    errors: dict[str, str] = {}
    for name, value in options.items():
        if name not in template:
            errors[name] = "unknown_option"
            continue
        kind, allowed = template[name]
        if kind == "bool":
            ok = isinstance(value, bool)
        elif kind == "choice":
            ok = not isinstance(value, bool) and value in (allowed or ())
        else:
            ok = isinstance(value, list) and all(v in (allowed or ()) for v in value)
        if not ok:
            errors[name] = "must_be_boolean" if kind == "bool" else "not_allowed"
    returns_rule = section == "returns" and options.get("window_days") is not None
    if returns_rule and not (options.get("accepts_returns") or options.get("accepts_exchanges")):
        errors.setdefault("window_days", "needs_returns_or_exchanges")
    return errors


def _payment_label(method: str) -> str:
    labels = {
        "card": _("Credit and debit cards"),
        "paypal": _("PayPal"),
        "bank_transfer": _("Bank transfer"),
        "gift_card": _("Marketplace gift cards"),
        "cash_on_delivery": _("Cash on delivery"),
    }
    return labels.get(method, method)


def _non_returnable_label(kind: str) -> str:
    labels = {
        "custom": _("custom or personalised orders"),
        "perishable": _("perishable products"),
        "intimate": _("intimate items, for health and hygiene"),
        "digital": _("digital downloads"),
        "sale": _("items on sale"),
    }
    return labels.get(kind, kind)


def describe_policy(section: str, options: Mapping[str, Any]) -> list[str]:
    """The options of one section as sentences a buyer reads, in the active language."""
    lines: list[str] = []
    if section == "shipping":
        if options.get("ships_internationally"):
            lines.append(_("Ships worldwide."))
        elif "ships_internationally" in options:
            lines.append(_("Ships within the country only."))
        if options.get("customs_paid_by_buyer"):
            lines.append(_("Import duties and taxes are paid by the buyer."))
        if options.get("tracking_always"):
            lines.append(_("Every order is sent with tracking."))
    elif section == "payment":
        methods = options.get("methods") or []
        if methods:
            lines.append(
                _("Accepted payment: %(methods)s.")
                % {"methods": ", ".join(_payment_label(m) for m in methods)}
            )
    elif section == "returns":
        returns, exchanges = options.get("accepts_returns"), options.get("accepts_exchanges")
        if returns and exchanges:
            lines.append(_("Returns and exchanges accepted."))
        elif returns:
            lines.append(_("Returns accepted."))
        elif exchanges:
            lines.append(_("Exchanges accepted."))
        elif "accepts_returns" in options or "accepts_exchanges" in options:
            lines.append(_("No returns or exchanges, but contact the shop if there is a problem."))
        if (returns or exchanges) and options.get("window_days"):
            days = int(options["window_days"])
            lines.append(
                ngettext(
                    "Contact the shop within %(days)d day of delivery.",
                    "Contact the shop within %(days)d days of delivery.",
                    days,
                )
                % {"days": days}
            )
        if (returns or exchanges) and "buyer_pays_return_shipping" in options:
            lines.append(
                _("The buyer pays return shipping.")
                if options["buyer_pays_return_shipping"]
                else _("The shop pays return shipping.")
            )
        if options.get("non_returnable"):
            lines.append(
                _("Not returnable: %(kinds)s.")
                % {"kinds": ", ".join(_non_returnable_label(k) for k in options["non_returnable"])}
            )
    elif section == "privacy":
        if options.get("uses_data_only_for_orders"):
            lines.append(_("Your details are used only to fulfil and support your order."))
        if options.get("marketing_with_consent_only"):
            lines.append(_("Marketing messages only with your consent."))
    return lines
