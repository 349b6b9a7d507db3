"""Review extortion is bound within a sentence (issue 19, "moderation false positive"), and
the false-positive rate and recall on the hand-written corpus (``accuracy_corpus.py``)
stay at the figures published in docs/moderation.md."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from comptoir.moderation.scoring import Context, score
from tests.moderation import accuracy_corpus
from tests.moderation.accuracy import scored
from tests.moderation.accuracy_corpus import BENIGN, LANGS, POSITIVES, CorpusError, checked
from tests.moderation.accuracy_held_out import HELD_OUT_BENIGN, HELD_OUT_POSITIVES

SHOP = Context(sender="shop", about_order=True)
BUYER = Context(sender="buyer", about_order=True)

# Published in docs/moderation.md ("False positives on benign messages") and README:
# counts, not rates, so the test does not depend on rounding. Lower the false positives and
# raise the catches when the scorer gets better; never the other way. The held-out part was
# measured once and never tuned on: a rule tuned on it must say so in the docs.
FALSE_POSITIVES_AT_MOST = {"en": 0, "fr": 0, "pl": 0}  # of 101, 93, 93
CAUGHT_AT_LEAST = {"en": 29, "fr": 25, "pl": 29}  # of 30 each
HELD_OUT_FALSE_POSITIVES_AT_MOST = {"en": 2, "fr": 3, "pl": 1}  # of 35 each
HELD_OUT_CAUGHT_AT_LEAST = {"en": 8, "fr": 8, "pl": 9}  # of 10 each


def extortion(text: str, context: Context = SHOP) -> set[str]:
    verdict = score(text, context)
    return {f.rule for f in verdict.findings if f.category.value == "extortion" and f.weight >= 1}


# --- The finding: a polite mention of a review in a later sentence is not a bargain ---


@pytest.mark.parametrize(
    "text",
    [
        "We are sorry, we will refund you in full. If you have a moment, a review always helps us.",
        "Nous sommes désolés, nous vous remboursons intégralement. Si vous avez un moment, un avis "
        "nous aide toujours.",
        "Przepraszamy, zwrócimy pełną kwotę. Jeśli ma Pan chwilę, opinia zawsze nam pomaga.",
        # One sentence, but the condition's own clause is about the reader's time.
        "We will refund you in full, and if you have a moment, a review always helps us.",
        "Nous vous remboursons intégralement, et si vous avez un moment, un avis nous aide "
        "toujours.",
        "Zwrócimy pełną kwotę, a jeśli ma Pan chwilę, opinia zawsze nam pomaga.",
        # A binding inside a sentence does not reach the review in the next one.
        "You'll get a full refund as soon as the parcel is back with us. Whatever you write in "
        "your review, thank you.",
        "Nous vous envoyons un remplacement cette semaine, sans frais. Votre avis à 3 étoiles "
        "était juste.",
        "Zwracamy pieniądze jeszcze dziś. Opinię może Pan oczywiście zostawić bez zmian.",
        # A choice about the review alone, said after the refund.
        "Remboursement effectué. Laisser un avis ou non, c'est entièrement à vous de voir.",
        "Zwrot zlecony. Czy wystawi Pani opinię, czy nie, to wyłącznie Pani wybór.",
    ],
)
def test_a_review_mentioned_in_another_sentence_or_clause_than_the_offer_is_not_extortion(
    text: str,
) -> None:
    assert extortion(text) == set()
    assert not score(text, SHOP).flagged


@pytest.mark.parametrize(
    ("text", "context", "rule"),
    [
        ("We will refund you if you leave a 5-star review.", SHOP, "review_for_reward"),
        ("Remboursement contre un avis positif.", SHOP, "review_for_reward"),
        ("Nous vous remboursons si vous laissez un avis 5 étoiles.", SHOP, "review_for_reward"),
        ("Zwrócimy pieniądze, jeśli wystawi Pan opinię 5 gwiazdek.", SHOP, "review_for_reward"),
        ("Pełny zwrot w zamian za pozytywną opinię.", SHOP, "review_for_reward"),
        # A binding that opens its sentence reaches back to the one before.
        (
            "Leave us a 5-star review. In exchange, we'll send you a free gift.",
            SHOP,
            "review_for_reward",
        ),
        (
            "Laissez-nous 5 étoiles. En échange, nous vous enverrons un cadeau.",
            SHOP,
            "review_for_reward",
        ),
        ("Wystaw nam 5 gwiazdek. W zamian wyślemy prezent.", SHOP, "review_for_reward"),
        ("Give us 5 stars. Then we'll refund the postage.", SHOP, "review_for_reward"),
        (
            "I want a full refund. Otherwise I'm leaving a 1-star review everywhere.",
            BUYER,
            "review_threat",
        ),
        (
            "Je veux un remboursement complet. Sinon, je laisse un avis à une étoile partout.",
            BUYER,
            "review_threat",
        ),
        ("Chcę pełny zwrot. Inaczej wystawię negatywną opinię wszędzie.", BUYER, "review_threat"),
        # The review referred to, not named, in the binding's clause or sentence.
        (
            "Please update your review — we'll refund the shipping as soon as it's changed.",
            SHOP,
            "review_for_reward",
        ),
        ("Leave us a review. If you do, we'll refund the shipping.", SHOP, "review_for_reward"),
        (
            "Widzę Pana opinię... Proponuję rabat 25% na kolejne zakupy w zamian za jej usunięcie.",
            SHOP,
            "review_for_reward",
        ),
    ],
)
def test_a_review_bound_to_an_offer_within_its_sentence_or_from_the_next_is_extortion(
    text: str, context: Context, rule: str
) -> None:
    assert rule in extortion(text, context)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # A rating thanked for is written, not threatened.
        (
            "Your refund is on its way. Thanks for your honest review, we've passed it on.",
            SHOP,
        ),
        ("Merci pour votre avis négatif, nous vous remboursons les frais de port.", SHOP),
        ("Dziękujemy za negatywną opinię, zwrócimy koszt wysyłki.", SHOP),
        # A demand said not to be one.
        ("Of course, we'll refund you. Please don't feel you need to change your review.", SHOP),
        # An offer declined.
        (
            "I'm not happy with the quality and I'll say so in my review, but I don't want a "
            "refund.",
            BUYER,
        ),
        (
            "Je ne suis pas satisfaite et je le dirai dans mon avis, mais je ne demande pas de "
            "remboursement.",
            BUYER,
        ),
        ("Nie jestem zadowolona i napiszę o tym w opinii, ale nie chcę zwrotu.", BUYER),
        # What thanks are for is no price.
        ("Thanks for a quick refund, I'll leave a 5-star review.", BUYER),
        ("Dziękuję za szybki zwrot, wystawię dobrą opinię.", BUYER),
    ],
)
def test_thanks_negated_demands_and_declined_offers_are_not_extortion(
    text: str, context: Context
) -> None:
    assert extortion(text, context) == set()


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Thanks for nothing. Refund me or I'll post a 1-star review.", BUYER),
        ("I don't want a refund, I want a free replacement, or I'll leave 1 star.", BUYER),
        ("Za pozytywną opinię damy 15% rabatu na kolejne zamówienie.", SHOP),
        ("We'll give you a 15% discount for a positive review.", SHOP),
        ("Change your review to 5 stars and we'll refund you in full.", SHOP),
    ],
)
def test_extortion_next_to_thanks_or_a_declined_offer_is_still_caught(
    text: str, context: Context
) -> None:
    assert extortion(text, context)


def test_a_condition_that_binds_nothing_does_not_hide_a_request_to_change_a_review() -> None:
    asked = "We'll refund you in full. If you have time, could you update your review?"
    assert extortion(asked) == {"revision_request"}
    # An offer already given stays no bargain.
    given = "We've refunded you in full. If you have time, could you update your review?"
    assert extortion(given) == set()


def test_a_long_message_of_reviews_offers_and_conditions_never_bound_is_not_extortion() -> None:
    text = "refund gift bonus. review. if if if or or and we'll. " * 400
    assert len(text) > 20_000
    assert not score(text, SHOP).flagged


# --- The corpus, and the figures published ---


def test_the_corpus_is_large_balanced_and_well_formed() -> None:
    benign, positives = checked(BENIGN, POSITIVES)
    held_benign, held_positives = checked(HELD_OUT_BENIGN, HELD_OUT_POSITIVES)
    per_lang = Counter(b.lang for b in benign)
    assert len(benign) >= 250
    assert all(per_lang[lang] >= 80 for lang in LANGS)
    assert Counter(p.lang for p in positives) == dict.fromkeys(LANGS, 30)
    assert Counter(b.lang for b in held_benign) == dict.fromkeys(LANGS, 35)
    assert Counter(p.lang for p in held_positives) == dict.fromkeys(LANGS, 10)
    texts = [c.text for c in [*benign, *positives, *held_benign, *held_positives]]
    assert len(set(texts)) == len(texts)


def test_an_empty_or_malformed_corpus_is_refused() -> None:
    with pytest.raises(CorpusError):
        checked([], POSITIVES)
    with pytest.raises(CorpusError):
        checked(BENIGN, [])
    bad = accuracy_corpus.Benign("de", "review", "shop", "Danke für die Bewertung!")
    with pytest.raises(CorpusError):
        checked([bad], POSITIVES)


@pytest.mark.parametrize(
    ("benign", "at_most"),
    [(BENIGN, FALSE_POSITIVES_AT_MOST), (HELD_OUT_BENIGN, HELD_OUT_FALSE_POSITIVES_AT_MOST)],
    ids=["corpus", "held-out"],
)
def test_false_positives_on_benign_messages_stay_at_or_below_the_published_figure(
    benign: list[accuracy_corpus.Benign], at_most: dict[str, int]
) -> None:
    flagged = [r for r in scored(benign) if r.hit]
    for lang in LANGS:
        mine = [r.case.text for r in flagged if r.case.lang == lang]
        assert len(mine) <= at_most[lang], mine


@pytest.mark.parametrize(
    ("positives", "at_least"),
    [(POSITIVES, CAUGHT_AT_LEAST), (HELD_OUT_POSITIVES, HELD_OUT_CAUGHT_AT_LEAST)],
    ids=["corpus", "held-out"],
)
def test_recall_on_true_positives_does_not_drop_below_the_published_figure(
    positives: list[accuracy_corpus.Positive], at_least: dict[str, int]
) -> None:
    results = scored(positives)
    for lang in LANGS:
        caught = sum(r.hit for r in results if r.case.lang == lang)
        missed = [r.case.text for r in results if not r.hit and r.case.lang == lang]
        assert caught >= at_least[lang], missed


# --- The bench: it fails on an empty corpus and never divides by zero ---


def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "moderation_accuracy.py"
    spec = importlib.util.spec_from_file_location("moderation_accuracy", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bench_quick_run_prints_the_tables(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["moderation_accuracy.py", "--quick"])
    assert _bench().main() == 0
    out = capsys.readouterr().out
    assert out.count("false positives: benign messages flagged, per language") == 2
    assert out.count("recall on true positives, per language") == 2
    assert "held-out part" in out


def test_the_bench_exits_non_zero_on_an_empty_corpus(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["moderation_accuracy.py"])
    monkeypatch.setattr(accuracy_corpus, "BENIGN", [])
    assert _bench().main() == 2
    assert "failed to load" in capsys.readouterr().err


def test_the_bench_prints_no_ratio_over_zero() -> None:
    bench = _bench()
    assert bench._ratio(0, 0).strip() == "—"
    assert bench._ratio(1, 4).strip() == "25.0 %"
