from django.apps import AppConfig


class AutorepliesConfig(AppConfig):
    name = "comptoir.autoreplies"
    label = "autoreplies"

    def ready(self) -> None:
        from comptoir.autoreplies.apply import AutoReplies
        from comptoir.messaging import listeners

        listeners.register(AutoReplies())
