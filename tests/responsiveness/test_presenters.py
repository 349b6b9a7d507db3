"""Figures in words: the reader's decimal mark, rounding half up, durations."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

from django.utils import translation

from comptoir.responsiveness import rules
from comptoir.responsiveness.presenters import check_row, duration_text, percent_text


def test_percentages_use_the_readers_decimal_mark() -> None:
    with translation.override("en"):
        assert percent_text(Fraction(1853, 2000)) == "92.7 %"  # 92.65 rounds half up
    with translation.override("fr"):
        assert percent_text(Fraction(1853, 2000)) == "92,7 %"
    with translation.override("pl"):
        assert percent_text(Fraction(1, 3)) == "33,3 %"
    assert percent_text(None) == "—"


def test_the_average_rating_is_written_in_the_readers_language() -> None:
    check = rules.Check(rules.Criterion.RATING, False, Fraction(41, 9), 2)
    with translation.override("fr"):
        row = check_row(check)
    assert row["figure"] == "4,56"
    assert row["needed_text"] == "encore 2 avis 5 étoiles"
    assert row["label"] == "Note moyenne d’au moins 4,8"


def test_durations_read_as_people_say_them() -> None:
    with translation.override("en"):
        assert duration_text(timedelta(seconds=30)) == "under a minute"
        assert duration_text(timedelta(minutes=42)) == "42 min"
        assert duration_text(timedelta(hours=3, minutes=5)) == "3 h 05 min"
        assert duration_text(timedelta(days=2, hours=4)) == "2 days 4 h"
    assert duration_text(None) == "—"
