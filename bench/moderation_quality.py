"""How well and how fast the moderation scorer works on the hand-written labelled sets.

    uv run python bench/moderation_quality.py
    uv run python bench/moderation_quality.py --messages 10000
    uv run python bench/moderation_quality.py --quick     # 500 messages timed (CI runs this)

Prints, for the labelled set (tests/moderation/labelled.py), the development set written
after the first scorer and since used to tune it (tests/moderation/held_out.py) and the
first blind set (tests/moderation/blind.py, written without seeing the scorer, measured
once, then tuned on) and the second blind set (tests/moderation/blind2.py, written
without seeing the scorer or the other sets and never tuned on):
precision, recall and F1 per category,
and every misclassified message with the scorer's explanation (codes and phrases). Then
the throughput on the labelled texts repeated to --messages messages (messages/s, p50 and
p99 per message, peak memory) and, measured in the same run as a reference, a bare pass
of one compiled regex alternation over the same texts, and their ratio.

It stops with an error (exit status 1) when a set is empty, or when the reference fails
or measures nothing (no time, or its regex matching none of the texts): it never prints
a ratio against zero. --quick (for CI) measures the four sets in full (they take a
second) and times 500 messages.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from comptoir.moderation.scoring import score
from tests.moderation.blind import BLIND
from tests.moderation.blind2 import BLIND2
from tests.moderation.held_out import HELD_OUT
from tests.moderation.labelled import LABELLED, Labelled
from tests.moderation.metrics import context_of, evaluate

BARE = re.compile(
    r"review|avis|opini|whatsapp|telegram|iban|gift ?card|paypal|https?://\S+|"
    r"newsletter|sale|soldes|wyprzeda|\d+ ?%",
    re.IGNORECASE,
)


def quality(title: str, cases: list[Labelled]) -> None:
    report = evaluate(cases)
    langs = {lang: sum(c.lang == lang for c in cases) for lang in ("en", "fr", "pl")}
    print(f"\n== {title}: {len(cases)} messages {langs}")
    print(f"{'category':<14}{'support':>8}{'precision':>11}{'recall':>8}{'F1':>7}")
    for name, counts in report.counts.items():
        support = counts.tp + counts.fn
        print(
            f"{name:<14}{support:>8}{counts.precision:>11.3f}{counts.recall:>8.3f}{counts.f1:>7.3f}"
        )
    print(f"misclassified: {len(report.misses)}")
    for case, verdict in report.misses:
        expected = ",".join(sorted(case.expected)) or "-"
        got = ",".join(sorted(c.value for c in verdict.categories)) or "-"
        print(f"  [{case.lang} {case.group} {case.side}] expected {expected}, got {got}")
        print(f"    {case.text}")
        evidence = [(f.code, f.phrase, f.weight) for f in verdict.findings]
        print(f"    explain: {verdict.explain()}  findings: {evidence}")


def fail(message: str) -> SystemExit:
    return SystemExit(f"bench/moderation_quality.py: {message}")


def throughput(messages: int) -> None:
    pairs = [(c.text, context_of(c)) for c in LABELLED]
    if not pairs:
        raise fail("the labelled set is empty: nothing to time")
    stream = [pairs[i % len(pairs)] for i in range(messages)]
    timings = []
    started = time.perf_counter()
    for text, context in stream:
        t0 = time.perf_counter()
        score(text, context)
        timings.append(time.perf_counter() - t0)
    total = time.perf_counter() - started
    q = statistics.quantiles(timings, n=100)
    print(f"\n== throughput on {messages} messages (labelled set repeated)")
    print(
        f"scorer:     {messages / total:>10.0f} messages/s   p50 {q[49] * 1e6:.0f} µs   "
        f"p99 {q[98] * 1e6:.0f} µs"
    )
    bare = []
    matched = 0
    try:
        started = time.perf_counter()
        for text, _ in stream:
            t0 = time.perf_counter()
            found = BARE.findall(text)
            bare.append(time.perf_counter() - t0)
            matched += bool(found)
        total_bare = time.perf_counter() - started
    except Exception as exc:
        raise fail(f"the reference (bare regex) failed: {exc!r}") from exc
    if not matched or total <= 0 or total_bare <= 0:
        raise fail(
            f"the reference (bare regex) matched {matched} of {messages} messages in "
            f"{total_bare:.6f} s: it measures nothing"
        )
    qb = statistics.quantiles(bare, n=100)
    print(
        f"bare regex: {messages / total_bare:>10.0f} messages/s   p50 {qb[49] * 1e6:.1f} µs   "
        f"p99 {qb[98] * 1e6:.1f} µs   (one alternation, no folding, no rules; "
        f"matched {matched} of {messages})"
    )
    print(f"ratio scorer ÷ bare regex (messages/s): {total_bare / total:.3f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak_mb:.0f} MB")


def main() -> int:
    assert __doc__ is not None
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="time 500 messages (CI)")
    args = parser.parse_args()
    if args.quick:
        args.messages = 500
    if args.messages < 2:
        parser.error("--messages must be 2 or more (p50 and p99 need two)")
    for name, cases in (
        ("labelled", LABELLED),
        ("development", HELD_OUT),
        ("first blind", BLIND),
        ("second blind", BLIND2),
    ):
        if not cases:
            raise fail(f"the {name} set is empty")
    quality("labelled set", LABELLED)
    quality("development set (written after the first scorer, then tuned on)", HELD_OUT)
    quality("first blind set (measured once, then tuned on)", BLIND)
    quality("second blind set (never tuned on: the honest estimate)", BLIND2)
    throughput(args.messages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
