from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "comptoir.core"
    label = "core"

    def ready(self) -> None:
        from comptoir.core import periodic
        from comptoir.core.outbox import sweep

        periodic.register("core.outbox", settings.EMAIL_SWEEP_EVERY, sweep)
