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
  review held over the shop with "unless / otherwise / or". A review request alone, an
  offer with no review in sight, a review change next to an offer already given with
  nothing binding them, or a bad rating told as a story is not extortion.
* **Off-platform**: payment outside (IBAN, Western Union, PayPal friends & family, gift
  cards, crypto, BLIK to a phone, QR-code payment, person-to-person apps such as Revolut,
  Lydia, Venmo), payment "between us" or to a personal account, dodging the marketplace's
  fees or commission, messaging apps and SMS, requests for an e-mail or phone number that
  the order does not need, links to look-alike domains. Links to the marketplace, the
  shop's own site and real carriers are fine; a buyer's phone or e-mail in an order thread
  is fine unless the message also takes the deal or the talk outside.
* **Advertising**: promotional wording in a shop's message when the buyer has not
  consented to marketing (sales and clearances, percentages off, new collections and
  drops, loyalty or VIP clubs, early access, newsletters, social accounts…). An apology or
  a coupon the buyer asked for is cleared, and an offer that is the reward in a review
  extortion is counted as extortion, not advertising.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


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
_LEET_IN_WORD = re.compile(r"(?<=[a-z])[013457@$]+(?=[a-z])")


def fold(text: str) -> str:
    """Lower case, accents and diacritics removed, same length as ``text``."""
    return text.translate(_FOLD)


def normalise(text: str) -> str:
    """``fold`` plus light leetspeak inside words ("r3view" → "review"); same length."""
    return _LEET_IN_WORD.sub(lambda m: m.group().translate(_LEET), fold(text))


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


def _rx(*alternatives: str) -> re.Pattern[str]:
    """One alternation. The alternatives that start at a word boundary are grouped behind
    a single ``\\b``: the same matches, about ten times faster than a flat alternation."""
    bounded = [a[2:] for a in alternatives if a.startswith(r"\b") and not _top_level_bar(a)]
    rest = [a for a in alternatives if not a.startswith(r"\b") or _top_level_bar(a)]
    parts = ([r"\b(?:" + "|".join(bounded) + ")"] if bounded else []) + rest
    return re.compile(r"(?:" + "|".join(parts) + r")")


