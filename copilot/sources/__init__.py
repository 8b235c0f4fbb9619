"""Sources: where utterances come from (transcript replay, recordings, live capture)."""
