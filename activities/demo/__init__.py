"""The demo region's activities and pickup orders (demo-data.md), made through the services."""

from activities.demo import activity, patient_request, pickup


def seed(*, rng) -> str:
    return f"{activity.seed(rng=rng)}; {pickup.seed(rng=rng)}; {patient_request.seed(rng=rng)}"
