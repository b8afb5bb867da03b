"""Activities (ACT) and pickup orders (PU): one module each, re-exported here."""