_STARS = r"(?:\d|one|two|five|une|cinq|jedn\w*|piec\w*)\s*(?:-\s*)?(?:stars?|etoiles?|gwiazd\w*|★+)"
REVIEW = _rx(
    r"\breviews?\b", r"\bfeedback\b", r"\bratings?\b", r"\brate\b", r"\bstars?\b", r"★",
    r"(?<!a mon )(?<!a votre )\bavis\b", r"\bcommentaires?\b", r"\bevaluations?\b",
    r"\bnote\b", r"\betoiles?\b",
    r"\bopini\w*", r"\bkomentarz\w*", r"\bocen\w*", r"\bgwiazd\w*", r"\brecenzj\w*",
    _STARS,
)  # fmt: skip
NEGATIVE_RATING = _rx(
    r"\b(?:1|one|une|jedn\w*)\s*(?:-\s*)?(?:stars?|etoiles?|gwiazd\w*|★)",
    r"\b(?:bad|negative|poor|terrible|honest)\s+(?:review|feedback|rating)",
    r"\b(?:mauvais(?:e)?|negati(?:f|ve))\s+(?:avis|commentaire|evaluation|note)",
    r"\b(?:avis|commentaire|evaluation|note)\s+negati(?:f|ve)",
    r"\bnegatywn\w*\s+(?:opini\w*|komentarz\w*|ocen\w*)", r"\bzl\w*\s+(?:opini\w*|ocen\w*)",
    r"\bnegative\b", r"\bnegatywn\w*",
)  # fmt: skip
POSITIVE_RATING = _rx(
    r"\b(?:5|five|cinq|piec\w*)\s*(?:-\s*)?(?:stars?|etoiles?|gwiazd\w*|★)",
    r"\b(?:positive|glowing|good|great|nice)\s+(?:review|feedback|rating)",
    r"\b(?:bon|super|excellent|positif)\s+avis", r"\bavis\s+positif",
    r"\b(?:pozytywn|swietn|dobr)\w*\s+(?:opini\w*|ocen\w*|komentarz\w*)",
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
)  # fmt: skip
CONDITION = _rx(
    r"\bif\b", r"\bunless\b", r"\botherwise\b", r"\bor else\b", r"\bor\b", r"\bin exchange\b",
    r"\bin return\b", r"\bas soon as\b(?! possible)", r"\band (?:i|we)(?:'ll| will)\b",
    r"\bto get\b",
    r"\bfor an?\b", r"=",
    r"\bsi\b", r"\bs'il\b", r"\bsinon\b", r"\bsans\b", r"\ben echange\b", r"\bcontre\b",
    r"\bet (?:je|nous|on|recevez)\b", r"\bou je\b", r"\bpour obtenir\b",
    r"\bdes que\b(?! possible)",
    r"\bjesli\b", r"\bjezeli\b", r"\balbo\b", r"\binaczej\b", r"\bw zamian\b", r"\bza\b",
    r"\bbez\b", r"\ba (?:dostaniesz|napisze|zwrocimy|oddamy|dam)\b",
    r"\bto (?:usune|zmienie|dam)\b",
    r"\bprovided\b", r"\bas long as\b", r"\bon condition\b", r"\bfaute de quoi\b",
    r"\bsans quoi\b", r"\ba condition\b", r"\bpourvu que\b", r"\bmoyennant\b",
    r"\bis yours\b", r"\best a vous\b", r"\bjest (?:twoj|twoja|twoje)\b",
    r"\bgdy tylko\b", r"\bjak tylko\b", r"\bkiedy tylko\b", r"\bo ile\b", r"\bpod warunkiem\b",
    r"\bw przeciwnym (?:razie|wypadku)\b",
    r"\band (?:i|we) (?:slip|add|send|throw|give|refund|take|pop)\b",
    r"\band (?:you(?:'ll| will)? )?get\b",
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
    r"\b(?:amend|updat|chang|edit|remov|delet|withdr[ae]w|tak(?:e|ing) down|revis|modif|correct)"
    r"\w* (?:\w+ ){0,2}?(?:reviews?|feedback|ratings?)\b",
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
)  # fmt: skip
# An offer already given is not a reward dangled before a review change.
PAST_OFFER = _rx(
    r"\brefunded\b", r"\brembourse\b(?! si)", r"\bzwrocil\w*", r"\bzwrocon\w*",
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
VEILED_CONDITION = _rx(
    r"\bunless\b", r"\botherwise\b", r"\bor\b", r"\bsinon\b", r"\bsans\b", r"\binaczej\b",
    r"\balbo\b", r"\bbez\b",
)  # fmt: skip
OWN_REVIEW = _rx(
    r"\bmy (?:review|feedback|rating)\b", r"\bmon (?:avis|commentaire)\b",
    r"\bma (?:note|evaluation)\b", r"\bmoj\w* (?:opini\w*|ocen\w*|komentarz\w*)",
)  # fmt: skip
# A negative rating said about the past is a report, not a threat.
PAST_REVIEW = _rx(
    r"\b(?:already|i) (?:left|gave|posted|wrote)\b", r"\bj'ai (?:deja )?(?:laisse|mis|donne)\b",
    r"\b(?:juz )?(?:wystawil\w*|dalem|dalam)\b",
)  # fmt: skip

IBAN = re.compile(r"\b[a-z]{2}\d{2}(?:\s?[a-z0-9]{4}){3,7}(?:\s?[a-z0-9]{1,3})?\b")
EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
PHONE = re.compile(r"(?<![\w+])\+?\d(?:[\s.-]?\d){8,13}(?!\w)")
URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
DOMAIN = re.compile(
    r"(?<![@\w.-])(?P<scheme>https?://)?(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})"
    r"(?![\w-])"
)
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
    )),
    ("paypal", 0.3, _rx(r"\bpaypal\b")),
    ("pay_word", 0.3, _rx(
        r"\bpay(?:ment)?\b", r"\bpaie\w*", r"\bpay(?:er|ez|ons)\b", r"\bregle[rz]?\b",
        r"\breglons\b", r"\bzaplac\w*", r"\bplatnosc\w*", r"\bwplac\w*", r"\bplac\w*",
    )),
]  # fmt: skip
MESSAGING_APP = _rx(
    r"\bwhats ?app\w*", r"\btelegram\w*", r"\bviber\b", r"\bwechat\b", r"\bsignal app\b",
    r"\bsnapchat\b", r"\bmessenger\b",
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
)  # fmt: skip
NEGATION = _rx(
    r"\bnever\b", r"\bjamais\b", r"\bnigdy\b", r"\bdon't\b", r"\bdo not\b", r"\bcan't\b",
    r"\bcannot\b", r"\bwon't\b", r"\bne (?:\w+ )?pas\b", r"\bnie wolno\b",
)  # fmt: skip
CONTACT_REQUEST = _rx(
    r"\byour (?:e-?mail|email address|phone|(?:phone |mobile |whatsapp )?number|whatsapp)\b",
    r"\b(?:give|send|tell) (?:me|us) (?:an? |your )?(?:e-?mail|phone|number)",
    r"\bvotre (?:adresse )?(?:e-?mail|mail|courriel|numero|telephone|portable)\b",
    r"\b(?:podaj|podajcie|jaki|prosze o|prosimy o)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:e-?mail\w*|numer\w*|telefon\w*)",
    r"\b(?:twoj|pana|pani)\w* (?:adres\w* )?(?:e-?mail\w*|numer\w*|telefon\w*)",
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
        r"\bnew collection\b", r"\bnouvelle collection\b", r"\bnow\w* kolekcj\w*",
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
    )),
    (0.3, _rx(r"\bdiscount\w*", r"\breduction\b", r"\bznizk\w*", r"\brabat\w*", r"\bcoupon\w*")),
]  # fmt: skip
APOLOGY = _rx(
    r"\bsorry\b", r"\bapolog\w*", r"\brefunded\b", r"\bdesole\w*", r"\bexcuse\w*",
    r"\bexcuser\b", r"\brembourse\b", r"\bprzeprasz\w*", r"\bprzeprosin\w*", r"\bzwrocil\w*",
)  # fmt: skip
REQUESTED = _rx(
    r"\bas you asked\b", r"\bas requested\b", r"\byou asked for\b", r"\bcomme demande\b",
    r"\bvous demandiez\b", r"\bzgodnie z prosba\b", r"\bo (?:ktory|ktora|ktore) \w+ pytal\w*",
)  # fmt: skip

