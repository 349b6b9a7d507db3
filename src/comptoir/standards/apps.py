from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "comptoir.standards"
    label = "standards"
