"""Promotions API: sends (filled in by issue 8)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["promotions"])
