from django.apps import AppConfig


class InboundConfig(AppConfig):
    """Mail coming in: replies to notifications, and bounces (issue 18)."""

    name = "comptoir.inbound"
    label = "inbound"
