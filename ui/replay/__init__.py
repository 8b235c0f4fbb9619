"""The replay window: stored calls with transcript, timeline and synced audio."""
