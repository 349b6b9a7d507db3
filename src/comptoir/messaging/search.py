"""Full-text search over thread subjects and message bodies, one selector for both databases.

SQLite answers from FTS5 tables kept by triggers, PostgreSQL from GIN indexes over
`to_tsvector('comptoir_search', …)`: the 'simple' configuration (no stemming: buyers and
sellers write in many languages) with accents folded by `unaccent`.
Every word must match, as a prefix: "parcel lost" finds "Parcels … lost". No LIKE scans.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

MAX_WORDS = 8
_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(text: str) -> list[str]:
    """The words of a query, lower-cased, at most MAX_WORDS of them."""
    return [w.lower() for w in _WORD.findall(text)][:MAX_WORDS]


def _fts5_query(words: list[str]) -> str:
    return " ".join(f'"{w}"*' for w in words)


def _tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in words)


def matching_conversations(text: str) -> Q | None:
    """A filter on `conversation_id` for the threads whose subject or a message matches.

    None when the text holds no word (the caller then leaves the list unfiltered).
    """
    words = search_words(text)
    if not words:
        return None
    if connection.vendor == "postgresql":
        query = _tsquery(words)
        in_messages = RawSQL(
            "SELECT conversation_id FROM messaging_message "
            "WHERE to_tsvector('comptoir_search'::regconfig, body) "
            "@@ to_tsquery('comptoir_search'::regconfig, %s)",
            (query,),
        )
        in_subjects = RawSQL(
            "SELECT id FROM messaging_conversation "
            "WHERE to_tsvector('comptoir_search'::regconfig, subject) "
            "@@ to_tsquery('comptoir_search'::regconfig, %s)",
            (query,),
        )
    else:
        query = _fts5_query(words)
        in_messages = RawSQL(
            "SELECT conversation_id FROM messaging_message WHERE id IN "
            "(SELECT rowid FROM messaging_message_fts WHERE messaging_message_fts MATCH %s)",
            (query,),
        )
        in_subjects = RawSQL(
            "SELECT rowid FROM messaging_conversation_fts "
            "WHERE messaging_conversation_fts MATCH %s",
            (query,),
        )
    return Q(conversation_id__in=in_messages) | Q(conversation_id__in=in_subjects)
