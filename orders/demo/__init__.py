"""The demo region's orders (demo-data.md), made through the order services themselves, so
that stock, individuals, devices and history are what real use would leave behind."""

from inventory.demo import seed_prescribing_rights
from orders.demo import charges, prescriptions, returns, reuse, suggestions, supply, trials


def seed(*, rng) -> str:
    done = prescriptions.seed(rng=rng)
    done = f"{done}; {supply.seed(rng=rng)}; {charges.seed(rng=rng)}"
    done = f"{done}; {returns.seed(rng=rng)}; {suggestions.seed(rng=rng)}; {trials.seed(rng=rng)}"
    done = f"{done}; {reuse.seed(rng=rng)}"
    return f"{done}; {seed_prescribing_rights()}"  # BEY-1, after the past prescriptions
