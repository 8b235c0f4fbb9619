"""Copilot: an offline, real-time advisor copilot for insurance telesales.

The `copilot` package is the engine: pure Python, no Qt. The `ui` package renders its events.
"""

__version__ = "0.1.0"
