from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "comptoir.moderation"
    label = "moderation"
