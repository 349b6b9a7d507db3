"""Staff reads of threads move into the one audit log (core.AuditEntry)."""

from django.db import migrations


def copy_reads(apps, schema_editor):
    StaffRead = apps.get_model("messaging", "StaffRead")
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditEntry.objects.bulk_create(
        AuditEntry(
            at=read.at,
            actor_id=read.staff_id,
            verb="thread.read",
            shop_id=read.conversation.shop_id,
            subject_type="conversation",
            subject_id=read.conversation_id,
            details={},
        )
        for read in StaffRead.objects.select_related("conversation").iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_audit_append_only"),
        ("messaging", "0003_party_marked_spam_at"),
    ]

    operations = [
        migrations.RunPython(copy_reads, migrations.RunPython.noop),
        migrations.DeleteModel(name="StaffRead"),
    ]
