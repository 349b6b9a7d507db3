"""The scorer over the false-positive corpus (``accuracy_corpus.py``): each message's verdict,
whether it counts (a benign message flagged at all, a positive caught in its category) and
the rules that decided it. Shared by ``bench/moderation_accuracy.py`` and
``test_accuracy.py``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from comptoir.moderation.scoring import Context, Verdict, score
from tests.moderation.accuracy_corpus import Benign, Positive


@dataclass(frozen=True)
class Scored:
    case: Benign | Positive
    verdict: Verdict
    hit: bool  # a benign message flagged (a false positive), a positive caught
    rules: tuple[str, ...]  # the codes that made the flag, strongest first


def _context(case: Benign | Positive) -> Context:
    return Context(sender=case.side, about_order=case.about_order)


def scored(cases: Iterable[Benign | Positive]) -> list[Scored]:
    out = []
    for case in cases:
        verdict = score(case.text, _context(case))
        got = {c.value for c in verdict.categories}
        hit = case.category in got if isinstance(case, Positive) else bool(got)
        wanted = [case.category] if isinstance(case, Positive) else sorted(got)
        rules = tuple(code for code, _ in verdict.explain() if code.split(".", 1)[0] in wanted)
        out.append(Scored(case, verdict, hit, rules if hit else ()))
    return out
