from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "comptoir.webhooks"
    label = "webhooks"

    def ready(self) -> None:
        from comptoir.core import periodic
        from comptoir.webhooks import events  # noqa: F401 (registers webhook.ping)
        from comptoir.webhooks.tasks import retry_due

        # Failed deliveries come back when their backoff has passed.
        periodic.register("webhooks.retry", 30, retry_due)
