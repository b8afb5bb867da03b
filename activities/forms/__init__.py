"""Forms of activities (ACT) and pickup orders (PU), one module each."""
