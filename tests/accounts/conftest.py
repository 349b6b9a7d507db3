"""The messaging clients (buyer, seller) serve the e-mail switch tests too."""

from tests.messaging.conftest import as_buyer, as_seller

__all__ = ["as_buyer", "as_seller"]
