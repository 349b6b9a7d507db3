"""The messaging clients (buyer, seller, staff) serve the responsiveness tests too."""

from tests.messaging.conftest import as_buyer, as_other_buyer, as_seller, as_staff, other_buyer

__all__ = ["as_buyer", "as_other_buyer", "as_seller", "as_staff", "other_buyer"]
