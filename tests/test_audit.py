"""The audit log is append-only, down to the database."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from comptoir.accounts.models import User
from comptoir.core import audit
from comptoir.core.models import AuditEntry


def test_a_line_records_who_what_and_where(staff: User) -> None:
    entry = audit.record(
        actor=staff, verb="thread.read", shop_id=7, subject=("conversation", 3), details={"a": 1}
    )
    stored = AuditEntry.objects.get()
    assert (stored.id, stored.actor, stored.verb, stored.shop_id) == (
        entry.id,
        staff,
        "thread.read",
        7,
    )
    assert (stored.subject_type, stored.subject_id, stored.details) == ("conversation", 3, {"a": 1})


def test_the_database_refuses_to_change_a_line(staff: User) -> None:
    audit.record(actor=staff, verb="action.taken", shop_id=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(verb="nothing happened")
    assert AuditEntry.objects.get().verb == "action.taken"


def test_the_database_refuses_to_delete_a_line(staff: User) -> None:
    audit.record(actor=staff, verb="action.taken", shop_id=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 1
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry")  # not even bypassing the ORM
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_whole_database_flush_still_empties_it(staff: User) -> None:
    """Tests with real transactions end in a flush: it passes, and the trigger is back."""
    from django.core.management import call_command

    audit.record(actor=staff, verb="action.taken", shop_id=1)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEntry.objects.count() == 0
    staff = User.objects.create_user(username="again")
    audit.record(actor=staff, verb="action.taken", shop_id=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
