"""Writes of activities (ACT) and pickup orders (PU), one module each; callers use
`activities.services.X`."""
