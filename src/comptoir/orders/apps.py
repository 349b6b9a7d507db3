from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "comptoir.orders"
    label = "orders"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy

        from comptoir.orders.services import AWAITING_BUYER_CHANGED
        from comptoir.webhooks import events

        events.register(
            AWAITING_BUYER_CHANGED,
            gettext_lazy(
                "An order started or stopped waiting on the buyer's answer (a personalisation, "
                "an address, a phone number): the shop asked, the buyer answered in the "
                "order's thread, or the shop stopped waiting."
            ),
        )
