from django.urls import path

from comptoir.autoreplies import views

app_name = "autoreplies"

urlpatterns = [
    path("shop/<id:shop_id>/messages/auto-reply/", views.auto_reply, name="auto_reply"),
    path("shop/<id:shop_id>/settings/vacation/", views.vacation, name="vacation"),
]
