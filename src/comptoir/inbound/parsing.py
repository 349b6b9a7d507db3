"""Reading an incoming mail: who sent it, to which reply address, its new text, its files.

Pure (no ORM): raw RFC 822 bytes in, plain values out. The new text is what the person
wrote above the quoted history and their signature, found by `mail-parser-reply` with a
few more patterns of the mail clients our people use (Polish Thunderbird and Gmail, the
phones' "sent from" lines); an HTML-only mail is turned into text first, its quoted
blocks left out.
"""

from __future__ import annotations

import email
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.utils import getaddresses
from html.parser import HTMLParser
from typing import Any

from mailparser_reply.parser import EmailMessage as ParsedText

from comptoir.core.mime import part_text
from comptoir.inbound.guards import recipient_addresses

# Languages whose "On … wrote:" lines, Outlook header blocks and "Sent from" lines are
# recognised (English is always added by the parser).
LANGUAGES = ("en", "fr", "pl", "de", "es", "it", "nl")
# Where the reply address may be: what the MX says it delivered to, then the headers.
RECIPIENT_HEADERS = ("delivered-to", "x-original-to", "to", "cc")

# Lines that open the quoted history, beyond the parser's own (it knows "Dnia … napisał(a):"
# but not the "W dniu … pisze:" of Thunderbird or the "… napisał(a):" of Gmail in Polish).
_HISTORY = re.compile(
    r"^\s*(?:"
    r"W dniu .+(?:\n.+)?\s(?:pisze|napisał|napisała|napisał\(a\)):"
    r"|Wiadomość napisana przez .+(?:\n.+)?:"
    r"|.+(?:\n.+)?\snapisał\(a\):"
    r"|Le\s.+?(?:\n.+?)?\sa\s+écrit\s?:"
    r"|-{3,}\s*(?:Original Message|Message d'origine|Wiadomość oryginalna"
    r"|Oryginalna wiadomość|Ursprüngliche Nachricht)\s*-{3,}"
    r"|-{3,}\s*(?:Forwarded message|Message transféré|Przekazana wiadomość)\s*-{3,}"
    r")\s*$",
    re.MULTILINE | re.IGNORECASE,
)
# A phone's or an app's line under the text ("Sent from my iPhone").
_SENT_FROM = re.compile(
    r"^\s*(?:Sent from my |Sent from Mail for |Get Outlook for |Envoyé de mon |Envoyé depuis "
    r"|Envoyé à partir de |Obtenir Outlook pour |Téléchargez Outlook pour |Wysłane z "
    r"|Wysłano z |Pobierz aplikację Outlook |Von meinem .+ gesendet|Gesendet von ).*$",
    re.IGNORECASE,
)
_SIGNATURE_MARK = re.compile(r"^-- ?$")


@dataclass(frozen=True)
class MailFile:
    """A file attached to the mail, as it came."""

    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Mail:
    """What Comptoir reads from an incoming mail."""

    message: EmailMessage
    headers: dict[str, str]  # the top-level headers, lower-case names (first value each)
    sender: str  # the From address, else the envelope sender; lower case
    recipients: list[str]  # envelope first, then Delivered-To, X-Original-To, To, Cc
    text: str  # the new text, without the quoted history and the signature
    files: list[MailFile] = field(default_factory=list)


def read_mail(raw: bytes, *, envelope_from: str = "", envelope_to: Sequence[str] = ()) -> Mail:
    message = parse(raw)
    return Mail(
        message=message,
        headers=headers_of(message),
        sender=sender_of(message, envelope_from),
        recipients=recipients_of(message, envelope_to),
        text=new_text(message),
        files=files_of(message),
    )


def parse(raw: bytes) -> EmailMessage:
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)  # policy.default makes them
    return parsed


def headers_of(message: Message) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in message.items():
        found.setdefault(name.lower(), str(value))
    return found


def _addresses(values: Iterable[Any]) -> list[str]:
    return [address for _, address in getaddresses([str(v) for v in values]) if address]


def sender_of(message: Message, envelope_from: str = "") -> str:
    found = _addresses(message.get_all("from", []))
    address = found[0] if found else envelope_from.strip().strip("<>")
    return address.strip().lower()


def recipients_of(message: Message, envelope_to: Sequence[str] = ()) -> list[str]:
    values: list[str] = list(envelope_to)
    for name in RECIPIENT_HEADERS:
        values += _addresses(message.get_all(name, []))
    return recipient_addresses(values)


# --- the new text ---------------------------------------------------------------------