_WINDOW = 160
_BARE_NEGATIVE = re.compile(r"negative|negatywn\w*")
_CLOSE = 80


# --- Rules ---------------------------------------------------------------------------


def _finding(
    text: str, category: Category, rule: str, start: int, end: int, weight: float
) -> Finding:
    return Finding(category, rule, text[start:end], start, end, weight)


def _near(
    spans: Iterable[re.Match[str]], anchor: re.Match[str], window: int = _WINDOW
) -> list[re.Match[str]]:
    return [
        m for m in spans if m.start() < anchor.end() + window and m.end() > anchor.start() - window
    ]


def _cover(text: str, category: Category, rule: str, parts: list[re.Match[str]]) -> Finding:
    start = min(m.start() for m in parts)
    end = max(m.end() for m in parts)
    return _finding(text, category, rule, start, end, 1.0)


def _ultimatum(norm: str, negatives: list[re.Match[str]]) -> list[re.Match[str]]:
    """Deadline, consequence and bad rating, in that order, in one sentence."""
    for negative in negatives:
        if _BARE_NEGATIVE.fullmatch(negative.group()):
            continue
        for deadline in DEADLINE.finditer(norm, max(0, negative.start() - 2 * _CLOSE)):
            if deadline.end() > negative.start():
                break
            if _SENTENCE_END.search(norm, deadline.end(), negative.start()):
                continue
            consequence = CONSEQUENCE.search(norm, deadline.end(), negative.start())
            if consequence:
                return [deadline, consequence, negative]
    return []


