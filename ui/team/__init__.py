"""The team view: per advisor and per team open rates, violations and outcomes over a date range."""
