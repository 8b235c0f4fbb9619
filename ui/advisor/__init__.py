"""The advisor window: what an advisor keeps open beside the phone during a call."""
