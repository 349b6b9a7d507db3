"""Moderation scorer for messages: review extortion, off-platform contact or payment
(phishing included) and advertising without consent (issue 8; PRODUCT.md §2, §6, §7).

Pure rules: stdlib only, no Django, no database, no user-visible text. The messaging
layer hands over the text and a ``Context``; pages translate the returned codes
(``Category``, ``Finding.rule``). Works on English, French and Polish.

How it decides (see docs/moderation.md, "The scorer"):

* The text is folded for matching: lower case, accents and Polish diacritics removed,
  look-alike Cyrillic letters mapped to Latin, light leetspeak inside words ("r3view").
  Folding keeps one character per character, so every ``Finding`` points into the
  original text (``start``/``end``) and quotes it (``phrase``).
* Each rule adds a ``Finding`` with a weight to its category; a category is flagged when
  its weights add up to its threshold (1.0 by default). Weights below the threshold stay
  in the verdict as evidence; negative weights are context that clears a message.
* **Extortion** needs a review reference *and*, near it, either an offer of value (refund,
  gift, discount, money, bonus item, free shipping…) bound by a condition ("if", "in
  exchange", "and I'll", "=", "as long as", "gdy tylko"…) or said to soften the review
  ("would make my rating kinder", "rendrait mon avis plus clément", "sprawiłby…"); or a
  demand to change a review ("once your feedback is amended", "poprawisz opinię") bound to
  an offer; or a negative rating used as a threat (with a condition or a demand), or set
  after a deadline ("until tomorrow, then the one-star review"); or — from a buyer — a
  review held over the shop with "unless / otherwise / or / it would be a shame if"; or a
  polite request to change a review ("would you consider editing…", "czy byłaby Pani
  skłonna poprawić…") with an offer still to come ("happy to throw in", "mogę przesłać").
  A review may be named without the word ("what you wrote about us", "un petit mot sympa",
  "write something nasty", "eval", "negatyw"); bindings include "soit… soit", "your call",
  "deal?", "→", "then I'll", "et jlaisse", "to wystawię". A binding holds within its
  sentence: a subordinator ("if", "si", "jeśli", "as soon as") only when its own clause
  names the review or the offer or refers to the review ("as soon as it's changed"), and
  "otherwise", "in exchange", "sinon", "w zamian"… reach back one sentence when they open
  theirs: "We will refund you in full. If you have a moment, a review always helps us" is
  no bargain (issue 19). A review request alone, an offer with no review in sight, a
  review change next to an offer already given ("we've sent", "est parti", "wysłaliśmy")
  with nothing binding them, a bad rating told as a story or thanked for ("thanks for your
  honest review"), an offer declined ("but I don't want a refund", "nie chcę zwrotu") or
  what thanks are for ("dziękuję za szybki zwrot") is not extortion.
* **Off-platform**: payment outside (IBAN or a domestic account number, Western Union,
  PayPal friends & family, gift cards, crypto, BLIK to a phone, QR-code payment,
  person-to-person apps such as Revolut, Lydia, Venmo, a payment service's link), payment
  "between us" or to a personal account, dodging the marketplace's fees or commission,
  messaging apps, SMS and DMs, requests for an e-mail or phone number that the order does
  not need (a personal one it never needs) or to arrange a payment, asking to be sent a
  one-time code or card details, links to look-alikes of the marketplace or of a carrier
  ("royalmail-redelivery.co"), and unknown links dressed up with a lure (a parcel fee due,
  an account to check, money to collect). Links to the marketplace, the shop's own site
  and real carriers are fine; "PayPal" or "directly" said of the marketplace's own
  checkout is fine; a buyer's phone or e-mail in an order thread is fine unless the
  message also takes the deal or the talk outside.
* **Advertising**: promotional wording in a shop's message when the buyer has not
  consented to marketing (sales and clearances, percentages off, new collections and
  drops, loyalty or VIP clubs, early access, newsletters, social accounts, "buy two, the
  third free", "today only", giveaways…). An apology, a coupon the buyer asked for, or a
  reply about the buyer's own basket or a code that still works ("Yes, the WELCOME10 code
  still works on your basket") is cleared, and an offer that is the reward in a review
  extortion is counted as extortion, not advertising.

Every window search (terms near each other) bisects sorted match positions, so the work
stays linear in the text's length: a 20,000-character message is read whole, to its end.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from itertools import accumulate


class Category(StrEnum):
    EXTORTION = "extortion"
    OFF_PLATFORM = "off_platform"
    ADVERTISING = "advertising"


CARRIER_DOMAINS: tuple[str, ...] = (
    "laposte.fr",
    "colissimo.fr",
    "chronopost.fr",
    "mondialrelay.fr",
    "inpost.pl",
    "inpost.eu",
    "poczta-polska.pl",
    "pocztex.pl",
    "dpd.com",
    "dpd.com.pl",
    "dpd.fr",
    "dhl.com",
    "dhl.de",
    "dhl.pl",
    "ups.com",
    "fedex.com",
    "gls-group.eu",
    "gls-group.com",
    "royalmail.com",
    "parcelforce.com",
    "evri.com",
    "usps.com",
)


@dataclass(frozen=True)
class Thresholds:
    """Weight a category's findings must add up to; staff may change them."""

    extortion: float = 1.0
    off_platform: float = 1.0
    advertising: float = 1.0

    def of(self, category: Category) -> float:
        return float(getattr(self, category.value))


DEFAULTS = Thresholds()


@dataclass(frozen=True)
class Context:
    """What the scorer knows besides the text.

    ``sender``: ``"buyer"`` or ``"shop"``. ``about_order``: the thread is attached to an
    order (contact about a current order is always allowed). ``order_state`` is carried
    for the record; no rule reads it yet. ``marketing_consent``: the buyer agreed to
    receive the shop's marketing.
    """

    sender: str = "buyer"
    about_order: bool = False
    order_state: str | None = None
    marketing_consent: bool = False
    marketplace_domains: tuple[str, ...] = ("comptoir.example",)
    shop_domain: str | None = None
    carrier_domains: tuple[str, ...] = CARRIER_DOMAINS


@dataclass(frozen=True)
class Finding:
    """One rule that matched: ``phrase`` is ``text[start:end]`` of the original text."""

    category: Category
    rule: str
    phrase: str
    start: int
    end: int
    weight: float

    @property
    def code(self) -> str:
        return f"{self.category.value}.{self.rule}"


@dataclass(frozen=True)
class Verdict:
    findings: tuple[Finding, ...]
    scores: dict[Category, float] = field(default_factory=dict)
    categories: frozenset[Category] = frozenset()

    @property
    def flagged(self) -> bool:
        return bool(self.categories)

    def explain(self) -> list[tuple[str, str]]:
        """``(code, phrase)`` for every finding of a flagged category, strongest first."""
        chosen = [f for f in self.findings if f.category in self.categories and f.weight > 0]
        chosen.sort(key=lambda f: (-f.weight, f.start))
        return [(f.code, f.phrase) for f in chosen]


# --- Normalisation -------------------------------------------------------------------

_CONFUSABLES = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "ӏ": "l", "ł": "l", "ß": "s", "ø": "o", "đ": "d",
    "æ": "a", "œ": "o", "ı": "i", "’": "'", "‘": "'", "`": "'", "´": "'", "–": "-",
    "—": "-", "‑": "-", "−": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}  # fmt: skip


class _FoldTable(dict[int, str]):
    """``str.translate`` table computed lazily: one output character per input one."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        lowered = char.lower()[:1] or char
        folded = _CONFUSABLES.get(lowered)
        if folded is None:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c)
            )
            folded = base[:1].lower() if len(base) >= 1 and base[:1].isascii() else lowered
            if not base:
                folded = " "
        self[codepoint] = folded
        return folded


_FOLD = _FoldTable()
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_LEET_CHAR = re.compile(r"[013457@$]")
_LEET_IN_WORD = re.compile(r"(?<=[a-z])[013457@$]+(?=[a-z])")


def fold(text: str) -> str:
    """Lower case, accents and diacritics removed, same length as ``text``."""
    return text.translate(_FOLD)


def normalise(text: str) -> str:
    """``fold`` plus light leetspeak inside words ("r3view" → "review"); same length."""
    return _unleet(fold(text))


def _unleet(folded: str) -> str:
    if not _LEET_CHAR.search(folded):
        return folded
    return _LEET_IN_WORD.sub(lambda m: m.group().translate(_LEET), folded)


# --- Lexicons (folded forms) -----------------------------------------------------------


def _top_level_bar(alternative: str) -> bool:
    depth, escaped = 0, False
    for char in alternative:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def _by_first_letter(alternatives: list[str]) -> list[str]:
    """``["review", "rate", "opini\\w*"]`` → ``["r(?:eview|ate)", "opini\\w*"]``: the regex
    engine then tries one branch per first letter instead of every alternative, for the
    same matches (the order of the alternatives of a letter is kept)."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        first, rest = alternative[:1], alternative[1:]
        if first.isascii() and first.isalnum() and rest[:1] not in ("?", "*", "+", "{"):
            groups.setdefault(first, []).append(rest)
        else:
            groups[alternative] = []
    return [
        key if not rests else key + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for key, rests in groups.items()
    ]


def _rx(*alternatives: str) -> re.Pattern[str]:
    """One alternation. The alternatives that start at a word boundary are grouped behind
    a single ``\\b``, then by first letter: the same matches, many times faster than a flat
    alternation."""
    bounded = [a[2:] for a in alternatives if a.startswith(r"\b") and not _top_level_bar(a)]
    rest = [a for a in alternatives if not a.startswith(r"\b") or _top_level_bar(a)]
    parts = ([r"\b(?:" + "|".join(_by_first_letter(bounded)) + ")"] if bounded else []) + rest
    return re.compile(r"(?:" + "|".join(parts) + r")")


