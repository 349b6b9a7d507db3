from comptoir.orders.models import Order


def test_order_fixture_has_ship_by_and_total(order: Order) -> None:
    assert order.total == 35
    assert order.items.count() == 1
    assert order.shop.first_sale_at == order.ordered_at
