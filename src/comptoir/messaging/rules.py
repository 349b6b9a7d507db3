"""Pure rules of a side's copy of a thread: where an action moves it, what a message does.

No ORM here: plain values in, plain values out, tested exhaustively.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Action(StrEnum):
    READ = "read"
    UNREAD = "unread"
    ARCHIVE = "archive"
    INBOX = "inbox"
    SPAM = "spam"
    NOT_SPAM = "not_spam"
    TRASH = "trash"
    RESTORE = "restore"
    DELETE_FOREVER = "delete_forever"


INBOX, ARCHIVE, SPAM, TRASH, DELETED = "inbox", "archive", "spam", "trash", "deleted"
VISIBLE_FOLDERS = (INBOX, ARCHIVE, SPAM, TRASH)


@dataclass(frozen=True)
class SideState:
    folder: str
    unread: int

    @property
    def counts(self) -> bool:
        """Whether this copy counts in its folder's counters (deleted ones do not)."""
        return self.folder != DELETED


class RuleBroken(Exception):
    """The action does not apply to the thread where it is; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# From which folders each moving action applies, and where it leads.
_MOVES: dict[Action, tuple[frozenset[str], str, str]] = {
    Action.ARCHIVE: (frozenset({INBOX, ARCHIVE}), ARCHIVE, "not_in_inbox"),
    Action.INBOX: (frozenset({INBOX, ARCHIVE}), INBOX, "not_in_archive"),
    Action.SPAM: (frozenset({INBOX, ARCHIVE, SPAM, TRASH}), SPAM, "not_found"),
    Action.NOT_SPAM: (frozenset({SPAM}), INBOX, "not_in_spam"),
    Action.TRASH: (frozenset({INBOX, ARCHIVE, SPAM, TRASH}), TRASH, "not_found"),
    Action.RESTORE: (frozenset({TRASH}), INBOX, "not_in_trash"),
    Action.DELETE_FOREVER: (frozenset({TRASH}), DELETED, "not_in_trash"),
}


def apply_action(state: SideState, action: Action) -> SideState:
    """Where `action` leaves this side's copy. Raises RuleBroken when it does not apply.

    Moving to the same folder is allowed and changes nothing (so a retried bulk action
    is harmless); deleting forever also clears the unread count.
    """
    if state.folder == DELETED:
        raise RuleBroken("not_found")
    if action is Action.READ:
        return replace(state, unread=0)
    if action is Action.UNREAD:
        return replace(state, unread=max(state.unread, 1))
    allowed, target, code = _MOVES[action]
    if state.folder not in allowed:
        raise RuleBroken(code)
    unread = 0 if target == DELETED else state.unread
    return SideState(folder=target, unread=unread)


def still_spam(was_spam: bool, folder: str) -> bool:
    """Whether a copy now in `folder` is still marked as spam by its side.

    Moving to spam marks it; it stays marked while thrown away (trash, deleted forever) and
    is unmarked once it comes back to the inbox or the archive ("not spam", restore).
    """
    return folder == SPAM or (was_spam and folder in (TRASH, DELETED))


def on_message_received(state: SideState) -> SideState:
    """A new message from the other side: unread + 1; archived or deleted copies come back.

    Spam and trash stay where they are (a thread in spam stays quiet).
    """
    folder = INBOX if state.folder in (ARCHIVE, DELETED) else state.folder
    return SideState(folder=folder, unread=state.unread + 1)


def notifies(state: SideState) -> bool:
    """Whether a message arriving in this copy is e-mailed: never in spam.

    A trashed thread still notifies: the other side may write about a real problem, and
    trash is a place to restore from, not a block.
    """
    return state.folder != SPAM


def counter_deltas(before: SideState, after: SideState) -> dict[str, tuple[int, int]]:
    """Changes to (threads, unread threads) per folder when a copy goes from before to after."""
    deltas: dict[str, tuple[int, int]] = {}

    def add(folder: str, threads: int, unread: int) -> None:
        t, u = deltas.get(folder, (0, 0))
        deltas[folder] = (t + threads, u + unread)

    if before.counts:
        add(before.folder, -1, -1 if before.unread else 0)
    if after.counts:
        add(after.folder, 1, 1 if after.unread else 0)
    return {f: d for f, d in deltas.items() if d != (0, 0)}
