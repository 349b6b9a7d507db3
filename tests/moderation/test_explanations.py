"""Every rule the scorer can fire is explained to staff and recipients in words."""

from __future__ import annotations

from comptoir.moderation.pages import RULE_TEXTS, rule_text
from comptoir.moderation.scoring import score
from tests.moderation.blind import BLIND
from tests.moderation.held_out import HELD_OUT
from tests.moderation.labelled import LABELLED
from tests.moderation.metrics import context_of


def test_every_rule_fired_on_the_labelled_sets_has_a_sentence() -> None:
    fired = {
        finding.code
        for case in [*LABELLED, *HELD_OUT, *BLIND]
        for finding in score(case.text, context_of(case)).findings
    }
    assert len(fired) >= 20
    assert sorted(fired - set(RULE_TEXTS)) == []


def test_an_unknown_rule_is_shown_by_its_code_rather_than_hidden() -> None:
    assert (
        rule_text("off_platform", "sms_contact") == "Moves the conversation to text messages (SMS)"
    )
    assert rule_text("off_platform", "no_such_rule") == "off_platform.no_such_rule"
