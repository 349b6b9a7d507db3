from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "comptoir.reviews"
    label = "reviews"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy

        from comptoir.reviews.services import REPLY_CHANGED
        from comptoir.webhooks import events

        events.register(
            REPLY_CHANGED,
            gettext_lazy(
                "The shop replied to a review, edited its reply (possible for 72 hours), or "
                "Trust & Safety removed the reply (change: replied, edited, removed)."
            ),
        )
