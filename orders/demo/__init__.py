"""The demo region's orders (demo-data.md), made through the order services themselves, so
that stock, individuals, devices and history are what real use would leave behind."""

from orders.demo import prescriptions


def seed(*, rng) -> str:
    return prescriptions.seed(rng=rng)
