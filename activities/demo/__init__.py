"""The demo region's activities and pickup orders (demo-data.md), made through the services."""

from activities.demo import pickup


def seed(*, rng) -> str:
    return pickup.seed(rng=rng)
