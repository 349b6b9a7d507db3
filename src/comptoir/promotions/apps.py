from django.apps import AppConfig


class PromotionsConfig(AppConfig):
    name = "comptoir.promotions"
    label = "promotions"