# What the buyer wrote or will write about the shop, named without the word "review".
_WRITTEN = (
    r"\b(?:what (?:you|u) (?:wrote|posted|said|put|left) (?:about|on|of) (?:us|the shop|our shop"
    r"|my shop)\b"
    r"|(?:write|post|say|put|leave) (?:something|smth|sth|stuff|a few words) "
    r"(?:nasty|bad|negative|mean|horrible|awful|nice|good|positive)\b"
    r"|ce que (?:vous avez|tu as) (?:ecrit|publie|dit|mis|poste|laisse)"
    r"|(?:ecrire|mettre|poster|publier|dire) (?:quelque chose|qqch|qqc) de "
    r"(?:mechant|negatif|desagreable|sympa|gentil|positif)\b"
    r"|to,? co (?:pan|pani|pan\w*|ty) (?:o nas )?napisal\w*"
    r"|co (?:pan|pani|pan\w*) napisal\w* o nas\b"
    r"|napisa\w* cos (?:zlego|niemilego|negatywnego|przykrego|milego|dobrego|pozytywnego)\b)"
)
_STARS = (
    r"\b(?:\d|one|two|five|une|cinq|jedn\w*|piec\w*)\s*(?:-\s*)?(?:stars?|etoiles?|gwiazd\w*|★+)"
)
REVIEW = _rx(
    r"\breviews?\b", r"\bfeedback\b", r"\bratings?\b", r"\brate\b", r"\bstars?\b", r"★",
    r"\b(?<!a mon )(?<!a votre )avis\b", r"\bcommentaires?\b", r"\bevaluations?\b",
    r"\b(?<!please )note\b(?! that\b|:)", r"\betoiles?\b",
    r"\bopini\w*", r"\bkomentarz\w*", r"\bocen\w*", r"\bgwiazd\w*", r"\brecenzj\w*",
    _STARS,
    # Short and slang forms: "une bonne eval", "usunę negatywa", Trustpilot.
    r"\bevals?\b", r"\btrustpilot\b", r"\b(?:negatyw|pozytyw)(?:a|y|ow|em|ie|ami)?\b",
    # A review named without the word: what the buyer wrote, or will write, about the shop;
    # a few kind words about it.
    _WRITTEN,
    r"\b(?:a few |some )?(?:kind|nice|good|positive|lovely) words? (?:about|on|for) (?:us|our)\b",
    r"\bun (?:petit )?mot (?:sympa|gentil|positif|agreable|doux)\w*",
    r"\bquelques mots (?:sympas?|gentils?|positifs?)\b",
    r"\b(?:kilka|pare|dobre|mile|cieple) (?:milych |cieplych |dobrych |pozytywnych )?slow\w*",
)  # fmt: skip
NEGATIVE_RATING = _rx(
    r"\b(?:1|one|une|jedn\w*)\s*(?:-\s*)?(?:stars?|etoiles?|gwiazd\w*|★)",
    r"\b(?:bad|negative|poor|terrible|honest)\s+(?:review|feedback|rating)",
    r"\b(?:mauvais(?:e)?|negati(?:f|ve))\s+(?:avis|commentaire|evaluation|note)",
    r"\b(?:avis|commentaire|evaluation|note)\s+negati(?:f|ve)",
    r"\bnegatywn\w*\s+(?:opini\w*|komentarz\w*|ocen\w*)", r"\bzl\w*\s+(?:opini\w*|ocen\w*)",
    r"\bnegative\b", r"\bnegatywn\w*",
    r"\b(?:scathing|nasty|damning|brutal|savage|angry|awful|horrible|furious)\s+(?:\w+\s+)?"
    r"(?:reviews?|feedback|ratings?|comments?|post)\b",
    r"\b(?:avis|commentaire|evaluation|note)s?\s+(?:\w+\s+)?(?:incendiaire|assassin|cinglant"
    r"|virulent|desastreux)s?\b",
    r"\b(?:miazdzac|fataln|niepochlebn|krytyczn)\w*\s+(?:opini|ocen|komentarz|recenzj)\w*",
    r"\bnegatyw(?:a|y|ow|em|ie|ami)?\b",
    r"\b(?:write|post|say|put|leave) (?:something|smth|sth|stuff) "
    r"(?:nasty|bad|negative|mean|horrible|awful)\b",
    r"\b(?:ecrire|mettre|poster|publier|dire) (?:quelque chose|qqch|qqc) de (?:mechant|negatif"
    r"|desagreable)\b",
    r"\bnapisa\w* cos (?:zlego|niemilego|negatywnego|przykrego)\b",
)  # fmt: skip
POSITIVE_RATING = _rx(
    r"\b(?:5|five|cinq|piec\w*)\s*(?:-\s*)?(?:stars?|etoiles?|gwiazd\w*|★)",
    r"\b(?:positive|glowing|good|great|nice)\s+(?:review|feedback|rating)",
    r"\b(?:bon|super|excellent|positif)\s+avis", r"\bavis\s+positif",
    r"\b(?:pozytywn|swietn|dobr|super)\w*\s+(?:opini\w*|ocen\w*|komentarz\w*)",
    r"\b(?:bonne|super|excellente|meilleure) (?:eval\w*|note|critique)\b",
    r"\bpozytyw(?:a|y|ow|em)?\b", r"\b(?:top|perfect|full) (?:marks|score|rating)\b",
)  # fmt: skip
OFFER = _rx(
    r"\brefund\w*", r"\bmoney back\b", r"\bcash ?back\b", r"\bfree\b", r"\bgift\w*",
    r"\bdiscount\w*", r"\bcoupon\w*", r"\bvoucher\w*", r"\breplacement\b", r"\bcompensat\w*",
    r"\bback\b", r"\bpay (?:you|for)\b", r"\bcover\b",
    r"\brembours\w*", r"\bgratuit\w*", r"\bcadeau\w*", r"\bremise\b", r"\breduction\b",
    r"\bbon d'achat\b", r"\bgeste commercial\b", r"\boffr\w*", r"\bremplacement\b",
    r"\bzwro\w*", r"\bzwrot\w*", r"\boddam\w*", r"\boddaj\w*", r"\bza darmo\b",
    r"\bprezent\w*", r"\brabat\w*", r"\bznizk\w*", r"\bbon\b", r"\brekompensat\w*",
    r"\bczesc pieniedzy\b", r"\bpieniadz\w*", r"\bpieniedzy\b",
    r"\bbonus\w*", r"\bextra (?:item|gift|product|something)\b", r"\bfreebie\w*", r"\bsamples?\b",
    r"\bmoney\b", r"\bcash\b",
    r"\bgesture\b", r"\bechantillons?\b", r"\bpetit (?:plus|geste)\b", r"\bgeste\b",
    r"\bdarmow\w*", r"\bgratis\w*", r"\bdorzuc\w*", r"\bkas[aeyi]\b",
    r"\d+(?:[.,]\d+)?\s*(?:€|eur\b|euros?\b|zl\b|pln\b|£|\$|%)", r"[€£$]\s*\d+",
    # Rewards named loosely: "a little something", "une surprise", "nagroda".
    r"\breward\w*", r"\brecompens\w*", r"\bnagrod\w*", r"\bsurprises?\b", r"\bniespodziank\w*",
    r"\blittle something\b", r"\bsomething (?:nice|extra|special)\b", r"\bin it for you\b",
    r"\bworth your while\b", r"\bpetit quelque chose\b", r"\bgratos\b",
    r"\bcos (?:ekstra|extra|milego)\b",
    r"\d+\s*(?:zlot\w*|quid|bucks|pounds?|dollars?)\b",
)  # fmt: skip
# A first-person promise in Polish after "to / wtedy / a / i": "to wystawię", "a usunę".
_PL_PROMISE = (
    r"\b(?:to|wtedy|a|i|potem|a wtedy) (?:od razu |chetnie |juz )?(?:zmieni(?:e|my)|usun(?:e|iemy)"
    r"|popraw(?:ie|imy)|wystaw(?:ie|imy)|napisz(?:e|emy)|zostaw(?:ie|imy)|podnios(?:e|emy)"
    r"|skasuj(?:e|emy)|edytuj(?:e|emy)|wycofa(?:m|my)|dam|damy|dodam|dodamy|oddam|oddamy"
    r"|zwroc(?:e|imy)|wysl(?:e|emy)|dorzuc(?:e|imy))\b"
)
CONDITION = _rx(
    r"\bif\b", r"\bunless\b", r"\botherwise\b", r"\bor else\b", r"\bor\b", r"\bin exchange\b",
    r"\bin return\b", r"\bas soon as\b(?! possible)", r"\band (?:i|we)(?:'ll| will)\b",
    r"\bto get\b",
    # Not what thanks are for: "thanks for a quick refund", "dziękuję za szybki zwrot".
    r"\b(?<!thanks )(?<!thank you )for an?\b", r"[=→]|->",
    r"\bsi\b", r"\bs'il\b", r"\bsinon\b", r"\bsans\b", r"\ben echange\b", r"\bcontre\b",
    r"\bet (?:je|nous|on|recevez)\b", r"\bou je\b", r"\bpour obtenir\b",
    r"\bdes que\b(?! possible)",
    r"\bjesli\b", r"\bjezeli\b", r"\balbo\b", r"\binaczej\b", r"\bw zamian\b",
    r"\b(?<!dziekuje )(?<!dziekujemy )(?<!dzieki )(?<!podziekowania )za\b",
    r"\bbez\b", r"\ba (?:dostaniesz|napisze|zwrocimy|oddamy|dam)\b",
    r"\bto (?:usune|zmienie|dam)\b",
    r"\bprovided\b", r"\bas long as\b", r"\bon condition\b", r"\bfaute de quoi\b",
    r"\bsans quoi\b", r"\ba condition\b", r"\bpourvu que\b", r"\bmoyennant\b",
    r"\bis yours\b", r"\best a vous\b", r"\bjest (?:twoj|twoja|twoje)\b",
    r"\bgdy tylko\b", r"\bjak tylko\b", r"\bkiedy tylko\b", r"\bo ile\b", r"\bpod warunkiem\b",
    # Either-or, a deal, a first-person promise: "soit… soit", "→", "your choice", "deal?",
    # "then I'll", "et jlaisse", "to wystawię", "a wtedy usunę".
    r"\bsoit\b(?=[^.!?]{3,120}\bsoit\b)",
    r"\b(?:your|ur|their) (?:choice|call)\b", r"\ba vous de (?:voir|choisir)\b",
    r"\bc'est (?:vous|toi) qui voy\w+", r"\b(?:twoj|wasz|pana|pani) wybor\b", r"\bwybor nalezy\b",
    r"\bdeal\s?\?", r"\b(?:that's|it's|thats|its) (?:the |a )?deal\b", r"\bmarche conclu\b",
    r"\bumowa\s?(?:\?|stoi\b)",
    r"\bthen (?:i|we)(?:'ll| will| can)\b",
    r"\bet j(?:e |')?(?:laisse|mets|met|change|modifie|retire|supprime|enleve|efface|remonte"
    r"|ajoute|passe)\w*",
    _PL_PROMISE,
    r"\bw przeciwnym (?:razie|wypadku)\b",
    r"\band (?:i|we) (?:slip|add|send|throw|give|refund|take|pop)\b",
    r"\band (?:you(?:'ll| will)? )?get\b", r"\band (?:receive|claim|enjoy|grab|collect)\b",
    r"\bet (?:hop|obtenez|gagnez|profitez)\b", r"\bi (?:odbierz|otrzymaj|zgarnij|dostan)\w*",
    r"\b[ai] (?:dorzuc\w*|dodam\w*|wysle\w*|wysylam\w*|zwroc\w*|odda\w*|dostaniesz)\b",
    # An offer said to make the review kinder: "would make my rating kinder".
    r"\bwould (?:make|turn|get) (?:my|your|the|that|this|our) (?:\w+ ){0,2}?"
    r"(?:reviews?|ratings?|feedback|stars?)\b",
    r"\b(?:kinder|softer|nicer|friendlier|more (?:positive|generous|favou?rable|lenient))\b",
    r"\b(?:better|higher|improved) (?:reviews?|ratings?|feedback|stars?)\b",
    r"\b(?:gets?|will be|would be|becomes?) (?:a lot |much |way |far |a bit )?"
    r"(?:better|kinder|nicer|higher|softer|more positive)\b",
    r"\brendr(?:ait|aient)\b",
    r"\b(?:sera|serait|seront) (?:bien |beaucoup |nettement )?"
    r"(?:meilleure?s?|plus (?:positi|clement|genereu|favorabl|indulgent)\w*)",
    r"\b(?:bedzie|bylaby|bylby) (?:duzo |znacznie |o wiele )?"
    r"(?:lepsz|wyzsz|lagodniejsz|przychylniejsz)\w*",
    r"\bplus (?:clementes?|indulgentes?|favorables?|positi(?:f|ve)s?|genereu\w+|douces?)\b",
    r"\bmeilleur\w* (?:avis|notes?|evaluations?|commentaires?)\b",
    r"\bsprawil\w*by\b", r"\blagodniejsz\w*", r"\bprzychylniejsz\w*",
    r"\b(?:lepsz|wyzsz)\w* (?:opini|ocen|komentarz)\w*",
)  # fmt: skip
# A demand to change a review already written ("once your feedback is amended").
REVISE = _rx(
    r"\b(?:amend|updat|chang|edit|remov|delet|withdr[ae]w|tak(?:e|ing) down|revis|modif|correct"
    r"|reconsider|rethink|revisit|bump|rais|improv)"
    r"\w* (?:\w+ ){0,2}?(?:reviews?|feedback|ratings?|stars?|score)\b",
    r"\b(?:amend|updat|chang|edit|remov|delet|withdr[ae]w|revis|modif|correct|reconsider|rethink"
    r"|revisit)\w* " + _WRITTEN,
    r"\b(?:revoir|reconsiderer) (?:\w+ ){0,2}?(?:avis|commentaires?|evaluations?|notes?)\b",
    r"\b(?:bump|move|push) (?:us|me|it|that|this) up\b",
    r"\b(?:przemysl|rozwaz|zmodyfik)\w* (?:\w+ ){0,2}?(?:opini|ocen|komentarz|recenzj)\w*",
    r"\b(?:reviews?|feedback|ratings?) (?:is |are |gets? |has been |be |been )?"
    r"(?:amended|updated|changed|edited|removed|deleted|withdrawn|taken down|revised|corrected)\b",
    r"\b(?:corrig|modifi|retir|supprim|chang|rectifi|amelior|remont)\w* (?:\w+ ){0,2}?"
    r"(?:avis|commentaires?|evaluations?|notes?)\b",
    r"\b(?:avis|commentaires?|evaluations?|notes?) (?:est |soit |sera |a ete )?"
    r"(?:corrige|modifie|retire|supprime|change|rectifie|ameliore)e?s?\b",
    r"\b(?:popraw|zmien|usun|edyt|wycof|skasuj|podwyzsz|podnies)\w* (?:\w+ ){0,2}?"
    r"(?:opini|ocen|komentarz|recenzj)\w*",
    r"\b(?:opini|ocen|komentarz|recenzj)\w* (?:zostanie |bedzie |jest )?"
    r"(?:poprawion|zmienion|usunie?t|wycofan|edytowan)\w*",
)  # fmt: skip
# How far a binding reaches (see ``_Sentences``). A subordinating condition opens a clause
# of its own ("if you leave a review, …", "dès que", "jeśli", "gdy tylko"): that clause
# must name the review or the offer, and all three stay in its sentence; "If you have a
# moment, a review always helps" binds nothing to a refund before it. A preposition ("for a
# review", "contre", "za") binds within its sentence. Any other binding ("otherwise", "in
# exchange", "then we'll", "sinon", "w zamian", "deal?", "à vous de voir") also reaches
# back to the sentence before when it opens its own: "I want a refund. Otherwise, 1 star."
_SUBORDINATOR = re.compile(
    r"if|unless|si|s'il|jesli|jezeli|as soon as|des que|provided|as long as|on condition"
    r"|a condition|pourvu que|pod warunkiem|o ile|gdy tylko|jak tylko|kiedy tylko"
    r"|once|when|after|une fois|quand|lorsque|apres|gdy|kiedy|jak|po"
)
_PREPOSITION = re.compile(r"for an?|za|contre|to get|pour obtenir|moyennant|sans|bez")
# A review referred to rather than named, in the binding's clause or sentence: "as soon as
# it's changed", "if you do", "once that's done", "dès que c'est fait", "la retirer", "son
# retrait", "jak tylko to zrobisz", "w zamian za jej usunięcie", "zostanie zmieniona".
REFERENCE = _rx(
    r"\b(?:it|that|this|they|them)(?:'s| is| has been| have been| gets| get| was| are)? "
    r"(?:changed|updated|edited|removed|deleted|amended|taken down|corrected|fixed|done|gone"
    r"|posted|live|up)\b",
    r"\b(?:chang|edit|updat|remov|delet|amend|withdr[ae]w|tak(?:e|ing) down|fix|correct)\w* "
    r"(?:it|that|this|them)\b",
    r"\byou (?:do|did)(?: (?:it|that|so|this))?\b",
    r"\b(?:c'est|ce sera|ca sera|cela sera) "
    r"(?:fait|modifie|corrige|retire|supprime|change|en ligne)",
    r"\b(?:l'|la |le |les )(?:modifi|retir|supprim|chang|corrig|effac|enlev|rectifi|publi)\w*",
    r"\b(?:son|sa|leur) (?:retrait|suppression|modification|correction)\b",
    r"\bvous (?:le|l') ?(?:faites|ferez|avez fait)\b",
    r"\b(?:jej|go|ich) (?:usuni\w*|zmian\w*|zmieni\w*|popraw\w*|edycj\w*|wycofani\w*|skasowani\w*)",
    r"\b(?:usun|zmien|popraw|edytuj|skasuj|wycofa)\w* (?:ja|go|je|to)\b",
    r"\bto zrobi\w*", r"\b(?:zostanie|bedzie|jest|zostala|zostal) "
    r"(?:zmienion|poprawion|usunie?t|wycofan|edytowan|opublikowan)\w*",
)  # fmt: skip
# What may come before a binding that opens its sentence: "And then we'll…", "Mais sinon…".
_OPENING = re.compile(r"[\W_]*(?:(?:and|but|so|et|mais|alors|donc|a|i|ale|wiec|no)[\W_]+)?")
# What binds a review change to an offer: "once your feedback is amended", "dès que".
REVISE_BINDING = _rx(
    r"\bonce\b", r"\bwhen\b", r"\bafter\b", r"\bas soon as\b(?! possible)",
    r"\bune fois\b", r"\bquand\b", r"\blorsque\b", r"\bdes que\b(?! possible)", r"\bapres\b",
    r"\bgdy\b", r"\bkiedy\b", r"\bjak tylko\b", r"\bjak\b", r"\bpo\b",
)  # fmt: skip
# "No need to change your review", "thanks for updating it": not a demand.
NOT_A_DEMAND = _rx(
    r"\bno need\b", r"\b(?:don't|do not|doesn't) (?:need|have) to\b", r"\bneedn't\b",
    r"\bthanks?(?: you)? for\b", r"\bpas besoin\b", r"\bn'avez (?:pas|rien) a\b", r"\brien a\b",
    r"\bmerci (?:d'avoir|pour)\b", r"\bnie musi\w*", r"\bnie trzeba\b", r"\bdziekuj\w* za\b",
    r"\b(?:don't|do not) feel (?:you )?(?:need|have|obliged|obligated|pressured)\b",
    r"\bpas oblige\w*", r"\bzobowiazan\w* do\b",
)  # fmt: skip
# Just before a rating: thanks for it. A rating thanked for is written, not threatened
# ("thanks for your honest review", "merci pour votre avis négatif").
THANKED = re.compile(
    r"\b(?:thanks?(?: you)?(?: so much| very much)? for|merci(?: beaucoup)? (?:pour|de)"
    r"|dziekuj\w*(?: bardzo)? za|dzieki za)"
    r" (?:the |your |this |that |votre |ton |ta |le |la |l'|vos |tes |twoja |twoj |pana |pani )?$"
)
# Just before an offer: it is declined, not asked for ("but I don't want a refund", "je ne
# demande pas de remboursement", "nie chcę zwrotu").
DECLINED = re.compile(
    r"\b(?:(?:don't|do not|won't|will not|never|didn't|did not) (?:want|need|ask(?:ed)? for"
    r"|expect|require)|not (?:asking|looking) for|no need for)(?: a| an| any| the| my)? $"
    r"|\bne (?:\w+ )?(?:demande|veux|reclame|souhaite|cherche|attends|voulons|demandons) "
    r"(?:pas|aucun|aucune|jamais)(?: de| d'| un| une| le| la| du)? ?$"
    r"|\bpas besoin d(?:e |')(?:un |une |du )?$"
    r"|\bnie (?:chce|chcemy|potrzebuje|potrzebujemy|oczekuje|oczekujemy|zadam|prosze o)\w* $"
)
# An offer already given is not a reward dangled before a review change.
PAST_OFFER = _rx(
    r"\brefunded\b", r"\brembourse\b(?! si)", r"\bzwrocil\w*", r"\bzwrocon\w*",
)  # fmt: skip
# Said of an offer, just before or after it: it is already given ("a replacement is on its
# way", "we've sent", "un remplacement est parti", "wysłaliśmy").
GIVEN = _rx(
    r"\b(?:has been|have been|was|were|got|already|is already|are already) (?:sent|posted"
    r"|shipped|dispatched|issued|processed|refunded)\b", r"\b(?:is|are) on (?:its|their) way\b",
    r"\b(?:i|we)(?:'ve| have)? (?:already )?(?:sent|posted|shipped|dispatched|issued|refunded"
    r"|processed)\b",
    r"\b(?:est|sont) (?:deja )?(?:parti|partie|partis|en route|en chemin)\b",
    r"\b(?:a|ont|avons|ai) (?:deja )?(?:ete )?(?:envoye|expedie|effectue|rembourse|emis|parti)"
    r"(?:e|es|s)?\b",
    r"\b(?:zostal\w*|jest|sa) (?:juz )?(?:wyslan|zlecon|zwrocon|nadan|w drodze)\w*",
    r"\b(?:wyslal|zwrocil|zlecil|przelal)\w*", r"\bnadal(?:em|am|ismy|ysmy|i)\b",
)  # fmt: skip
# A polite request to the reader: "would you consider", "pourriez-vous", "czy byłaby Pani
# skłonna"; with a review change and an offer to come, the offer is the price of the change.
REQUEST = _rx(
    r"\bwould (?:you|u) (?:consider|mind|be (?:willing|able|open|so kind))\b",
    r"\b(?:could|can|would|will) (?:you|u)\b", r"\bplease\b", r"\bpls\b", r"\bplz\b",
    r"\bany chance\b", r"\bperhaps you\b", r"\bmaybe you\b", r"\bis it possible\b",
    r"\bwould it be possible\b",
    r"\b(?:pourriez|pouvez|voudriez|accepteriez|seriez)[- ]vous\b", r"\b(?:pourrais|peux)[- ]tu\b",
    r"\best-ce que vous (?:pourriez|accepteriez|voudriez)\b", r"\bmerci de\b",
    r"\bje vous (?:prie|demande) de\b", r"\bserait-il possible\b", r"\bpeut-etre (?:que )?vous\b",
    r"\bczy (?:nie )?(?:mogl|moze|moglby|moglaby|bylby|bylaby|zgodzil|zechcial|zechcialby"
    r"|zechcialaby)\w*", r"\bprosze\b", r"\bprosimy\b", r"\b(?:moglby|moglaby|bylby|bylaby) "
    r"(?:pan|pani)\b", r"\bmoze (?:pan|pani)\b",
)  # fmt: skip
# An offer to come, just before it in the sentence: "happy to throw in", "je peux",
# "mogę przesłać", "a voucher awaits you".
PROSPECTIVE = _rx(
    r"\b(?:happy|glad|pleased|willing|ready|keen) to\b", r"\b(?:i|we) (?:can|could|would|might)\b",
    r"\b(?:i'd|we'd|i'll|we'll|i will|we will)\b", r"\blet (?:me|us)\b",
    r"\b(?:i|we) (?:offer|propose)\b", r"\bwould like to (?:offer|give|send)\b",
    r"\b(?:awaits|is waiting for|waiting for) you\b", r"\bin it for you\b",
    r"\bje (?:peux|pourrais|vous propose|vous offre|vous offrirai|vous enverrai|vous ferai)\b",
    r"\bnous (?:pouvons|pourrions|vous proposons|vous offrons|vous offrirons|vous enverrons)\b",
    r"\bon (?:peut|pourrait|vous offre)\b",
    r"\b(?:je suis|nous sommes) (?:pret|prete|prets)\w* a\b",
    r"\bvolontiers\b", r"\bvous attend\b",
    r"\b(?:moge|mozemy|moglbym|moglabym|moglibysmy|chetnie|proponuje|proponujemy|oferuje"
    r"|oferujemy|dam|damy|wysle|wyslemy|przesle|przeslemy|dorzuce|dorzucimy)\b",
    r"\bczeka na (?:ciebie|pana|pania|was)\b",
)  # fmt: skip
# An ultimatum: a deadline, then a consequence, then the bad review, in one sentence
# ("you have until tomorrow, then the one-star review goes live").
DEADLINE = _rx(
    r"\b(?:you have|you've got|i(?:'ll| will)? give you) (?:until|till|\d+|one|two|three|a day)\b",
    r"\b(?:until|till) (?!now\b|then\b)\w+", r"\bwithin \d+\s*(?:h|hours?|days?)\b",
    r"\bby (?:tomorrow|tonight|today|noon|midnight|the end of|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)\b", r"\bdeadline\b", r"\blast chance\b", r"\bfinal warning\b",
    r"\bvous avez (?:jusqu|\d+|une|deux|trois)", r"\bjusqu'?\s?a (?!present\b|maintenant\b)\w+",
    r"\bd'ici (?:demain|ce soir|la fin|\w+di|\d+)", r"\bsous \d+\s*(?:h|heures?|jours?)\b",
    r"\bdernier\w* (?:delai|chance|avertissement)\b",
    r"\b(?:macie|masz|ma pan|ma pani) (?:czas|\d+|jeden|dwa|trzy|dob)", r"\bw ciagu \d+",
    r"\bdo (?:jutra|dzis|wieczora|konca|poniedzialku|wtorku|srody|czwartku|piatku|soboty"
    r"|niedzieli)\b", r"\bostatni\w* (?:szans|ostrzezen)\w*", r"\bostateczn\w* termin\w*",
)  # fmt: skip
CONSEQUENCE = _rx(
    r"\bthen\b", r"\bafter that\b", r"\botherwise\b", r"\bor\b", r"\belse\b",
    r"\bensuite\b", r"\bpuis\b", r"\bsinon\b", r"\bou\b", r"\bapres (?:quoi|ca|cela)\b",
    r"\bpasse ce delai\b", r"\bfaute de quoi\b", r"\bsans quoi\b",
    r"\bpotem\b", r"\bnastepnie\b", r"\binaczej\b", r"\balbo\b", r"\bw przeciwnym razie\b",
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?\n]")
# A sentence ends at ".", "!", "?" (or a run of them) before a space or the end, or at a
# line break: not inside "12.50", "atelier-lune.fr" or "3.5".
_SENTENCE_BREAK = re.compile(r"[.!?]+(?=\s|$)|\n")
_CLAUSE_END = re.compile(r"[.!?\n,;:]")
_DIGIT = re.compile(r"\d")
# Every one-time-code and card-details phrase holds one of these.
_CODE_CUES = ("cod", "kod", "otp", "pin", "passw", "digit")
_CARD_CUES = ("card", "cart", "kart", "cvv", "cvc", "crypto", "expir")
VEILED_CONDITION = _rx(
    r"\bunless\b", r"\botherwise\b", r"\bor\b", r"\bsinon\b", r"\bsans\b", r"\binaczej\b",
    r"\balbo\b", r"\bbez\b",
    # "It would be a shame if my review…", "ce serait dommage", "szkoda by było".
    r"\b(?:it )?(?:would|'d) be (?:a )?(?:shame|pity)\b", r"\bce serait (?:dommage|bete)\b",
    r"\bszkoda by\w*", r"\bbyloby szkoda\b",
)  # fmt: skip
OWN_REVIEW = _rx(
    r"\bmy (?:\w+ )?(?:review|feedback|rating)\b", r"\bmon (?:\w+ )?(?:avis|commentaire)\b",
    r"\bma (?:\w+ )?(?:note|evaluation)\b", r"\bmoj\w* (?:\w+ )?(?:opini\w*|ocen\w*|komentarz\w*)",
)  # fmt: skip
# A negative rating said about the past is a report, not a threat.
PAST_REVIEW = _rx(
    r"\b(?:already|i) (?:left|gave|posted|wrote)\b", r"\bj'ai (?:deja )?(?:laisse|mis|donne)\b",
    r"\b(?:juz )?(?:wystawil\w*|dalem|dalam)\b",
)  # fmt: skip

