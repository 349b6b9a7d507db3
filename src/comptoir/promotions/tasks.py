"""A send to past buyers runs in the worker; its campaign's counters show the progress."""

from __future__ import annotations

from django_tasks import task


@task()
def send_campaign(campaign_id: int) -> str:
    """Send to the pending recipients of one send (see sends.send_batches). Running it
    twice, or after a crash, sends nobody twice: the pending rows are the truth."""
    # Imported here: sends enqueues this task, so it imports this module.
    from comptoir.promotions.sends import send_batches

    return send_batches(campaign_id=campaign_id)