def extortion_findings(text: str, norm: str, context: Context) -> Iterator[Finding]:
    reviews = list(REVIEW.finditer(norm))
    if not reviews:
        return
    offers = list(OFFER.finditer(norm))
    conditions = list(CONDITION.finditer(norm))
    negatives = [
        m for m in NEGATIVE_RATING.finditer(norm) if not PAST_REVIEW.search(norm, 0, m.start())
    ]
    positives = list(POSITIVE_RATING.finditer(norm))
    cat = Category.EXTORTION
    for review in reviews:
        near_offers = _near(offers, review)
        near_conditions = _near(conditions, review)
        if near_offers and near_conditions:
            rule = "review_for_reward" if not _near(negatives, review) else "review_threat"
            yield _cover(text, cat, rule, [review, near_offers[0], near_conditions[0]])
            return
        near_negatives = _near(negatives, review)
        if near_negatives and (near_conditions or near_offers):
            yield _cover(
                text, cat, "review_threat", [review, near_negatives[0], *near_conditions[:1]]
            )
            return
        if context.sender == "buyer":
            own = _near(OWN_REVIEW.finditer(norm), review)
            veiled = _near(VEILED_CONDITION.finditer(norm), review)
            if own and veiled:
                yield _cover(text, cat, "review_held_over", [own[0], veiled[0]])
                return
    revisions = [
        m
        for m in REVISE.finditer(norm)
        if not NOT_A_DEMAND.search(norm, max(0, m.start() - 30), m.start())
    ]
    bindings = list(REVISE_BINDING.finditer(norm)) if revisions else []
    for revision in revisions:
        # A demand to change the review next to something of value ("15% off once your
        # feedback is amended"); an offer already given ("we've refunded you") is not one.
        near_offers = [m for m in _near(offers, revision) if not PAST_OFFER.match(norm, m.start())]
        if not near_offers:
            continue
        binding = _near(conditions, revision) or _near(bindings, revision)
        if binding:
            yield _cover(text, cat, "review_for_reward", [revision, near_offers[0], binding[0]])
            return
    ultimatum = _ultimatum(norm, negatives)
    if ultimatum:
        yield _cover(text, cat, "review_ultimatum", ultimatum)
        return
    # Evidence below the threshold: a rating promised next to an offer, without a condition.
    for positive in positives:
        near_offers = _near(offers, positive)
        if near_offers:
            yield _finding(text, cat, "rating_near_offer", positive.start(), positive.end(), 0.5)
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


def domain_findings(text: str, folded: str, context: Context) -> Iterator[Finding]:
    cat = Category.OFF_PLATFORM
    blanked = EMAIL.sub(lambda m: " " * len(m.group()), folded)
    brands = {d.split(".")[0] for d in context.marketplace_domains}
    trusted = (*context.carrier_domains, *((context.shop_domain,) if context.shop_domain else ()))
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
        if disguised or any(looks_like(host, brand) for brand in brands):
            yield _finding(text, cat, "lookalike_domain", start, end, 1.0)
        else:
            yield _finding(text, cat, "unknown_link", start, end, 0.3)


_MARKETPLACE_CUT = re.compile(r"site|platform|marketplace|comptoir|commission|prowizj|serwis")
PAY_ANY = _rx(
    *(p.pattern for rule, _, p in PAY_OUTSIDE if rule in {"pay_word", "bank_transfer", "paypal"}),
    PAYMENT_APP.pattern, r"\bsettle\b", r"\breglement\b", r"\brozlicz\w*", r"\bwplat\w*",
    r"\bmoney\b", r"\bcash\b", r"\bkas[aeyi]\b", r"\bpieniadz\w*", r"\bpieniedzy\b",
)  # fmt: skip


