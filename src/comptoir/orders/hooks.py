"""Signals for apps to the right of orders (responsiveness keeps order figures per day)."""

from django.dispatch import Signal

# sender=Order; order=<the saved Order>, previous=<the Order as it was before, or None>.
# Sent inside the writing transaction, only when something changed.
order_saved = Signal()
