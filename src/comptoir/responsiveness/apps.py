from django.apps import AppConfig


class ResponsivenessConfig(AppConfig):
    name = "comptoir.responsiveness"
    label = "responsiveness"

    def ready(self) -> None:
        from comptoir.core import periodic
        from comptoir.responsiveness import receivers
        from comptoir.responsiveness.recording import fill_medians, settle_all

        receivers.connect()
        # First messages left 24 hours without an answer become misses within a minute.
        periodic.register("responsiveness.settle", 60, settle_all)
        # Replies add to a day without its median (decision 0016): computed within a minute.
        periodic.register("responsiveness.medians", 60, fill_medians)
