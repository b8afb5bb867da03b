"""The demo region's activities and pickup orders (demo-data.md), made through the services."""


def seed(*, rng) -> str:
    return "no activities yet"
