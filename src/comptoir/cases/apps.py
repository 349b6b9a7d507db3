from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "comptoir.cases"
    label = "cases"