IBAN = re.compile(r"\b[a-z]{2}\d{2}(?:\s?[a-z0-9]{4}){3,7}(?:\s?[a-z0-9]{1,3})?\b")
# Domestic account numbers: a Polish NRB (26 digits, an IBAN without "PL"), a French RIB,
# a British sort code.
ACCOUNT_NUMBER = re.compile(
    r"(?<![\w+])\d{2}(?:[ ]?\d{4}){6}(?!\w)|\b\d{5} ?\d{5} ?[a-z0-9]{11} ?\d{2}\b"
    r"|\bsort code:? ?\d{2}[- ]?\d{2}[- ]?\d{2}\b"
)
# The lookbehind starts an address only where its run of address characters starts: a long
# run without "@" is then read once, not once per character.
EMAIL = re.compile(r"(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
PHONE = re.compile(r"(?<![\w+])\+?\d(?:[\s.-]?\d){8,13}(?!\w)")
URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
DOMAIN = re.compile(
    r"(?<![@\w.-])(?P<scheme>https?://)?(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})"
    r"(?![\w-])"
)
# What a phishing link is dressed up with: a fee due on a parcel, an account to check, money
# to collect, card details to give.
LURE = _rx(
    r"\b(?:fee|charge|surcharge|dut(?:y|ies)|customs)s? (?:of \S+ )?(?:is |are )?(?:still )?"
    r"(?:due|outstanding|unpaid|required|payable|pending)\b",
    r"\b(?:re-?delivery|delivery|shipping|postage|customs|handling|storage) "
    r"(?:fee|charge|dut(?:y|ies))s?\b",
    r"\b(?:frais|taxes?|droits) (?:\S+ ){0,4}?(?:a regler|a payer|impayes?|dus|de douane"
    r"|de (?:re)?livraison|de reexpedition|de stockage)\b",
    r"\b(?:regler|payer|acquitter|reglez|payez) (?:les |des |vos )?(?:frais|taxes?|droits)\b",
    r"\b(?:oplac|doplac)(?:ic|cie)?\b", r"\buisc\w*", r"\bdoplat\w*",
    r"\boplat\w* (?:celn|dodatkow|za (?:przechowywanie|dostawe|magazynowanie|ponown))\w*",
    r"\b(?:account|compte|konto)\b(?:\W+\w+){0,5}?\W+(?:suspend|block|bloqu|lock|restrict|limit"
    r"|zablokowan|zawieszon|wstrzyman|desactiv|verrouill)\w*",
    r"\b(?:verify|confirm|update|reactivate|unlock|restore) (?:your |the )?(?:account|identity"
    r"|details|information|payment|card|data)\b",
    r"\b(?:verifiez|confirmez|mettez a jour|reactivez|debloquez) (?:votre |vos )?(?:compte"
    r"|identite|informations|coordonnees|paiement|carte|donnees)\b",
    r"\breactiv\w*",
    r"\b(?:zweryfikuj|potwierdz|zaktualizuj|odblokuj|aktywuj)\w* (?:swoje |swoj |twoje |twoj )?"
    r"(?:konto|dane|tozsamosc|platnosc|karte)\w*",
    r"\b(?:claim|receive|collect|release|unlock) (?:your |the )?(?:money|funds|payment|refund"
    r"|compensation|prize)\b",
    r"\b(?:recevoir|recuperer|reclamer|debloquer) (?:votre |vos |le |les )?(?:argent|fonds|paiement"
    r"|remboursement|gain)\b",
    r"\b(?:odebra|odbierz|odbior)\w* (?:\w+ )?(?:srodk|pieniad|pieniedz|platnos|zwrot|wyplat)\w*",
    r"\bcard (?:number|details)\b", r"\bcvv2?\b", r"\bcvc\b", r"\bnumero de (?:la |votre )?carte\b",
    r"\bcryptogramme\b", r"\bdane (?:twojej |swojej )?karty\b", r"\bnumer\w* karty\b",
)  # fmt: skip
# A payment that went wrong: a report about the marketplace's checkout, not a plan to pay.
PAYMENT_TROUBLE = _rx(
    r"\b(?:didn't|did not|doesn't|does not|hasn't|has not|won't|will not|can't|cannot) "
    r"(?:go through|work|pass|show)", r"\b(?:failed|fails|declined|rejected|stuck|blocked)\b",
    r"\bbloque\w*", r"\brefuse\w*", r"\bechou\w*", r"\bn'est pas passe\w*", r"\bne passe pas\b",
    r"\bnie (?:przesz|przeszl|dziala|doszl|zostal)\w*", r"\bodrzucon\w*", r"\bnieudan\w*",
    r"\bzablokowan\w*",
)  # fmt: skip
# A link's host or path made for paying or logging in: "/pay", "-paiement", "/oplata".
PAY_PATH = re.compile(
    r"[/?#=_.-](?:pay(?:ment)?s?|paiement|oplat[ay]|oplac\w*|platnosc\w*|checkout|verif\w*|login"
    r"|signin|logowanie|konto|account|compte|odbior\w*|reactiv\w*|doplat\w*|secure|unlock)\b"
)
_OFFICIAL = ("gov.uk", "gouv.fr", "gov.pl", "europa.eu", "gov")
_NO = _rx(
    r"\bno\b", r"\bnot\b", r"\bnever\b", r"\baucuns?\b", r"\baucunes?\b", r"\bpas de\b",
    r"\bsans\b",
    r"\bbez\b", r"\bnie\b", r"\bzadn\w*",
)  # fmt: skip
_PATH = re.compile(r"[^\s<>\"')]*")
# Payment services: a link to one is a payment outside the marketplace.
PAYMENT_BRANDS = (
    "paypal", "revolut", "stripe", "venmo", "zelle", "skrill", "payoneer", "sumup", "przelewy24",
    "payu", "tpay", "dotpay", "paylib",
)  # fmt: skip
_TLDS = frozenset(
    re.split(
        r"\s+",
        "com net org info biz io co me app dev shop store site online top xyz click link live "
        "help support email fr pl de uk eu ru cn tk ml ga cf gq be ch es it nl cz sk ua by kz "
        "pw cc ws tv in us ca au example",
    )
)

PAY_OUTSIDE = [
    ("western_union", 1.0, _rx(r"\bwestern ?union\b", r"\bmoneygram\b", r"\bria money\b")),
    ("friends_and_family", 1.0, _rx(
        r"\bfriends (?:and|&) family\b", r"\bentre (?:amis|proches)\b",
        r"\b(?:dla )?(?:znajomych|przyjaciol)\b",
    )),
    ("gift_card", 1.0, _rx(
        r"\bgift ?cards?\b", r"\bsteam (?:card|code)s?\b", r"\bitunes\b",
        r"\bgoogle play (?:card|code)",
        r"\bcartes? (?:cadeaux?|prepayees?)\b", r"\bpcs\b", r"\btranscash\b", r"\bneosurf\b",
        r"\bkart\w* podarunkow\w*", r"\bpaysafe ?card\b",
    )),
    ("crypto", 1.0, _rx(
        r"\bbitcoins?\b", r"\bbtc\b", r"\bcrypto\w*", r"\busdt\b", r"\bethereum\b",
        r"\bkryptowalut\w*", r"\bwallet address\b", r"\bportefeuille\b", r"\badres\w* portfela\b",
    )),
    ("blik_to_phone", 1.0, _rx(
        r"\bblik\w*\s+(?:na\s+)?(?:telefon|numer)\w*", r"\bblik\w*.{0,40}\d{3}\s?\d{3}\s?\d{3}",
    )),
    ("qr_payment", 0.6, _rx(r"\bqr\b")),
    ("bank_transfer", 0.5, _rx(
        r"\bbank transfer\b", r"\bwire transfer\b", r"\bvirement\b", r"\bprzelew\w*",
        r"\bprzelej\w*", r"\bvire[zr]\b",
        r"\brib\b", r"\bbank details\b", r"\bcoordonnees bancaires\b", r"\bdane do przelewu\b",
        r"\bnumer\w* konta\b",
    )),
    ("paypal", 0.3, _rx(r"\bpaypal\b")),
    ("pay_word", 0.3, _rx(
        r"\bpay(?:ment)?\b", r"\bpaie\w*", r"\bpay(?:er|ez|ons)\b", r"\bregle[rz]?\b",
        r"\breglons\b", r"\bzaplac\w*", r"\bplatnosc\w*", r"\bwplac\w*", r"\bplac\w*",
    )),
]  # fmt: skip


def _named_union(rules: list[tuple[str, float, re.Pattern[str]]]) -> re.Pattern[str]:
    """One pass for several lexicons whose alternatives all start at a word boundary: each a
    named group behind a single ``\\b`` (about twice as fast as a pass for each)."""
    bodies = []
    for name, _, pattern in rules:
        body = pattern.pattern.removeprefix(r"(?:\b(?:").removesuffix("))")
        if body == pattern.pattern or pattern.groups:
            raise ValueError(f"{name}: not a word-bounded lexicon")
        bodies.append(f"(?P<{name}>{body})")
    return re.compile(r"\b(?:" + "|".join(bodies) + ")")


_PAY_OUTSIDE_SCAN = _named_union(PAY_OUTSIDE)
MESSAGING_APP = _rx(
    r"\bwhats ?app\w*", r"\btelegram\w*", r"\bviber\b", r"\bwechat\b", r"\bsignal app\b",
    r"\bsnapchat\b", r"\bmessenger\w*",
    r"\b(?:on|via|sur|par|na|przez) (?:signal|discord|skype)\w*",
    # Private messages on a social network: "DM me on Insta", "écrivez-moi en MP sur Facebook".
    r"\b(?:dm|pm|message|write to|contact) (?:me|us) (?:on|via) "
    r"(?:insta\w*|ig|facebook|fb|tiktok)\b",
    r"\b(?:en )?(?:mp|dm|message prive) (?:sur|via) (?:insta\w*|facebook|fb|tiktok)\b",
    r"\b(?:napisz|pisz|odezwij)\w* (?:do mnie |do nas )?(?:na|przez) (?:insta\w*|ig|fb|facebook\w*"
    r"|priv|pw)\b",
)  # fmt: skip
OUTSIDE = _rx(
    r"\boutside (?:the |of )?(?:platform|site|marketplace|comptoir|app)",
    r"\bwithout the (?:marketplace|platform|site)\b", r"\binstead of through\b",
    r"\bdirectly\b", r"\bprivately\b", r"\boff[- ]platform\b",
    r"\bhors (?:plate-?forme|site|comptoir)\b", r"\ben dehors d\w*", r"\bsans passer par\b",
    r"\bdirectement\b", r"\ben direct\b", r"\bplutot que (?:sur|par) le site\b",
    r"\bpoza (?:serwis\w*|platform\w*|portal\w*|comptoir|aplikacj\w*)",
    r"\bbez posrednictwa\b", r"\bbezposrednio\b", r"\bnie przez (?:serwis|strone|platforme)\b",
    r"\bhors (?:du )?site\b", r"\boff (?:the )?(?:site|platform|marketplace)\b",
    r"\bpoza (?:stron\w*|allegro)",
    # Taking the talk to e-mail or the phone: "let's continue by e-mail", "on en parle par
    # téléphone", "przejdźmy na maila".
    r"\b(?:continue|talk|chat|speak|discuss|sort (?:it|this|things) out|carry on"
    r"|arrange (?:it|this)) (?:\w+ ){0,2}?(?:by|via|over|on) "
    r"(?:e-?mail|phone|the phone|text|sms)\b",
    r"\b(?:continu|discut|parl|echang|regl)\w* (?:\w+ ){0,2}?(?:par|en|au) "
    r"(?:mail|e-?mail|telephone|tel|sms|texto|prive|mp)\b",
    r"\b(?:przejdzmy|piszmy|pogadajmy|porozmawiajmy|kontynuujmy|dogadajmy sie|ustalmy)"
    r" (?:\w+ ){0,2}?(?:na (?:maila|e-?maila|priv|pw|telefon\w*|sms\w*)|mailowo|telefonicznie"
    r"|przez (?:maila|telefon|sms))",
)  # fmt: skip
# Person-to-person payment apps (not a card brand: "my Revolut card" is a card payment).
PAYMENT_APP = _rx(
    r"\brevolut\w*(?! (?:card|carte|kart))", r"\bvenmo\b", r"\bzelle\b", r"\bcash ?app\b",
    r"\bpaylib\b", r"\bwero\b", r"\bskrill\b", r"\bpayoneer\b",
    r"\b(?:via|with|by|through|on|using|par|avec|sur|en|przez) (?:lydia|wise|transferwise)\b",
)  # fmt: skip
SMS = _rx(r"\btext me\b", r"\bsms\w*", r"\btexto\b", r"\bby text\b", r"\bimessage\b")
# Keeping the deal away from the marketplace: "between us", a personal account.
PRIVATE = _rx(
    r"\bbetween (?:us|ourselves|you and me)\b", r"\bentre nous\b", r"\bmiedzy nami\b",
    r"\bmy (?:own |personal |private )(?:bank )?account\b", r"\bprivate (?:bank )?account\b",
    r"\b(?:mon|notre) (?:propre )?compte(?: bancaire)? (?:perso\w*|prive)\b",
    r"\bmon propre compte\b", r"\bcompte perso\b",
    r"\bprywatne konto\b", r"\bkonto (?:prywatne|osobiste)\b",
    r"\bna (?:moje|moj|nasze) (?:prywatne |osobiste |wlasne )konto\b",
    # Money sent to the writer's own account: "send the money to my account", "virez sur mon
    # compte", "przelej na moje konto".
    r"\b(?:send|transfer|wire|pay)\w* (?:\w+ ){0,4}?(?:to|into) my (?:bank )?account\b",
    r"\b(?:virez|envoyez|versez|payez|faites)\w* (?:\w+ ){0,4}?sur mon compte\b",
    r"\b(?:przelej|przelejcie|wyslij|wyslijcie|wplac|wplaccie)\w* (?:\w+ ){0,4}?"
    r"na (?:moje|moj) konto\b",
)  # fmt: skip
# Dodging the marketplace's fees or commission.
FEES = _rx(
    r"\b(?:skip|avoid|dodge|bypass|cut(?:ting)? out|get(?:ting)? around)\w* (?:paying )?"
    r"(?:the |their |any |all )?(?:site'?s? |platform'?s? |marketplace'?s? |comptoir'?s? "
    r"|service )?(?:fees?|commission)\b",
    r"\b(?:save|saving|without|no) (?:on )?(?:the )?(?:site|platform|marketplace|comptoir)'?s? "
    r"(?:fees?|commission)\b",
    r"\bcheaper for both\b",
    r"\bevit\w* (?:de payer )?(?:la |les )?(?:frais|commission)\b",
    r"\bsans (?:la )?commission\b", r"\bsans (?:les )?frais (?:du site|de (?:la )?plateforme)",
    r"\b(?:omin|unikn|oszczedz)\w* (?:\w+ )?prowizj\w*", r"\b(?:omin|unikn)\w* (?:\w+ )?oplat\w*",
    r"\bbez prowizji\b", r"\bbez oplat (?:serwis|portal|platform)\w*",
    r"\b(?:don't|do not|doesn't|not) (?:want to |wanna )?pay (?:the |any |their )?(?:site'?s? "
    r"|platform'?s? |marketplace'?s? |comptoir'?s? |service )(?:fees?|commission)\b",
    r"\bne pas payer (?:la |les |de )?(?:commission|frais)\b",
    r"\bnie (?:chce |chcemy |musimy )?(?:placic|zaplacic|plac\w*) (?:\w+ )?prowizj\w*",
)  # fmt: skip
NEGATION = _rx(
    r"\bnever\b", r"\bjamais\b", r"\bnigdy\b", r"\bdon't\b", r"\bdo not\b", r"\bcan't\b",
    r"\bcannot\b", r"\bwon't\b", r"\bne (?:\w+ )?pas\b", r"\bnie wolno\b",
)  # fmt: skip
# An order, tracking or account number is not a phone number.
_NOT_A_PHONE = (
    r"(?! (?:de )?(?:commande|suivi|colis|facture|compte|carte|retour|transaction|zamowieni"
    r"|sledzeni|przesylk|paczk|faktur|kont|kart|zwrot|nadani)\w*)"
)
CONTACT_REQUEST = _rx(
    r"\byour (?:personal |private |own |real )?(?:e-?mail|email address|phone|(?:phone |mobile "
    r"|whatsapp )?number|whatsapp|contact details)\b",
    r"\b(?:give|send|tell) (?:me|us) (?:an? |your )?(?:e-?mail|phone|number)",
    r"\bvotre (?:adresse )?(?:e-?mail|mail|courriel|numero|telephone|portable)\b" + _NOT_A_PHONE,
    r"\bton (?:adresse )?(?:e-?mail|mail|numero|tel|telephone|portable|06|07)\b" + _NOT_A_PHONE,
    r"\b(?:poda|jaki|prosze o|prosimy o)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:e-?mail\w*|mail\w*|numer\w*|telefon\w*)" + _NOT_A_PHONE,
    r"\b(?:twoj|swoj|pana|pani)\w* (?:prywatn\w* |osobist\w* )?(?:adres\w* )?"
    r"(?:e-?mail\w*|mail\w*|numer\w*|telefon\w*)" + _NOT_A_PHONE,
)  # fmt: skip
# A personal address or number: the order never needs one ("your personal email", "e-mail
# perso", "prywatny numer").
PERSONAL_CONTACT = _rx(
    r"\b(?:personal|private|own|real) (?:e-?mail|email address|phone|number|mobile|contact)",
    r"\b(?:e-?mail|mail|adresse|numero|telephone|portable|coordonnees) "
    r"(?:perso|personnel\w*|prive\w*)",
    r"\b(?:prywatn|osobist)\w* (?:adres\w* )?(?:e-?mail\w*|mail\w*|numer\w*|telefon\w*|kontakt\w*)",
)  # fmt: skip
# Where paying or "directly" refers to the marketplace's own checkout: "at checkout", "au
# moment du paiement sur Comptoir", "na stronie".
ON_SITE = _rx(
    r"\bat (?:the )?checkout\b", r"\bon the payment page\b", r"\bin (?:the|your) (?:basket|cart)\b",
    r"\b(?:on|through|via|in) (?:the )?"
    r"(?:site|website|platform|marketplace|app|comptoir|listing)\b",
    r"\bau moment (?:du paiement|de payer|de (?:la )?commande)\b", r"\bau panier\b",
    r"\b(?:sur|via|par) (?:le site|la plateforme|comptoir|l'appli\w*)\b",
    r"\bdans (?:le|votre) panier\b",
    r"\blors (?:du paiement|de la commande)\b",
    r"\b(?:na|w) (?:stronie|platformie|comptoir|portalu|serwisie|koszyku)\b",
    r"\bprzez (?:strone|serwis|platforme|comptoir|portal)\b",
    r"\bprzy (?:platnosci|zamowieniu|kasie)\b",
)  # fmt: skip
# Said just before the marketplace: "instead of on the site", "sans passer par", "zamiast".
CONTRAST = _rx(
    r"\binstead\b", r"\brather than\b", r"\bnot\b", r"\boutside\b", r"\bwithout\b",
    r"\bno longer\b",
    r"\bplutot que\b", r"\bau lieu\b", r"\bpas\b", r"\bhors\b", r"\bsans\b", r"\bzamiast\b",
    r"\bnie\b", r"\bpoza\b", r"\bbez\b",
)  # fmt: skip
# A one-time code sent by text or e-mail (not a tracking, pickup or promo code).
_NOT_OTP = (
    r"(?<!tracking )(?<!pickup )(?<!promo )(?<!discount )(?<!parcel )(?<!locker )(?<!coupon )"
)
ONE_TIME_CODE = _rx(
    r"\b(?:\d|four|five|six|eight)[- ]?digit (?:code|number|pin)\b",
    r"\b(?:verification|confirmation|security|one[- ]time|sms|text|login|access|authori[sz]ation"
    r"|auth|otp|2fa|blik) (?:code|pin|password)s?\b", r"\botp\b",
    r"\b" + _NOT_OTP + r"code (?:you (?:get|got|receive|received|will get|just got)"
    r"|(?:we |they )?(?:just )?sent (?:to )?(?:you|your phone)|(?:by|via|in (?:a|the)) (?:text|sms"
    r"|e-?mail)|from (?:the |your )?(?:text|sms|message))\b",
    r"\bcode (?:a|de) \d+ chiffres\b", r"\bcode (?:de )?(?:verification|confirmation|securite"
    r"|validation|blik)\b", r"\bcode (?:recu|envoye|que vous (?:avez recu|allez recevoir|recevez))"
    r"(?: par (?:sms|texto|mail|e-?mail))?", r"\bcode (?:par|du|dans le) (?:sms|texto)\b",
    r"\bkod\w* (?:z |ze )?(?:sms|wiadomosci|maila|e-?maila)\w*",
    r"\bkod\w* (?:weryfikacyjn|potwierdzaj|autoryzacyjn|jednorazow|dostepu|blik|sms)\w*",
    r"\b\d+[- ]?cyfrow\w* kod\w*",
    r"\bkod\w*,? (?:ktory|jaki) (?:wlasnie )?(?:przyszedl|otrzymal|dostal)\w*",
)  # fmt: skip
# Card details: "card number", "CVV", "numéro de carte", "dane karty".
CARD_DETAILS = _rx(
    r"\bcard (?:number|details|info\w*)\b", r"\bcvv2?\b", r"\bcvc\b", r"\bexpiry date\b",
    r"\bnumero de (?:la |votre )?carte\b", r"\bcoordonnees de (?:la |votre )?carte\b",
    r"\bcryptogramme\b", r"\bdane (?:twojej |swojej )?karty\b", r"\bnumer\w* karty\b",
)  # fmt: skip
# Handing something over to the writer: "send it to me", "donnez-moi", "podaj".
HAND_OVER = _rx(
    r"\b(?:send|give|tell|forward|read|pass|share|text|type|paste|write|provide|enter)\w* "
    r"(?:\w+ ){0,6}?"
    r"(?:me|us|here|in (?:this|the) chat)\b", r"\breply with\b",
    r"\bwhat(?:'s| is| was) (?:the|your) code\b", r"\bneed (?:the|your|that) code\b",
    r"\b(?:envoy|donn|communiqu|transmet|indiqu|renvoy|ecriv|tap|recopi|partag|dict)\w*[- ]"
    r"(?:le|la|les|moi|nous)\b", r"\b(?:me|m'|nous) (?:donner|communiquer|transmettre|envoyer|dire"
    r"|indiquer|renvoyer|lire|dicter|ecrire)\b", r"\bquel est (?:le|votre) code\b",
    r"\b(?:podaj|przeslij|wyslij|przekaz|przepisz|powiedz|podyktuj)\w*", r"\bpoda(?:c|nie)\b",
    r"\bprosze o (?:podanie|przeslanie|przekazanie)\b", r"\bjaki (?:to )?(?:jest )?kod\b",
)  # fmt: skip
# "Never share this code with anyone", "ne communiquez jamais", "nikomu nie podawaj".
DONT_SHARE = _rx(
    r"\bnever\b", r"\bdon't\b", r"\bdo not\b", r"\bjamais\b", r"\bnie\b", r"\bnikomu\b",
    r"\bno one\b", r"\bnobody\b",
)  # fmt: skip
ORDER_NEED = _rx(
    r"\bcourier\b", r"\bcarrier\b", r"\bdeliver\w*", r"\bdriver\b", r"\binvoice\b",
    r"\blivreur\b", r"\btransporteur\b", r"\blivr\w*", r"\bfacture\b",
    r"\bkurier\w*", r"\bdostaw\w*", r"\bdorecz\w*", r"\bfaktur\w*", r"\bpaczk\w*",
)  # fmt: skip
CREDENTIALS = _rx(
    r"\bverify\b", r"\blog ?in\b", r"\bsign in\b", r"\bconfirm your\b", r"\bsuspended\b",
    r"\bon hold\b", r"\bpassword\b",
    r"\bverifiez\b", r"\bconnectez-vous\b", r"\bconfirmez\b", r"\bsuspendu\b", r"\bbloque\b",
    r"\bzweryfikuj\w*", r"\bzaloguj\w*", r"\bpotwierdz\w*", r"\bzablokowan\w*", r"\bwstrzyman\w*",
)  # fmt: skip

PROMOTION = [
    (1.0, _rx(
        r"\b(?:new|latest|upcoming) (?:\w+ ){0,2}?(?:collection|range)s?\b",
        r"\bnouvelles? (?:\w+ )?collections?\b", r"\bnow\w* (?:\w+ )?kolekcj\w*",
        # Buy some, get one free: "przy zakupie dwóch świec trzecia gratis", "le 3e offert".
        r"\b(?:buy|purchase|achat|achetez|zakup\w*|kup\w*)\b[^.!?]{0,40}?"
        r"\b(?:second|third|fourth|2nd|3rd|deuxieme|troisieme|quatrieme|drug|trzec|czwart)\w*\b"
        r"[^.!?]{0,25}?\b(?:free|gratis|offert|gratuit|za darmo|half price|moitie prix|pol ceny"
        r"|za \d+ ?(?:zl|grosz))",
        r"\b(?:2 for 1|3 for 2|4 for 3|2 pour 1|3 pour 2|4 pour 3|2 w cenie 1|3 w cenie 2"
        r"|4 w cenie 3)\b",
        r"\bflash sale\b", r"\bvente flash\b", r"\bblack friday\b", r"\bcyber monday\b",
        r"\bnewsletter\w*", r"\bfollow us\b", r"\bsuivez-nous\b", r"\bobserwuj\w* nas\b",
        r"\bsubscribe\b", r"\babonnez-vous\b", r"\bzapisz\w* sie\b",
        r"\d+\s?% off\b", r"(?<![\w-])-\s?\d+\s?%", r"\bhalf price\b", r"\bmoitie prix\b",
        r"\bpol ceny\b", r"\bbuy \d,? get \d\b", r"\d\w* offert\b", r"\bkup \d\b",
        r"\b(?:discount|promo|coupon) code\b", r"\bcode (?:promo|de reduction)\b",
        r"\bkod\w* (?:rabatow\w*|promocyjn\w*)", r"\blimited offer\b", r"\boffre limitee\b",
        r"\boferta limitowana\b",
        # Loyalty clubs and early access.
        r"\b(?:vip|loyalty|members?'?|rewards?) (?:club|program\w*|card|points|perks)\b",
        r"\bclub (?:vip|fidelite|prive)\b", r"\b(?:programme|carte|points) (?:de )?fidelite\b",
        r"\bklub\w* (?:vip|stal\w* klient\w*)", r"\bprogram\w* lojalnosciow\w*",
        r"\bkart\w* (?:stal\w* klient\w*|lojalnosciow\w*)",
        r"\bearly access\b", r"\bacces (?:en )?avant-premiere\b", r"\bvente privee\b",
        r"\bwczesn\w* dostep\w*", r"\bprzedsprzedaz\w*",
        # Clearances and percentages off.
        r"\bclearance\b", r"\beverything must go\b", r"\bdestockage\b",
        r"\btout doit dispara\w*", r"\bwszystko musi znikn\w*",
        r"\bjusqu'?\s?a -\s?\d+\s?%", r"\bdo -\s?\d+\s?%",
        r"\bfollow (?:our|the shop'?s?) (?:page|account|profile|shop|store|instagram|facebook"
        r"|tiktok)",
        r"\bretrouvez-nous sur\b", r"\bdolacz\w* do nas\b",
    )),
    (0.5, _rx(
        r"\bsales?\b", r"\bsoldes\b", r"\bwyprzedaz\w*", r"\bpromocj\w*", r"\bpromo\b",
        r"\bnew arrivals\b", r"\bnouveautes\b", r"\bnowosci\w*", r"\bfree shipping\b",
        r"\blivraison offerte\b", r"\bdarmowa dostawa\b", r"\bexclusive offers?\b",
        r"\boffres? exclusives?\b", r"\bekskluzywn\w* ofert\w*", r"\bdon't miss\b",
        r"\bne ratez pas\b", r"\bnie przegap\w*", r"\bnew products?\b", r"\bnouveaux produits\b",
        r"\bnowe produkty\b", r"\bbe the first\b", r"\bsoyez les premiers\b", r"\bbadz pierwsz\w*",
        r"\bcheck out\b", r"\bdecouvrez\b", r"\bsprawdz\b", r"\binstagram\w*", r"\bfacebook\w*",
        r"\btiktok\w*", r"\bthis weekend only\b", r"\bce week-end seulement\b",
        r"\btylko w ten weekend\b", r"\bgratis\b", r"\bjust dropped\b",
        r"\bvip\b", r"\bexclusive\w*", r"\bexclusi(?:f|ve|vite)s?\b", r"\bekskluzywn\w*",
        r"\bjoin (?:our|us)\b", r"\brejoignez(?:-nous| notre| nos)\b", r"\bdolacz\w* do nasz\w*",
        r"\b(?:new|latest|next|summer|winter|spring|autumn|fall|holiday) (?:drops?|season|range"
        r"|releases?)\b", r"\bbefore (?:it|they) (?:sells?|sell|are|is|'s|'re) (?:out|gone)\b",
        r"\bwhile stocks? last\b", r"\bjusqu'?\s?a epuisement\b", r"\bdo wyczerpania\b",
        r"\brestock\w*", r"\bback in stock\b",
        r"\bde retour en stock\b", r"\bnouvelle (?:gamme|saison)\b", r"\bnow\w* (?:sezon|lini)\w*",
        r"\bznow dostepn\w*", r"\bshop now\b", r"\bcommandez vite\b", r"\bkup teraz\b",
        r"\blimited edition\b", r"\bedition limitee\b", r"\bedycj\w* limitowan\w*",
        r"\bpromos?\w*", r"\bbons? plans?\b", r"\bdeals\b", r"\bpinterest\b", r"\byoutube\b",
        r"\b(?:use|with) (?:the )?code\b(?! (?:from|du|z) )", r"\bavec le code\b(?! de retrait)",
        r"\bz kodem\b(?! odbioru)", r"\bup to \d+\s?%", r"\btaniej o \d+",
        r"\d+\s?% (?:de )?(?:reduction|remise|rabatu|znizki|taniej)\b",
        r"\b(?:sign up|inscrivez-vous|zarejestruj\w* sie) (?:to|for|a|au|do)\b",
        # Time-limited: "today only", "tylko dziś", "aujourd'hui seulement".
        r"\b(?:today|tonight|this week|24 ?h(?:ours)?) only\b",
        r"\bonly (?:today|tonight|this week)\b",
        r"\b(?:aujourd'hui|ce soir|cette semaine) (?:seulement|uniquement)\b",
        r"\b(?:seulement|uniquement) (?:aujourd'hui|ce soir|cette semaine)\b",
        r"\btylko (?:dzis|dzisiaj|jutro|w tym tygodniu|przez \w+ dni)\b",
        # Giveaways and contests; a call to browse the shop.
        r"\bgiveaways?\b", r"\bcontests?\b", r"\b(?:jeu-)?concours\b", r"\bkonkurs\w*",
        r"\brozdani\w*",
        r"\b(?:have|take) a (?:peek|look|browse|gander) (?:at|on|through|around) our\b",
        r"\bvisit our (?:shop|store|page|website|profile)\b",
        r"\bjetez un (?:oeil|coup d'oeil) (?:a|sur) nos?\b",
        r"\bvenez (?:decouvrir|voir|jeter)\b",
        r"\bzajrzyj\w* (?:tez |rowniez |koniecznie )?do nasz\w*",
        r"\bodwiedz\w* nasz\w*",
    )),
    (0.3, _rx(r"\bdiscount\w*", r"\breduction\b", r"\bznizk\w*", r"\brabat\w*", r"\bcoupon\w*")),
]  # fmt: skip
APOLOGY = _rx(
    r"\bsorry\b", r"\bapolog\w*", r"\brefunded\b", r"\bdesole\w*", r"\bexcuse\w*",
    r"\bexcuser\b", r"\brembourse\b", r"\bprzeprasz\w*", r"\bprzeprosin\w*", r"\bzwrocil\w*",
)  # fmt: skip
REQUESTED = _rx(
    r"\bas you asked\b", r"\bas requested\b", r"\byou asked (?:for|about|whether|if)\b",
    r"\bto answer your question\b", r"\bcomme demande\b", r"\bvous demandiez\b",
    r"\bvous (?:m'|nous )?avez demande\b", r"\bpour repondre a votre question\b",
    r"\bzgodnie z prosba\b", r"\bo (?:ktory|ktora|ktore) \w+ pytal\w*",
    r"\bodpowiadajac na (?:pana |pani |twoje )?pytanie\b", r"\b(?:tak )?jak (?:pan|pani) prosil\w*",
)  # fmt: skip
# A reply to the buyer: it opens with "yes / oui / tak…" and speaks of the buyer's own basket
# or of a code that still works ("Yes, the WELCOME10 code still works on your basket").
ANSWER = re.compile(
    r"\W*(?:yes|yep|yeah|sure|of course|no|oui|non|bien sur|tak|nie|oczywiscie|jasne)\b"
)
# What a reply about the buyer's basket may name: the code, the discount, the sale price.
ABOUT_A_CODE = re.compile(
    r"%|code|kod|discount|coupon|remise|reduction|rabat|znizk|promo|sale|solde|wyprzedaz"
    r"|free shipping|livraison offerte|darmowa dostawa"
)
ANSWERED = _rx(
    r"\b(?:still|also) (?:works?|valid|applies|available)\b", r"\bis still (?:valid|on|running)\b",
    r"\b(?:fonctionne|marche|s'applique) (?:toujours|encore|bien)\b",
    r"\best toujours (?:valable|valide)\b",
    r"\b(?:nadal|wciaz|jeszcze) (?:dziala|obowiazuje|jest wazn\w*|aktywn\w*)\b",
    r"\byour (?:current )?(?:basket|cart|order)\b", r"\bvotre (?:panier|commande)\b(?! suivante)",
    r"\b(?:w )?(?:twoim|pani|pana|swoim) koszyku\b",
)  # fmt: skip

_WINDOW = 160
_BARE_NEGATIVE = re.compile(r"negative|negatywn\w*")
_CLOSE = 80


# --- Rules ---------------------------------------------------------------------------


def _finding(
    text: str, category: Category, rule: str, start: int, end: int, weight: float
) -> Finding:
    return Finding(category, rule, text[start:end], start, end, weight)


class _Spans:
    """Matches in text order (sorted here when they come from several patterns), to find
    those near an anchor by bisection: the window searches stay linear in the text's length
    however many matches a long text holds."""

    def __init__(self, matches: Iterable[re.Match[str]], mixed: bool = False) -> None:
        self.matches = sorted(matches, key=_start) if mixed else list(matches)
        self.starts: list[int] = []
        self.ends: list[int] = []

    def __bool__(self) -> bool:
        return bool(self.matches)

    def near(self, anchor: re.Match[str], window: int = _WINDOW) -> list[re.Match[str]]:
        if not self.matches:
            return []
        if not self.starts:
            self.starts = [m.start() for m in self.matches]
            # Running maximum of the ends: matches of several patterns may overlap.
            self.ends = list(accumulate((m.end() for m in self.matches), max))
        low = anchor.start() - window
        first = bisect_right(self.ends, low)
        last = bisect_left(self.starts, anchor.end() + window)
        return [m for m in self.matches[first:last] if m.end() > low]


def _start(match: re.Match[str]) -> int:
    return match.start()


class _Intervals:
    """``(start, end)`` intervals, asked in log time whether one covers a position."""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(intervals)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))

    def cover(self, position: int) -> bool:
        i = bisect_right(self.starts, position)
        return i > 0 and self.reach[i - 1] > position


