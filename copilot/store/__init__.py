"""The session store: every call's row, transcript, events and audio in one SQLite file.

`open_store_sink(settings, info)` is what sessions write through; `SessionStore` is what the
command line and the replay and team windows read.
"""

from copilot.store.record import SessionRecord
from copilot.store.sink import StoreSink, open_store_sink
from copilot.store.store import SessionStore, default_path

__all__ = ["SessionRecord", "SessionStore", "StoreSink", "default_path", "open_store_sink"]