def new_text(message: EmailMessage) -> str:
    """The text the person wrote: the plain-text body (else the HTML one, as text), without
    the quoted history, the signature and the phone's "sent from" line."""
    body = message.get_body(preferencelist=("plain",))
    if body is not None:
        return reply_text(part_text(body))
    html = message.get_body(preferencelist=("html",))
    if html is not None:
        return reply_text(html_to_text(part_text(html)))
    return ""


class _EveryWordKept(ParsedText):
    """The parser, without its list of sign-offs ("Thanks,", "Best regards"…): it cuts
    everything from such a line to the end, and "Thanks, it arrived." is a person's text.
    Signatures are still cut at "-- " and at Outlook's separators."""

    def _get_language_regex(self, language: str, regex_key: str) -> str:
        if regex_key == "signatures":
            return "(?!)"  # matches nothing
        return str(super()._get_language_regex(language, regex_key))


def reply_text(text: str) -> str:
    """The newest reply in a plain-text mail body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    history = _HISTORY.search(text)
    if history is not None:
        text = text[: history.start()]
    if not text.strip():
        return ""
    parsed = _EveryWordKept(text=text, languages=list(LANGUAGES), keep_hyphen_lists=True).read()
    if not parsed.replies or parsed.replies[0].headers:
        return ""  # the mail opens with the history: nothing new was written
    return _tidy(parsed.replies[0].body)


def _tidy(text: str) -> str:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _SIGNATURE_MARK.match(line) or _SENT_FROM.match(line):
            lines = lines[:index]
            break
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith(">")):
        lines.pop()  # quoted lines left under the text, and blank lines
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in lines)).strip()


class _HtmlText(HTMLParser):
    """HTML to plain text, leaving out what mail clients quote or sign with."""

    _VOID = frozenset(
        {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "wbr", "source"}
    )
    _BLOCK = frozenset(
        {"p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre"}
    )
    _SKIPPED_TAGS = frozenset({"style", "script", "head", "title", "blockquote"})
    _SKIPPED_CLASSES = frozenset(
        {"gmail_quote", "gmail_signature", "moz-signature", "moz-forward-container"}
    )
    # Outlook puts the quoted mail after this block, not inside it: the text ends there.
    _END_IDS = frozenset(
        {"divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0  # depth inside a skipped element
        self.ended = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.ended:
            return
        if self.skipping:
            if tag not in self._VOID:
                self.skipping += 1
            return
        values = dict(attrs)
        classes = set((values.get("class") or "").lower().split())
        if (values.get("id") or "").lower() in self._END_IDS:
            self.ended = True
            return
        if tag in self._SKIPPED_TAGS or classes & self._SKIPPED_CLASSES:
            if tag not in self._VOID:
                self.skipping = 1
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p":
            self._break(2)
        elif tag in self._BLOCK:
            self._break(1)
        elif tag == "hr":
            self.parts.append("\n" + "_" * 32 + "\n")

    def handle_endtag(self, tag: str) -> None:
        if self.ended:
            return
        if self.skipping:
            if tag not in self._VOID:
                self.skipping -= 1
            return
        if tag == "p":
            self._break(2)
        elif tag in self._BLOCK:
            self._break(1)

    def _break(self, lines: int) -> None:
        """End the text so far with at least `lines` line breaks (a block's edges)."""
        tail = "".join(self.parts[-8:]).rstrip(" ")
        have = len(tail) - len(tail.rstrip("\n")) if tail else lines
        self.parts.append("\n" * max(0, lines - have))

    def handle_data(self, data: str) -> None:
        if not self.ended and not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    converter = _HtmlText()
    converter.feed(html)
    converter.close()
    lines = [line.strip() for line in "".join(converter.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- the files ------------------------------------------------------------------------


def files_of(message: EmailMessage) -> list[MailFile]:
    """The attached files (pictures shown inside an HTML body, such as a signature's
    logo, are part of the layout, not files the person sent)."""
    return [
        MailFile(name=part.get_filename() or "", content_type=part.get_content_type(), data=data)
        for part in _leaves(message, inside_related=False)
        if (data := part.get_payload(decode=True)) is not None and isinstance(data, bytes)
    ]


def _leaves(part: Message, *, inside_related: bool) -> Iterator[Message]:
    if part.is_multipart():
        related = inside_related or part.get_content_type() == "multipart/related"
        for child in part.get_payload():
            if isinstance(child, Message):
                yield from _leaves(child, inside_related=related)
        return
    kind = part.get_content_type()
    disposition = part.get_content_disposition()
    if disposition == "attachment":
        yield part
    elif kind.startswith("text/") or kind.startswith("message/"):
        return  # a body, or a quoted message
    elif inside_related and part.get("Content-ID") and disposition != "attachment":
        return  # shown inside the HTML body
    else:
        yield part
