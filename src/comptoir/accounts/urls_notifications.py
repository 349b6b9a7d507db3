"""New-message e-mails: the one-click "stop" link and the account page's switch."""

from django.urls import path

from comptoir.accounts import views_notifications as views

urlpatterns = [
    path("account/email-notifications/", views.notifications_switch, name="notifications_switch"),
    path("email-notifications/off/<str:token>/", views.notifications_off, name="notifications_off"),
]
