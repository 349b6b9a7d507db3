from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "comptoir.standards"
    label = "standards"

    def ready(self) -> None:
        from comptoir.core import periodic
        from comptoir.standards.evaluation import evaluate_daily
        from comptoir.standards.ladder import end_due_actions
        from comptoir.standards.notices import EVENTS
        from comptoir.webhooks import events

        for name, description in EVENTS.items():
            events.register(name, description)
        # Once a day (the job checks whether today's evaluation already ran).
        periodic.register("standards.evaluate", 600, evaluate_daily)
        periodic.register("standards.end_due", 600, end_due_actions)
