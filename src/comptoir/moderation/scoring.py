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
* **Extortion** needs a review reference *and*, near it, either an offer (refund, gift,
  discount, money) bound by a condition ("if", "in exchange", "and I'll", "="), or a
  negative rating used as a threat (with a condition or a demand), or — from a buyer —
  a review held over the shop with "unless / otherwise / or". A review request alone,
  or an offer with no review in sight, is not extortion.
* **Off-platform**: payment outside (IBAN, Western Union, PayPal friends & family, gift
  cards, crypto, BLIK to a phone, QR-code payment), messaging apps, requests for an
  e-mail or phone number that the order does not need, links to look-alike domains.
  Links to the marketplace, the shop's own site and real carriers are fine; a buyer's
  phone or e-mail in an order thread is fine.
* **Advertising**: promotional wording in a shop's message when the buyer has not
  consented to marketing. An apology or a coupon the buyer asked for is cleared.
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


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(alternatives) + r")")


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
    r"\bzwro\w*", r"\bzwrot\w*", r"\boddam\w*", r"\boddaj\w*", r"\bza darmo\b", r"\bgratis\b",
    r"\bprezent\w*", r"\brabat\w*", r"\bznizk\w*", r"\bbon\b", r"\brekompensat\w*",
    r"\bczesc pieniedzy\b", r"\bpieniadz\w*", r"\bpieniedzy\b",
    r"\d+(?:[.,]\d+)?\s*(?:€|eur\b|euros?\b|zl\b|pln\b|£|\$|%)", r"[€£$]\s*\d+",
)  # fmt: skip
CONDITION = _rx(
    r"\bif\b", r"\bunless\b", r"\botherwise\b", r"\bor else\b", r"\bor\b", r"\bin exchange\b",
    r"\bin return\b", r"\bas soon as\b", r"\band (?:i|we)(?:'ll| will)\b", r"\bto get\b",
    r"\bfor an?\b", r"=",
    r"\bsi\b", r"\bs'il\b", r"\bsinon\b", r"\bsans\b", r"\ben echange\b", r"\bcontre\b",
    r"\bet (?:je|nous|on|recevez)\b", r"\bou je\b", r"\bpour obtenir\b", r"\bdes que\b",
    r"\bjesli\b", r"\bjezeli\b", r"\balbo\b", r"\binaczej\b", r"\bw zamian\b", r"\bza\b",
    r"\bbez\b", r"\ba (?:dostaniesz|napisze|zwrocimy|oddamy|dam)\b",
    r"\bto (?:usune|zmienie|dam)\b",
)  # fmt: skip
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
    )),
    ("paypal", 0.3, _rx(r"\bpaypal\b")),
    ("pay_word", 0.3, _rx(
        r"\bpay(?:ment)?\b", r"\bpaie\w*", r"\bpayer\b", r"\bregle[rz]?\b", r"\bzaplac\w*",
        r"\bplatnosc\w*", r"\bplac\w*",
    )),
]  # fmt: skip
MESSAGING_APP = _rx(
    r"\bwhats ?app\w*", r"\btelegram\w*", r"\bviber\b", r"\bwechat\b", r"\bsignal app\b",
    r"\bsnapchat\b", r"\bmessenger\b",
)  # fmt: skip
OUTSIDE = _rx(
    r"\boutside (?:the |of )?(?:platform|site|marketplace|comptoir|app)",
    r"\bwithout the (?:marketplace|platform|site)\b", r"\binstead of through\b",
    r"\bdirectly\b", r"\bprivately\b", r"\boff[- ]platform\b", r"\bavoids? (?:the )?fees\b",
    r"\bcheaper for both\b",
    r"\bhors (?:plate-?forme|site|comptoir)\b", r"\ben dehors d\w*", r"\bsans passer par\b",
    r"\bdirectement\b", r"\ben direct\b", r"\bplutot que (?:sur|par) le site\b",
    r"\bevite\w* (?:les )?frais\b", r"\bsans frais\b",
    r"\bpoza (?:serwis\w*|platform\w*|portal\w*|comptoir|aplikacj\w*)",
    r"\bbez posrednictwa\b", r"\bbezposrednio\b", r"\bnie przez (?:serwis|strone|platforme)\b",
    r"\bbez prowizji\b",
)  # fmt: skip
NEGATION = _rx(r"\bnever\b", r"\bjamais\b", r"\bnigdy\b", r"\bdon't\b", r"\bdo not\b")
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


# --- Rules ---------------------------------------------------------------------------


def _finding(
    text: str, category: Category, rule: str, start: int, end: int, weight: float
) -> Finding:
    return Finding(category, rule, text[start:end], start, end, weight)


def _near(spans: Iterable[re.Match[str]], anchor: re.Match[str]) -> list[re.Match[str]]:
    return [
        m
        for m in spans
        if m.start() < anchor.end() + _WINDOW and m.end() > anchor.start() - _WINDOW
    ]


def _cover(text: str, category: Category, rule: str, parts: list[re.Match[str]]) -> Finding:
    start = min(m.start() for m in parts)
    end = max(m.end() for m in parts)
    return _finding(text, category, rule, start, end, 1.0)


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
    for outside in OUTSIDE.finditer(norm):
        if NEGATION.search(norm, max(0, outside.start() - 30), outside.start()):
            continue
        yield _finding(text, cat, "outside_platform", outside.start(), outside.end(), 0.6)
        break
    request = CONTACT_REQUEST.search(norm)
    if request and not order_need:
        yield _finding(text, cat, "contact_request", request.start(), request.end(), 0.6)
    # A buyer's own details in an order thread serve the order (delivery, invoice).
    if not (context.sender == "buyer" and context.about_order):
        no_urls = URL.sub(lambda m: " " * len(m.group()), norm)
        no_urls = IBAN.sub(lambda m: " " * len(m.group()), no_urls)
        shared = EMAIL.search(no_urls) or PHONE.search(no_urls)
        if shared and not order_need:
            yield _finding(text, cat, "contact_shared", shared.start(), shared.end(), 0.5)
    credentials = CREDENTIALS.search(norm)
    if credentials and not NEGATION.search(
        norm, max(0, credentials.start() - 40), credentials.start()
    ):
        yield _finding(
            text, cat, "credentials_wording", credentials.start(), credentials.end(), 0.4
        )


def advertising_findings(text: str, norm: str, context: Context) -> Iterator[Finding]:
    if context.sender != "shop" or context.marketing_consent:
        return
    cat = Category.ADVERTISING
    found: list[Finding] = []
    for weight, pattern in PROMOTION:
        for match in pattern.finditer(norm):
            if any(f.start <= match.start() < f.end for f in found):
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
    findings = [
        *extortion_findings(text, norm, context),
        *off_platform_findings(text, norm, context),
        *domain_findings(text, folded, context),
        *advertising_findings(text, norm, context),
    ]
    scores = dict.fromkeys(Category, 0.0)
    for f in findings:
        scores[f.category] += f.weight
    flagged = frozenset(cat for cat, total in scores.items() if total >= thresholds.of(cat) - 1e-9)
    return Verdict(tuple(findings), scores, flagged)