def _cover(text: str, category: Category, rule: str, parts: list[re.Match[str]]) -> Finding:
    start = min(m.start() for m in parts)
    end = max(m.end() for m in parts)
    return _finding(text, category, rule, start, end, 1.0)


def _ultimatum(norm: str, negatives: list[re.Match[str]]) -> list[re.Match[str]]:
    """Deadline, consequence and bad rating, in that order, in one sentence."""
    negatives = [m for m in negatives if not _BARE_NEGATIVE.fullmatch(m.group())]
    if not negatives:
        return []
    deadlines = _Spans(DEADLINE.finditer(norm))
    consequences = _Spans(CONSEQUENCE.finditer(norm))
    ends = [m.start() for m in _SENTENCE_END.finditer(norm)]
    for negative in negatives:
        for deadline in deadlines.near(negative, 2 * _CLOSE):
            if deadline.end() > negative.start():
                break
            if deadline.start() < negative.start() - 2 * _CLOSE:
                continue
            stop = bisect_left(ends, deadline.end())
            if stop < len(ends) and ends[stop] < negative.start():
                continue
            for consequence in consequences.near(deadline, negative.start() - deadline.end()):
                if consequence.start() >= deadline.end() and consequence.end() <= negative.start():
                    return [deadline, consequence, negative]
    return []


