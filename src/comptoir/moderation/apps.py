from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "comptoir.moderation"
    label = "moderation"

    def ready(self) -> None:
        """Screen every person's message, and flag the ones the screener did not find clean."""
        from comptoir.messaging.hooks import message_screened, on_outgoing_message
        from comptoir.messaging.models import Message
        from comptoir.moderation.screening import flag_screened, screen

        on_outgoing_message(screen)
        message_screened.connect(flag_screened, sender=Message, dispatch_uid="moderation.flag")
