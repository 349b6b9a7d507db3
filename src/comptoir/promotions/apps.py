from django.apps import AppConfig


class PromotionsConfig(AppConfig):
    name = "comptoir.promotions"
    label = "promotions"

    def ready(self) -> None:
        from comptoir.core import periodic
        from comptoir.promotions.followups import follow_ups_run
        from comptoir.promotions.sends import resume_sends

        # Sends that waited for the next day's allowance, or whose worker stopped.
        periodic.register("promotions.resume_sends", 300, resume_sends)
        # Check-ins after delivery (each order once; see followups.py).
        periodic.register("promotions.follow_ups", 600, follow_ups_run)