def _in_sentence(
    pattern: re.Pattern[str],
    norm: str,
    anchor: re.Match[str],
    before: int,
    after: int = 0,
    boundary: re.Pattern[str] | None = None,
) -> re.Match[str] | None:
    """A match of ``pattern`` at most ``before`` characters before ``anchor`` or ``after``
    characters after it, with no sentence end (or ``boundary``) in between."""
    boundary = boundary or _SENTENCE_END
    for match in pattern.finditer(norm, max(0, anchor.start() - before), anchor.end() + after):
        if match.end() <= anchor.start():
            gap = (match.end(), anchor.start())
        elif match.start() >= anchor.end():
            gap = (anchor.end(), match.start())
        else:
            return match
        if not boundary.search(norm, *gap):
            return match
    return None


class _Sentences:
    """Where each sentence of a text starts and ends, to ask whether a binding ties a review
    to an offer: a condition binds what is in its sentence (and the sentence before when it
    opens its own and is not a subordinator or a preposition, or when its sentence refers
    back to a review: "w zamian za jej usunięcie"); a subordinator's own clause must name
    one of them or refer to the review (see ``_SUBORDINATOR``, ``REFERENCE``). Each
    binding's reach is worked out once, so a long text stays linear."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.ends = [m.end() for m in _SENTENCE_BREAK.finditer(norm)]
        self.references: dict[int, bool] = {}
        self.reaches: dict[int, tuple[int, int, tuple[int, int] | None]] = {}

    def _index(self, position: int) -> int:
        return bisect_right(self.ends, position)

    def _start(self, index: int) -> int:
        return self.ends[index - 1] if index else 0

    def _end(self, index: int) -> int:
        return self.ends[index] if index < len(self.ends) else len(self.norm)

    def _refers(self, index: int) -> bool:
        if index not in self.references:
            found = REFERENCE.search(self.norm, self._start(index), self._end(index))
            self.references[index] = found is not None
        return self.references[index]

    def reach(self, binding: re.Match[str]) -> tuple[int, int, tuple[int, int] | None]:
        """``(low, high, clause)``: the span of text ``binding`` binds, and for a
        subordinator whose clause neither names nor refers to anything, that clause."""
        key = binding.start()
        if key in self.reaches:
            return self.reaches[key]
        here = self._index(key)
        word = binding.group()
        subordinate = _SUBORDINATOR.fullmatch(word) is not None
        opens = (
            not subordinate
            and not _PREPOSITION.fullmatch(word)
            and _OPENING.fullmatch(self.norm, self._start(here), key) is not None
        )
        first = here - 1 if here and (opens or self._refers(here)) else here
        clause = None
        if subordinate:
            stop = _CLAUSE_END.search(self.norm, binding.end(), self._end(here))
            own = (key, stop.start() if stop else self._end(here))
            if not REFERENCE.search(self.norm, *own):
                clause = own
        self.reaches[key] = (self._start(first), self._end(here), clause)
        return self.reaches[key]

    def binds(self, binding: re.Match[str], *parts: re.Match[str], clause: bool = True) -> bool:
        """Whether ``binding`` ties ``parts`` together. ``clause``: a subordinator's clause
        must name one of the parts (a threat needs no such thing: "if you don't answer by
        tonight, 1 star")."""
        low, high, own = self.reach(binding)
        if any(not low <= part.start() < high for part in parts):
            return False
        if own is None or not clause:
            return True
        return any(own[0] <= part.start() < own[1] for part in parts)

    def bound(
        self, bindings: list[re.Match[str]], anchor: re.Match[str], others: list[re.Match[str]]
    ) -> tuple[re.Match[str], re.Match[str]] | None:
        """The first binding and other match (in text order) it ties to ``anchor``."""
        starts = [m.start() for m in others]
        for binding in bindings:
            low, high, own = self.reach(binding)
            if not low <= anchor.start() < high:
                continue
            if own is not None and not own[0] <= anchor.start() < own[1]:
                low, high = max(low, own[0]), min(high, own[1])
            first = bisect_left(starts, low)
            if first < len(others) and others[first].start() < high:
                return binding, others[first]
        return None


class _Offers(_Spans):
    """Offers of value, each asked once whether it is already given ("we've refunded
    you", "un remplacement est parti") or said to come ("happy to throw in", "mogę
    przesłać"): a long text asks about the same offer from many anchors."""

    def __init__(self, norm: str) -> None:
        super().__init__(OFFER.finditer(norm))
        self.norm = norm
        self.given: dict[int, bool] = {}
        self.promised: dict[int, bool] = {}

    def dangled(self, anchor: re.Match[str]) -> list[re.Match[str]]:
        """Offers near ``anchor`` still to be given (nor declined: "I don't want a refund")."""
        out = []
        for offer in self.near(anchor):
            if offer.start() not in self.given:
                given = _in_sentence(GIVEN, self.norm, offer, 40, 30)
                declined = DECLINED.search(self.norm, max(0, offer.start() - 40), offer.start())
                self.given[offer.start()] = given is not None or declined is not None
            if not self.given[offer.start()]:
                out.append(offer)
        return out

    def to_come(self, offer: re.Match[str]) -> bool:
        if offer.start() not in self.promised:
            promised = _in_sentence(PROSPECTIVE, self.norm, offer, 50, 30)
            self.promised[offer.start()] = promised is not None
        return self.promised[offer.start()]


def _review_leverage(
    text: str,
    norm: str,
    context: Context,
    reviews: list[re.Match[str]],
    offers: _Offers,
    negatives: _Spans,
    conditions: _Spans,
    sentences: _Sentences,
) -> Finding | None:
    """A review and an offer bound by a condition (``_Sentences.binds``), or a threatened bad
    rating, or (from a buyer) the buyer's review held over the shop."""
    cat = Category.EXTORTION
    own: _Spans | None = None
    veiled: _Spans | None = None
    for review in reviews:
        near_conditions = conditions.near(review)
        near_offers = offers.dangled(review) if near_conditions else []
        bound = sentences.bound(near_conditions, review, near_offers) if near_offers else None
        if bound:
            condition, offer = bound
            rule = "review_for_reward" if not negatives.near(review) else "review_threat"
            return _cover(text, cat, rule, [review, offer, condition])
        near_negatives = negatives.near(review)
        # A threat's condition need not name the rating ("if you don't answer by tonight,
        # 1 star"), but it must be in the rating's sentence (or open the next one).
        threat = next(
            (
                c
                for c in near_conditions
                if any(sentences.binds(c, n, clause=False) for n in near_negatives)
            ),
            None,
        )
        if near_negatives and (threat or offers.near(review)):
            bound_by = [threat] if threat else []
            return _cover(text, cat, "review_threat", [review, near_negatives[0], *bound_by])
        if context.sender == "buyer":
            if own is None or veiled is None:
                own = _Spans(OWN_REVIEW.finditer(norm))
                veiled = _Spans(VEILED_CONDITION.finditer(norm))
            near_own, near_veiled = own.near(review), veiled.near(review)
            if near_own and near_veiled:
                return _cover(text, cat, "review_held_over", [near_own[0], near_veiled[0]])
    return None


def _threatened(norm: str) -> list[re.Match[str]]:
    """Bad ratings not told in the past: after "I gave / j'ai mis / wystawiłam" a bad rating
    is a report, not a threat; one thanked for ("thanks for your honest review") is written."""
    past = PAST_REVIEW.search(norm)
    told = past.end() if past else len(norm) + 1
    return [
        m
        for m in NEGATIVE_RATING.finditer(norm)
        if m.start() < told and not THANKED.search(norm, max(0, m.start() - 40), m.start())
    ]


def _revision_for_reward(
    text: str, norm: str, offers: _Offers, conditions: _Spans, sentences: _Sentences
) -> Finding | None:
    """A demand to change a review bound to an offer ("15% off once your feedback is
    amended"), or a request to change it with an offer to come ("Would you consider
    editing it? Happy to throw in a voucher"). An offer already given is not one."""
    cat = Category.EXTORTION
    revisions = [
        m
        for m in REVISE.finditer(norm)
        if not NOT_A_DEMAND.search(norm, max(0, m.start() - 30), m.start())
    ]
    if not revisions:
        return None
    bindings = _Spans(REVISE_BINDING.finditer(norm))
    for revision in revisions:
        binding = conditions.near(revision) or bindings.near(revision)
        request = _in_sentence(REQUEST, norm, revision, 60, 20)
        if not binding and not request:
            continue
        near_offers = [m for m in offers.dangled(revision) if not PAST_OFFER.match(norm, m.start())]
        bound = sentences.bound(binding, revision, near_offers) if near_offers else None
        if bound:
            return _cover(text, cat, "review_for_reward", [revision, bound[1], bound[0]])
        # A condition that binds nothing ("If you have time, could you update it?") does not
        # hide a request to change the review with an offer still to come.
        promised = [m for m in near_offers if offers.to_come(m)] if request else []
        if request and promised:
            return _cover(text, cat, "revision_request", [request, revision, promised[0]])
    return None


def extortion_findings(text: str, norm: str, context: Context) -> Iterator[Finding]:
    reviews = list(REVIEW.finditer(norm))
    if not reviews:
        return
    offers = _Offers(norm)
    negatives = _threatened(norm)
    conditions = _Spans(CONDITION.finditer(norm))
    sentences = _Sentences(norm)
    leverage = _review_leverage(
        text, norm, context, reviews, offers, _Spans(negatives), conditions, sentences
    )
    if leverage:
        yield leverage
        return
    revision = _revision_for_reward(text, norm, offers, conditions, sentences)
    if revision:
        yield revision
        return
    ultimatum = _ultimatum(norm, negatives)
    if ultimatum:
        yield _cover(text, Category.EXTORTION, "review_ultimatum", ultimatum)
        return
    # Evidence below the threshold: a rating promised next to an offer, without a condition.
    for positive in POSITIVE_RATING.finditer(norm):
        if offers.near(positive):
            yield _finding(
                text, Category.EXTORTION, "rating_near_offer", positive.start(), positive.end(), 0.5
            )
            return


def _registrable(host: str) -> str:
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in {"com", "co", "org", "net", "gov", "edu"}:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _within(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


_SKELETON = [("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("3", "e"), ("5", "s"), ("4", "a")]


def skeleton(label: str) -> str:
    """What a label looks like: "c0rnptoir" → "comptoir"."""
    for seen, meant in _SKELETON:
        label = label.replace(seen, meant)
    return label


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def looks_like(host: str, brand: str) -> bool:
    """Any label or hyphen-part of ``host`` is ``brand`` or one or two edits from it."""
    limit = 1 if len(brand) < 8 else 2
    for token in re.split(r"[.-]", host):
        for candidate in {token, skeleton(token)}:
            if candidate == brand:
                return True
            if (
                abs(len(candidate) - len(brand)) <= limit
                and edit_distance(candidate, brand) <= limit
            ):
                return True
    return False


def impersonated(host: str, brands: Iterable[str]) -> str | None:
    """The first of ``brands`` (carriers' or payment services' names, without hyphens) that
    shows in ``host``: as a label or hyphen part, or, for a name of five letters or more,
    anywhere in it, or for one of seven or more, one edit away from a part:
    "royalmail-redelivery.co", "laposte-suivi-colis.info", "inpost-paczka.pl",
    "paypa1-secure.com"."""
    parts = [skeleton(p) for p in re.split(r"[.-]", host)]
    compact = skeleton(host.replace("-", "").replace(".", ""))
    for brand in brands:
        if brand in parts or (len(brand) >= 5 and brand in compact):
            return brand
        if len(brand) >= 7 and any(
            abs(len(p) - len(brand)) <= 1 and edit_distance(p, brand) <= 1 for p in parts
        ):
            return brand
    return None


@lru_cache(maxsize=16)
def _carrier_brands(carrier_domains: tuple[str, ...]) -> tuple[str, ...]:
    """Carriers' names: "laposte.fr" → "laposte", "poczta-polska.pl" → "pocztapolska",
    "gls-group.eu" → "gls"."""
    names = {d.split(".")[0].replace("-", "").removesuffix("group") for d in carrier_domains}
    return tuple(sorted(names))


def _link_rule(host: str, context: Context) -> tuple[str, float]:
    """A look-alike of the marketplace, a carrier's name in a site that is not the carrier's
    (its own name under another ending, "dpd.co.uk", is only unknown), a payment service, or
    an unknown site."""
    marketplace = {d.split(".")[0] for d in context.marketplace_domains}
    if any(looks_like(host, brand) for brand in marketplace):
        return "lookalike_domain", 1.0
    label = _registrable(host).split(".")[0]
    carriers = _carrier_brands(tuple(context.carrier_domains))
    if impersonated(host, [b for b in carriers if b != label]):
        return "carrier_lookalike", 1.0
    if impersonated(host, PAYMENT_BRANDS):
        return "payment_link", 1.0
    return "unknown_link", 0.3


def _official(host: str) -> bool:
    return any(host == d or host.endswith("." + d) for d in _OFFICIAL)


def _phishing_lure(norm: str, links: list[re.Match[str]]) -> re.Match[str] | None:
    """Lure wording near an unknown link (not "no fee is due"), or a link made for paying
    or logging in in a message about paying or an account. Government sites are no lure."""
    links = [m for m in links if not _official(m.group("host"))]
    if not links:
        return None
    lures = _Spans(
        m for m in LURE.finditer(norm) if not _NO.search(norm, max(0, m.start() - 12), m.start())
    )
    for link in links:
        near = lures.near(link)
        if near:
            return near[0]
    for link in links:
        path = _PATH.match(norm, link.end("host"))
        end = path.end() if path else link.end()
        if PAY_PATH.search(norm, link.start("host"), end) and (
            PAY_ANY.search(norm) or CREDENTIALS.search(norm)
        ):
            return link
    return None


def domain_findings(text: str, folded: str, context: Context) -> Iterator[Finding]:
    cat = Category.OFF_PLATFORM
    blanked = EMAIL.sub(lambda m: " " * len(m.group()), folded) if "@" in folded else folded
    trusted = (*context.carrier_domains, *((context.shop_domain,) if context.shop_domain else ()))
    rules: dict[str, tuple[str, float]] = {}
    unknown = []
    for match in DOMAIN.finditer(blanked):
        host = match.group("host").removeprefix("www.")
        tld = host.rsplit(".", 1)[-1]
        explicit = match.group("scheme") or match.group("host").startswith("www.")
        if not explicit and tld not in _TLDS:
            continue
        start, end = match.start("host"), match.end("host")
        raw = text[start:end].lower()
        disguised = not raw.isascii()
        if _within(host, context.marketplace_domains) and not disguised:
            continue
        if _within(host, trusted) and not disguised:
            continue
        if disguised:
            rule, weight = "lookalike_domain", 1.0
        else:
            if host not in rules:
                rules[host] = _link_rule(host, context)
            rule, weight = rules[host]
        yield _finding(text, cat, rule, start, end, weight)
        if rule == "unknown_link":
            unknown.append(match)
    lure = _phishing_lure(blanked, unknown)
    if lure:
        yield _finding(text, cat, "phishing_lure", lure.start(), lure.end(), 0.7)


_MARKETPLACE_CUT = re.compile(r"site|platform|marketplace|comptoir|commission|prowizj|serwis")
PAY_ANY = _rx(
    *(p.pattern for rule, _, p in PAY_OUTSIDE if rule in {"pay_word", "bank_transfer", "paypal"}),
    PAYMENT_APP.pattern, r"\bsettle\b", r"\breglement\b", r"\brozlicz\w*", r"\bwplat\w*",
    r"\bmoney\b", r"\bcash\b", r"\bkas[aeyi]\b", r"\bpieniadz\w*", r"\bpieniedzy\b",
    r"\bblik\w*",
)  # fmt: skip
# Payment words that say nothing of where the money goes ("PayPal", "pay"): not counted
# when said of the marketplace's own checkout.
_WEAK_PAY = frozenset({"paypal", "pay_word"})


def _affirmed(norm: str, *patterns: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of ``patterns`` not just after a negation ("never pay outside Comptoir")."""
    for pattern in patterns:
        for match in pattern.finditer(norm):
            if not NEGATION.search(norm, max(0, match.start() - 30), match.start()):
                yield match


def _on_site(norm: str, match: re.Match[str]) -> bool:
    """Said of the marketplace's own checkout: "directly at checkout", "PayPal na stronie",
    "proposé au moment du paiement sur Comptoir" (but not "instead of on the site")."""
    site = _in_sentence(ON_SITE, norm, match, 40, 60, _CLAUSE_END)
    return site is not None and not CONTRAST.search(norm, max(0, site.start() - 25), site.start())


def _cued(norm: str, cues: tuple[str, ...]) -> bool:
    """A cheap test before a rare rule's scan: every match of its pattern holds a cue."""
    return any(cue in norm for cue in cues)


def _handed_over(norm: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Something (``pattern``) the writer asks to be given: "send me the code you get by
    text", "podaj kod z SMS-a"; not "never share this code"."""
    things = list(pattern.finditer(norm))
    if not things:
        return []
    asks = _Spans(HAND_OVER.finditer(norm))
    for thing in things:
        for ask in asks.near(thing, _CLOSE):
            if not DONT_SHARE.search(norm, max(0, ask.start() - 30), ask.end() + 15):
                return [ask, thing]
    return []


def _payment_findings(text: str, norm: str, digits: bool) -> Iterator[Finding]:
    cat = Category.OFF_PLATFORM
    first: dict[str | None, re.Match[str]] = {}
    for match in _PAY_OUTSIDE_SCAN.finditer(norm):
        rule = match.lastgroup
        if rule in first or (rule in _WEAK_PAY and _on_site(norm, match)):
            continue
        first[rule] = match
    for rule, weight, _ in PAY_OUTSIDE:
        if rule in first:
            yield _finding(text, cat, rule, first[rule].start(), first[rule].end(), weight)
    iban = IBAN.search(norm) if digits else None
    if iban and sum(c.isdigit() for c in iban.group()) >= 12:
        yield _finding(text, cat, "iban", iban.start(), iban.end(), 1.0)
    elif digits and (account := ACCOUNT_NUMBER.search(norm)):
        yield _finding(text, cat, "bank_account", account.start(), account.end(), 1.0)
    code = _handed_over(norm, ONE_TIME_CODE) if _cued(norm, _CODE_CUES) else []
    if code:
        yield _cover(text, cat, "code_request", code)
    card = _handed_over(norm, CARD_DETAILS) if _cued(norm, _CARD_CUES) else []
    if card and not _on_site(norm, card[1]):
        yield _cover(text, cat, "card_details", card)


def _contact_request(
    text: str, norm: str, order_need: bool
) -> tuple[Finding | None, Finding | None]:
    """Asking for an e-mail or phone the order does not need (a personal one it never
    needs), and, when paying is mentioned near it, asking for it to arrange the payment."""
    cat = Category.OFF_PLATFORM
    request = CONTACT_REQUEST.search(norm)
    if not request:
        return None, None
    personal = PERSONAL_CONTACT.search(norm, max(0, request.start() - 20), request.end() + 30)
    if order_need and not personal:
        return None, None
    asked = _finding(text, cat, "contact_request", request.start(), request.end(), 0.6)
    low, high = max(0, request.start() - _WINDOW), request.end() + _WINDOW
    for pay in PAY_ANY.finditer(norm, low, high):
        if not _on_site(norm, pay) and not _in_sentence(PAYMENT_TROUBLE, norm, pay, 0, 40):
            start, end = min(pay.start(), request.start()), max(pay.end(), request.end())
            return asked, _finding(text, cat, "contact_for_payment", start, end, 0.5)
    return asked, None


def _contact_in(text: str, norm: str, folded: str | None, digits: bool) -> re.Match[str] | None:
    """An e-mail address or phone number in the message (links and bank accounts aside)."""
    # E-mails are found in the folded text: leetspeak undoing reads "r@e" as "rae".
    folded = fold(text) if folded is None else folded
    if "@" in folded and (email := EMAIL.search(folded)):
        return email
    if not digits:
        return None
    blank = norm
    for pattern in (URL, IBAN, ACCOUNT_NUMBER):
        blank = pattern.sub(lambda m: " " * len(m.group()), blank)
    return PHONE.search(blank)


def off_platform_findings(
    text: str, norm: str, context: Context, folded: str | None = None
) -> Iterator[Finding]:
    cat = Category.OFF_PLATFORM
    order_need = context.about_order and ORDER_NEED.search(norm) is not None
    digits = _DIGIT.search(norm) is not None
    yield from _payment_findings(text, norm, digits)
    chat = MESSAGING_APP.search(norm)
    if chat:
        yield _finding(text, cat, "messaging_app", chat.start(), chat.end(), 1.0)
    app = PAYMENT_APP.search(norm)
    if app:
        yield _finding(text, cat, "payment_app", app.start(), app.end(), 0.7)
    sms = SMS.search(norm)
    if sms:
        yield _finding(text, cat, "sms_contact", sms.start(), sms.end(), 0.5)
    # Texting a courier about the order is fine; texting to take the deal elsewhere is not.
    intent = bool(app or (sms and not order_need) or chat)
    private = list(_affirmed(norm, PRIVATE))
    fees = list(_affirmed(norm, FEES))
    for outside in [*_affirmed(norm, OUTSIDE), *private]:
        if _on_site(norm, outside):
            continue
        yield _finding(text, cat, "outside_platform", outside.start(), outside.end(), 0.6)
        intent = True
        break
    if fees:
        yield _finding(text, cat, "fee_avoidance", fees[0].start(), fees[0].end(), 0.6)
        intent = True
    # Paying "between us", to a personal account, or to skip the fees.
    markers = _Spans([*private, *(m for m in fees if _MARKETPLACE_CUT.search(m.group()))], True)
    if markers:
        for pay in PAY_ANY.finditer(norm):
            close = markers.near(pay, _CLOSE)
            if close:
                yield _cover(text, cat, "private_payment", [pay, close[0]])
                break
    asked, for_payment = _contact_request(text, norm, order_need)
    if asked:
        yield asked
    if for_payment:
        yield for_payment
        intent = True
    # A buyer's own details in an order thread serve the order (delivery, invoice), unless
    # the message also takes the deal or the talk outside.
    if intent or not (context.sender == "buyer" and context.about_order):
        shared = _contact_in(text, norm, folded, digits)
        if shared and (intent or not order_need):
            yield _finding(text, cat, "contact_shared", shared.start(), shared.end(), 0.5)
    credentials = CREDENTIALS.search(norm)
    if credentials and not NEGATION.search(
        norm, max(0, credentials.start() - 40), credentials.start()
    ):
        yield _finding(
            text, cat, "credentials_wording", credentials.start(), credentials.end(), 0.4
        )


def advertising_findings(
    text: str, norm: str, context: Context, bribes: Iterable[Finding] = ()
) -> Iterator[Finding]:
    """``bribes``: extortion findings; an offer that is the reward for a review ("15% off
    once your feedback is amended") is extortion, not advertising."""
    if context.sender != "shop" or context.marketing_consent:
        return
    cat = Category.ADVERTISING
    found: list[Finding] = []
    taken = [(f.start, f.end) for f in bribes if f.weight >= 1.0]
    for weight, pattern in PROMOTION:
        # A stronger tier's phrase is not counted again by a weaker one.
        covered = _Intervals((f.start, f.end) for f in found) if found else None
        for match in pattern.finditer(norm):
            if covered and covered.cover(match.start()):
                continue
            if any(start <= match.start() < end for start, end in taken):
                continue
            found.append(_finding(text, cat, "promotion", match.start(), match.end(), weight))
    if not found:
        return
    yield from found
    requested = REQUESTED.search(norm)
    if requested:
        yield _finding(text, cat, "requested_by_buyer", requested.start(), requested.end(), -2.0)
    # A reply clears what it is about (the code, the discount), not a plug added to it.
    opening = ANSWER.match(norm)
    answered = ANSWERED.search(norm) if opening else None
    if opening and answered and all(ABOUT_A_CODE.search(norm, f.start, f.end) for f in found):
        yield _finding(text, cat, "answers_buyer", opening.start(), answered.end(), -2.0)
    apology = APOLOGY.search(norm)
    if apology and context.about_order:
        yield _finding(text, cat, "order_apology", apology.start(), apology.end(), -2.0)


def score(text: str, context: Context, thresholds: Thresholds = DEFAULTS) -> Verdict:
    folded = fold(text)
    norm = _unleet(folded)
    extortion = list(extortion_findings(text, norm, context))
    findings = [
        *extortion,
        *off_platform_findings(text, norm, context, folded),
        *domain_findings(text, folded, context),
        *advertising_findings(text, norm, context, extortion),
    ]
    scores = dict.fromkeys(Category, 0.0)
    for f in findings:
        scores[f.category] += f.weight
    flagged = frozenset(cat for cat, total in scores.items() if total >= thresholds.of(cat) - 1e-9)
    return Verdict(tuple(findings), scores, flagged)