def _affirmed(norm: str, *patterns: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of ``patterns`` not just after a negation ("never pay outside Comptoir")."""
    for pattern in patterns:
        for match in pattern.finditer(norm):
            if not NEGATION.search(norm, max(0, match.start() - 30), match.start()):
                yield match


def off_platform_findings(text: str, norm: str, context: Context) -> Iterator[Finding]:
    cat = Category.OFF_PLATFORM
    order_need = context.about_order and ORDER_NEED.search(norm) is not None
    for rule, weight, pattern in PAY_OUTSIDE:
        match = pattern.search(norm)
        if match:
            yield _finding(text, cat, rule, match.start(), match.end(), weight)
    iban = IBAN.search(norm)
    if iban and sum(c.isdigit() for c in iban.group()) >= 12:
        yield _finding(text, cat, "iban", iban.start(), iban.end(), 1.0)
    app = MESSAGING_APP.search(norm)
    if app:
        yield _finding(text, cat, "messaging_app", app.start(), app.end(), 1.0)
    app = PAYMENT_APP.search(norm)
    if app:
        yield _finding(text, cat, "payment_app", app.start(), app.end(), 0.7)
    sms = SMS.search(norm)
    if sms:
        yield _finding(text, cat, "sms_contact", sms.start(), sms.end(), 0.5)
    # Texting a courier about the order is fine; texting to take the deal elsewhere is not.
    intent = bool(app or (sms and not order_need)) or MESSAGING_APP.search(norm) is not None
    for outside in _affirmed(norm, OUTSIDE, PRIVATE):
        yield _finding(text, cat, "outside_platform", outside.start(), outside.end(), 0.6)
        intent = True
        break
    for fees in _affirmed(norm, FEES):
        yield _finding(text, cat, "fee_avoidance", fees.start(), fees.end(), 0.6)
        intent = True
        break
    # Paying "between us", to a personal account, or to skip the fees.
    markers = [
        *_affirmed(norm, PRIVATE),
        *(m for m in _affirmed(norm, FEES) if _MARKETPLACE_CUT.search(m.group())),
    ]
    if markers:
        for pay in PAY_ANY.finditer(norm):
            close = _near(markers, pay, _CLOSE)
            if close:
                yield _cover(text, cat, "private_payment", [pay, close[0]])
                break
    request = CONTACT_REQUEST.search(norm)
    if request and not order_need:
        yield _finding(text, cat, "contact_request", request.start(), request.end(), 0.6)
    # A buyer's own details in an order thread serve the order (delivery, invoice), unless
    # the message also takes the deal or the talk outside.
    if intent or not (context.sender == "buyer" and context.about_order):
        no_urls = URL.sub(lambda m: " " * len(m.group()), norm)
        no_urls = IBAN.sub(lambda m: " " * len(m.group()), no_urls)
        # E-mails are found in the folded text: leetspeak undoing reads "r@e" as "rae".
        shared = EMAIL.search(fold(text)) or PHONE.search(no_urls)
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
        for match in pattern.finditer(norm):
            if any(f.start <= match.start() < f.end for f in found):
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
    apology = APOLOGY.search(norm)
    if apology and context.about_order:
        yield _finding(text, cat, "order_apology", apology.start(), apology.end(), -2.0)


def score(text: str, context: Context, thresholds: Thresholds = DEFAULTS) -> Verdict:
    folded = fold(text)
    norm = normalise(text)
    extortion = list(extortion_findings(text, norm, context))
    findings = [
        *extortion,
        *off_platform_findings(text, norm, context),
        *domain_findings(text, folded, context),
        *advertising_findings(text, norm, context, extortion),
    ]
    scores = dict.fromkeys(Category, 0.0)
    for f in findings:
        scores[f.category] += f.weight
    flagged = frozenset(cat for cat, total in scores.items() if total >= thresholds.of(cat) - 1e-9)
    return Verdict(tuple(findings), scores, flagged)
