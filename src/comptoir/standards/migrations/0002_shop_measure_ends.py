"""Fill the shops' new measure end dates from the actions in force."""

from datetime import UTC

from django.db import migrations


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    from comptoir.core import clock
    from comptoir.standards import rules

    Shop = apps.get_model("shops", "Shop")
    Action = apps.get_model("standards", "Action")
    today = clock.now().astimezone(UTC).date()
    for shop in Shop.objects.filter(staff_paused=True) | Shop.objects.filter(staff_revoked=True):
        pairs = [
            (
                rules.Action(
                    step=rules.Step(a.step), on=a.taken_on, lifted_on=a.lifted_on, ends_on=a.ends_on
                ),
                frozenset(rules.Measure(m) for m in a.measures),
            )
            for a in Action.objects.filter(shop_id=shop.id)
        ]
        shop.staff_pause_ends_on = (
            rules.measure_ends_on(pairs, rules.Measure.PAUSE_SHOP, today)
            if shop.staff_paused
            else None
        )
        shop.staff_revocation_ends_on = (
            rules.measure_ends_on(pairs, None, today) if shop.staff_revoked else None
        )
        shop.save(update_fields=["staff_pause_ends_on", "staff_revocation_ends_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0001_initial"),
        ("shops", "0004_staff_measure_ends"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
