"""The demo region's activities and pickup orders (demo-data.md), made through the services."""

from activities.demo import activity


def seed(*, rng) -> str:
    return activity.seed(rng=rng)
