"""kill -9 mid-call: the session reopens `interrupted` with all but at most the last second."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from copilot.store import SessionStore


@pytest.mark.slow
def test_kill_9_loses_at_most_the_last_second(db_path, isolated_home):
    script = Path(__file__).with_name("killed_call.py")
    env = {**os.environ, "COPILOT_HOME": str(isolated_home)}
    child = subprocess.Popen([sys.executable, str(script), str(db_path)], stdout=subprocess.PIPE,
                             text=True, env=env)
    fed_at: dict[int, float] = {}
    deadline = None
    for line in child.stdout:
        now = time.monotonic()
        if line.startswith("started"):
            deadline = now + 3.0
        elif line.startswith("fed"):
            fed_at[int(line.split()[1])] = now
        if deadline and now >= deadline:
            break
    child.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    with SessionStore(db_path) as store:
        row = store.list_sessions()[0]
        stored = [int(r["utterance_id"][1:]) for r in store.db.query(
            "select utterance_id from utterances order by id")]
        text = store.load("killed1").utterances[0]["text"]
    assert row["status"] == "interrupted" and row["id"] == "killed1"
    assert stored == list(range(1, len(stored) + 1))  # a prefix, nothing half-written
    must_have = [n for n, t in fed_at.items() if t < killed_at - 1.0]
    assert len(must_have) > 30
    assert max(must_have) <= len(stored), (len(fed_at), len(stored))
    assert row["n_utterances"] >= max(must_have) - 25  # summary columns kept up too
    assert text == "第1句 客户电话*******5678"
