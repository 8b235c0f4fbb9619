"""Run by test_kill.py in a real subprocess: a live call writing through the store sink until it
is killed. Prints `fed N` after each utterance so the test knows what had been published when."""

import sys
import time

from copilot.session import Session, SessionInfo
from copilot.settings import load_settings
from copilot.store import open_store_sink
from copilot.utterance import Utterance

db = sys.argv[1]
info = SessionInfo(session_id="killed1", advisor="被杀")
session = Session(sinks=[open_store_sink(load_settings(), info, db)], info=info)
session.start()
print("started", flush=True)
for n in range(1, 100_000):
    session.feed(Utterance(f"u{n}", "advisor", n * 40, n * 40 + 30, f"第{n}句 客户电话13912345678"))
    print(f"fed {n}", flush=True)
    time.sleep(0.04)
