"""URL map: the web pages, the admin and the integration API."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from comptoir.api import api
from comptoir.core import converters

converters.register()  # before the apps' URL maps below use <id:…>

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    path("", include("comptoir.accounts.urls")),
    path("", include("comptoir.autoreplies.urls")),
    path("", include("comptoir.messaging.urls")),
    path("", include("comptoir.responsiveness.urls")),
    path("", include("comptoir.standards.urls")),
    path("", include("comptoir.consent.urls")),
    path("", include("comptoir.moderation.urls")),
    path("", include("comptoir.promotions.urls")),
    path("", include("comptoir.web.urls")),
]
