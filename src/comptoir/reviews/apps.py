from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "comptoir.reviews"
    label = "reviews"
