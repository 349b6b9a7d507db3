from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "comptoir.messaging"
    label = "messaging"

    def ready(self) -> None:
        from comptoir.messaging import webhook_events

        webhook_events.connect()
