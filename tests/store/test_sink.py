"""The live writer: what lands in which table, per-second commits, live vs interrupted."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime

from copilot.events import OutcomeEvent
from copilot.session import Session, SessionInfo
from copilot.settings import load_settings
from copilot.store import SessionStore, open_store_sink
from copilot.store.store import default_path
from copilot.utterance import Utterance


def test_a_call_lands_in_every_table(db_path, write_call):
    sid = write_call(db_path, steps=("opening/greet", "opening/introduce"),
                     disclosures=("identity",), violations=("guaranteed_return",),
                     outcome="sale")
    store = SessionStore(db_path)
    row = store.list_sessions()[0]
    assert row["id"] == sid and row["status"] == "complete" and row["outcome"] == "sale"
    assert row["n_utterances"] == 2 and row["n_violations"] == 1
    assert row["duration_ms"] == 8000 and row["ended_at"]
    assert row["started_at"] == "2026-11-02T02:00:00+00:00"  # stored in UTC
    utterances = list(store.db.query("select utterance_id, text from utterances"))
    # finals only: the 3-character partials were not stored
    assert [u["text"] for u in utterances] == ["您好，我是平安保险的王芳，工号一二三。", "你好，什么事？"]
    types = [r["type"] for r in store.db.query("select type from events order by seq")]
    assert "utterance" not in types
    assert types.count("step_done") == 2 and types.count("outcome") == 1
    assert list(store.db.query("select outcome, notes from outcomes")) == [
        {"outcome": "sale", "notes": "客户同意"}]
    keys = {r["key"] for r in store.db.query("select key from events where type='step_done'")}
    assert keys == {"opening/greet", "opening/introduce"}
    store.close()


def test_events_reach_the_disk_within_a_second_without_close(db_path):
    settings = load_settings()
    info = SessionInfo(advisor="甲")
    sink = open_store_sink(settings, info, db_path)
    session = Session(sinks=[sink], info=info)
    session.feed(Utterance("u1", "advisor", 0, 800, "第一句话"))
    session.record(OutcomeEvent(t_ms=900, outcome="callback"))
    published = time.monotonic()
    other = sqlite3.connect(db_path)  # a separate reader sees only committed data
    seen = []
    while not seen and time.monotonic() - published < 1.0:  # silence: only the flusher commits
        time.sleep(0.05)
        seen = other.execute("select text from utterances").fetchall()
    assert seen == [("第一句话",)], "not on disk within a second"
    assert other.execute("select status, outcome from sessions").fetchall() == [
        ("live", "callback")]
    other.close()
    session.finish()
    with SessionStore(db_path) as store:
        assert store.list_sessions()[0]["status"] == "complete"


def test_a_running_call_is_not_marked_interrupted_by_another_open(db_path):
    info = SessionInfo()
    sink = open_store_sink(load_settings(), info, db_path)
    with SessionStore(db_path) as store:  # e.g. `copilot sessions list` during the call
        assert store.recover_interrupted() == []
        assert store.list_sessions()[0]["status"] == "live"
    sink.close()


def test_a_dead_writer_leaves_the_call_interrupted(db_path, write_call):
    write_call(db_path, session_id="done1")
    with SessionStore(db_path) as store:
        store.create_session(SessionInfo(session_id="dead1"), pid=2**22 + 12345)
        store.create_session(SessionInfo(session_id="stale1"), pid=os.getpid(),
                             heartbeat_at=time.time() - 7200)
        store.create_session(SessionInfo(session_id="asleep1"), pid=os.getpid(),
                             heartbeat_at=time.time() - 600)  # suspended laptop, still ours
        store.create_session(SessionInfo(session_id="remote1"), host="elsewhere", pid=1,
                             heartbeat_at=time.time() - 60)
        store.commit()
    with SessionStore(db_path) as store:
        status = {r["id"]: r["status"] for r in store.list_sessions()}
    assert status == {"done1": "complete", "dead1": "interrupted", "stale1": "interrupted",
                      "asleep1": "live", "remote1": "interrupted"}


def test_default_path_is_in_the_data_folder(isolated_home):
    assert default_path() == isolated_home / "data" / "sessions.db"
    info = SessionInfo(started_at=datetime.now().astimezone())
    open_store_sink(load_settings(), info).close()
    assert default_path().exists()


def test_recordings_are_registered(db_path, tmp_path):
    info = SessionInfo()
    sink = open_store_sink(load_settings(), info, db_path)
    sink.add_recordings({"advisor": tmp_path / "a.wav", "customer": tmp_path / "c.wav"})
    sink.close()
    with SessionStore(db_path) as store:
        audio = store.load(info.session_id).audio
    assert [(a["speaker"], a["path"]) for a in audio] == [
        ("advisor", str(tmp_path / "a.wav")), ("customer", str(tmp_path / "c.wav"))]


def test_live_recordings_are_found_at_close_and_late_ones_still_register(db_path, isolated_home):
    import numpy as np
    import soundfile

    info = SessionInfo()
    folder = isolated_home / "data" / "sessions" / info.session_id  # where LiveCall records
    folder.mkdir(parents=True)
    for speaker in ("advisor", "customer"):
        soundfile.write(folder / f"{speaker}.wav", np.zeros(1600, dtype=np.float32), 16000)
    sink = open_store_sink(load_settings(), info, db_path)
    sink.close()
    sink.add_audio("advisor", folder / "extra.flac", 250)  # after close: still stored
    with SessionStore(db_path) as store:
        audio = store.load(info.session_id).audio
    assert [(a["speaker"], a["offset_ms"]) for a in audio] == [
        ("advisor", 0), ("customer", 0), ("advisor", 250)]


def test_a_busy_database_delays_writes_but_never_breaks_the_call(db_path):
    info = SessionInfo()
    sink = open_store_sink(load_settings(), info, db_path)
    session = Session(sinks=[sink], info=info)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("begin immediate")  # another writer holds the database
    for i in range(5):
        session.feed(Utterance(f"u{i}", "customer", i * 100, i * 100 + 50, f"第{i}句"))
    sink.flush()  # cannot commit now: no exception, the batch waits
    assert sink.last_error is not None
    blocker.execute("rollback")
    blocker.close()
    sink.flush()
    assert sink.last_error is None
    session.finish()
    with SessionStore(db_path) as store:
        row = store.list_sessions()[0]
    assert (row["status"], row["n_utterances"]) == ("complete", 5)
