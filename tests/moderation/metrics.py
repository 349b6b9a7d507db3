"""Precision and recall of the moderation scorer per category over a labelled set."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from comptoir.moderation.scoring import Category, Context, Verdict, score
from tests.moderation.labelled import SHOP_DOMAIN, Labelled


def context_of(case: Labelled) -> Context:
    return Context(
        sender=case.side,
        about_order=case.about_order,
        marketing_consent=case.marketing_consent,
        shop_domain=SHOP_DOMAIN,
    )


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    counts: dict[str, Counts]
    misses: list[tuple[Labelled, Verdict]] = field(default_factory=list)


def evaluate(cases: Sequence[Labelled]) -> Report:
    report = Report({c.value: Counts() for c in Category})
    for case in cases:
        verdict = score(case.text, context_of(case))
        got = {c.value for c in verdict.categories}
        for name, counts in report.counts.items():
            if name in got and name in case.expected:
                counts.tp += 1
            elif name in got:
                counts.fp += 1
            elif name in case.expected:
                counts.fn += 1
        if got != case.expected:
            report.misses.append((case, verdict))
    return report
