"""Signals for apps to the right of reviews (responsiveness keeps ratings per day)."""

from django.dispatch import Signal

# sender=Review; review=<the saved Review>, previous=<the Review as it was before, or None>.
# Sent inside the writing transaction, only when something changed.
review_saved = Signal()
