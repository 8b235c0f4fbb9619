"""Qt translation catalogues (.ts sources, compiled .qm) of the Copilot windows."""
