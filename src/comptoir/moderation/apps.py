from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "comptoir.moderation"
    label = "moderation"

    def ready(self) -> None:
        """Screen every person's message, and flag the ones the screener did not find clean."""
        from comptoir.messaging import listeners
        from comptoir.moderation.screening import Moderation

        listeners.register(Moderation())
