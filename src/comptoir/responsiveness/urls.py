from django.urls import path

from comptoir.responsiveness import views

app_name = "responsiveness"

urlpatterns = [
    path("shop/<id:shop_id>/stats/responsiveness/", views.dashboard, name="dashboard"),
    path(
        "shop/<id:shop_id>/stats/responsiveness/first-messages/",
        views.breakdown,
        name="breakdown",
    ),
    path(
        "shop/<id:shop_id>/stats/responsiveness/first-messages.csv",
        views.breakdown_csv,
        name="breakdown_csv",
    ),
]
