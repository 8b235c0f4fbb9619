"""Shared pieces of every Copilot window: theme, fonts, translations, domain labels, small widgets."""
