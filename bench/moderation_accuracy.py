"""False-positive rate of the moderation scorer on benign messages that mention a review, a
refund or a phone number, and its recall on true positives of the same topics.

    uv run python bench/moderation_accuracy.py            # the whole corpus
    uv run python bench/moderation_accuracy.py --quick    # every 10th message (CI)

The corpus is hand-written, EN/FR/PL, in two parts: tests/moderation/accuracy_corpus.py
(the rules were tuned on it) and tests/moderation/accuracy_held_out.py (written after the
tuning, measured once, never tuned on: the honest estimate). For each part it prints, per
language, per topic and per rule: messages, flagged, false-positive rate; then recall on
the true positives per language, per kind and per rule that caught them; then every false
positive and every miss with the scorer's explanation. An accuracy count has no reference
to run beside it: the figures are compared with the ones published in docs/moderation.md
and pinned in tests/moderation/test_accuracy.py. Exits 2 if the corpus fails to load or
is empty; a rate over zero messages prints "—".
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if TYPE_CHECKING:
    from tests.moderation.accuracy import Scored
    from tests.moderation.accuracy_corpus import Benign, Positive

LANGS = ("en", "fr", "pl")


def _ratio(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "      —"


def _groups(
    results: list[Scored], key: Callable[[Scored], str], order: Iterable[str]
) -> list[tuple[str, list[Scored]]]:
    groups: dict[str, list[Scored]] = {name: [] for name in order}
    for r in results:
        groups[key(r)].append(r)
    return [(name, group) for name, group in groups.items() if group]


def _table(title: str, rows: Iterable[tuple[str, list[Scored]]], label: str) -> None:
    print(f"\n== {title}")
    print(f"{'':<30}{'messages':>9}{label:>9}{'rate':>9}")
    for name, items in rows:
        hits = sum(r.hit for r in items)
        print(f"{name:<30}{len(items):>9}{hits:>9}{_ratio(hits, len(items)):>9}")


def _rules_table(title: str, results: list[Scored], total: Counter[str]) -> None:
    counts: dict[str, Counter[str]] = {}
    for r in results:
        for code in dict.fromkeys(r.rules):
            counts.setdefault(code, Counter())[r.case.lang] += 1
    print(f"\n== {title}")
    head = "".join(f"{lang:>7}" for lang in LANGS)
    print(f"{'rule':<34}{head}{'all':>7}{'rate (all)':>12}")
    for code in sorted(counts, key=lambda c: (-sum(counts[c].values()), c)):
        by_lang = "".join(f"{counts[code][lang]:>7}" for lang in LANGS)
        n = sum(counts[code].values())
        print(f"{code:<34}{by_lang}{n:>7}{_ratio(n, sum(total.values())):>12}")
    if not counts:
        print("(none)")
    print(f"{'messages':<34}" + "".join(f"{total[lang]:>7}" for lang in LANGS))


def _explain(results: list[Scored], title: str) -> None:
    print(f"\n== {title}: {len(results)}")
    for r in results:
        case = r.case
        tag = getattr(case, "topic", None) or getattr(case, "kind", "")
        got = ",".join(sorted(c.value for c in r.verdict.categories)) or "-"
        print(f"  [{case.lang} {case.side} {tag}] got {got}: {case.text}")
        evidence = [(f.code, f.phrase, f.weight) for f in r.verdict.findings]
        print(f"    explain: {r.verdict.explain()}  findings: {evidence}")


def report(title: str, benign: list[Benign], positives: list[Positive]) -> None:
    from tests.moderation.accuracy import scored

    started = time.perf_counter()
    fp = scored(benign)
    tp = scored(positives)
    elapsed = time.perf_counter() - started
    sides = Counter(b.side for b in benign)
    print(f"\n######## {title}")
    print(
        f"{len(benign)} benign messages (shop {sides['shop']}, buyer {sides['buyer']}), "
        f"{len(positives)} true positives; scored in {elapsed * 1000:.0f} ms"
    )
    topics = sorted({b.topic for b in benign})
    kinds = sorted({p.kind for p in positives})
    _table(
        "false positives: benign messages flagged, per language",
        [*_groups(fp, lambda r: r.case.lang, LANGS), ("all", fp)],
        "flagged",
    )
    _table(
        "false positives per language, topic and side",
        _groups(
            fp,
            lambda r: f"{r.case.lang} {getattr(r.case, 'topic', '')} ({r.case.side})",
            [f"{lang} {t} ({s})" for lang in LANGS for t in topics for s in ("shop", "buyer")],
        ),
        "flagged",
    )
    _rules_table(
        "false positives per rule (the scorer's codes behind each)",
        [r for r in fp if r.hit],
        Counter(r.case.lang for r in fp),
    )
    _table(
        "recall on true positives, per language",
        [*_groups(tp, lambda r: r.case.lang, LANGS), ("all", tp)],
        "caught",
    )
    _table(
        "recall per language and kind",
        _groups(
            tp,
            lambda r: f"{r.case.lang} {getattr(r.case, 'kind', '')}",
            [f"{lang} {k}" for lang in LANGS for k in kinds],
        ),
        "caught",
    )
    _rules_table(
        "true positives per rule that caught them",
        [r for r in tp if r.hit],
        Counter(r.case.lang for r in tp),
    )
    _explain([r for r in fp if r.hit], "false positives")
    _explain([r for r in tp if not r.hit], "missed true positives")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every 10th message (CI)")
    args = parser.parse_args()
    try:
        from tests.moderation.accuracy_corpus import BENIGN, POSITIVES, checked
        from tests.moderation.accuracy_held_out import HELD_OUT_BENIGN, HELD_OUT_POSITIVES

        step = 10 if args.quick else 1
        parts = [
            ("corpus (tuned on)", *checked(BENIGN[::step], POSITIVES[::step])),
            (
                "held-out part (written after the tuning, measured once, never tuned on)",
                *checked(HELD_OUT_BENIGN[::step], HELD_OUT_POSITIVES[::step]),
            ),
        ]
    except Exception as error:  # any failure to load is a failed run
        print(f"moderation_accuracy: the corpus failed to load: {error!r}", file=sys.stderr)
        return 2
    if args.quick:
        print("quick run: every 10th message")
    for title, benign, positives in parts:
        report(title, benign, positives)
    return 0


if __name__ == "__main__":
    sys.exit(main())
