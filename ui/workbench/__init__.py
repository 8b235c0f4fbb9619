"""The trainer's workbench: browse and edit a KB, see at once what the copilot would do with it."""
