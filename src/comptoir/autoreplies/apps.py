from django.apps import AppConfig


class AutorepliesConfig(AppConfig):
    name = "comptoir.autoreplies"
    label = "autoreplies"

    def ready(self) -> None:
        from comptoir.autoreplies.apply import answer_first_message
        from comptoir.messaging.hooks import on_first_buyer_message

        on_first_buyer_message(answer_first_message)
