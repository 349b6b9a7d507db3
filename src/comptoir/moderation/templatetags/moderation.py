"""Moderation's words for templates outside the app (the staff thread page)."""

from __future__ import annotations

from django import template

from comptoir.moderation.pages import category_text

register = template.Library()


@register.filter
def warning_category(code: str) -> str:
    """A category code ("extortion", …) as staff read it."""
    return category_text(code)
