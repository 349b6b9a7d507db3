"""The promotions web pages."""

from __future__ import annotations

from comptoir.promotions.urls_offers import urlpatterns as offers
from comptoir.promotions.urls_sends import urlpatterns as sends

app_name = "promotions"
urlpatterns = [*offers, *sends]
