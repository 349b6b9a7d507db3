from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "comptoir.consent"
    label = "consent"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy

        from comptoir.consent.services import CONSENT_CHANGED
        from comptoir.webhooks import events

        events.register(
            CONSENT_CHANGED,
            gettext_lazy("A buyer gave or withdrew consent to a shop's news and offers."),
        )
