"""Masking before storage on every write path; Chinese full-text search (trigram and short terms)."""

from __future__ import annotations

import pytest

from copilot.events import ProfileEvent, UtteranceEvent
from copilot.store import SessionStore
from copilot.store.record import SessionRecord
from copilot.store.transfer import import_record

RAW = "我身份证号110101199003074514，手机13812345678，卡号6222 0212 3456 7890 123"
MASKED = "我身份证号**************4514，手机*******5678，卡号**** **** **** ***0 123"


@pytest.mark.parametrize(("mask", "expected"), [(True, MASKED), (False, RAW)])
def test_session_writes_are_masked_by_setting(db_path, write_call, mask, expected):
    sid = write_call(db_path, lines=(("customer", RAW),), mask_pii=mask)
    with SessionStore(db_path, mask_pii=mask) as store:
        assert store.load(sid).utterances[0]["text"] == expected
        assert [h["session_id"] for h in store.search("1234")] == ([] if mask else [sid])


def test_direct_writes_and_imports_are_masked_too(db_path):
    record = SessionRecord(
        session={"id": "imp1", "started_at": "2026-11-03T01:00:00+00:00", "status": "complete"},
        utterances=[{"utterance_id": "u1", "speaker": "customer", "start_ms": 0, "end_ms": 10,
                     "text": RAW, "words": [{"word": "13812345678", "start_ms": 0, "end_ms": 5,
                                             "conf": 1.0}]}],
        events=[ProfileEvent(t_ms=5, field="phone", value="13812345678", evidence=RAW)],
    )
    with SessionStore(db_path) as store:  # mask_pii defaults on
        import_record(store, record)
        store.begin()
        store.write_event("imp1", 99, UtteranceEvent(t_ms=1, utterance_id="u9", speaker="advisor",
                                                     start_ms=0, end_ms=1, text="回拨13987654321"))
        store.commit()
        loaded = store.load("imp1")
        dump = store.db.execute("select group_concat(data) from events").fetchone()[0]
    texts = {u["utterance_id"]: u["text"] for u in loaded.utterances}
    assert texts == {"u1": MASKED, "u9": "回拨*******4321"}
    assert loaded.utterances[0]["words"][0]["word"] == "*******5678"
    assert loaded.events[0].value == "*******5678" and loaded.events[0].evidence == MASKED
    assert "13812345678" not in dump


@pytest.fixture
def searchable(db_path, write_call):
    write_call(db_path, session_id="s1", started_at="2026-11-01T09:00:00+08:00", lines=(
        ("advisor", "这款产品有十五天的犹豫期，犹豫期内退保全额退还"),
        ("customer", "那分红是保证的吗"),
    ))
    write_call(db_path, session_id="s2", started_at="2026-11-02T09:00:00+08:00", lines=(
        ("advisor", "放我们这儿跟放银行差不多，到期本金一分不少"),
        ("customer", "我再考虑一下犹豫"),
    ))
    return SessionStore(db_path)


@pytest.mark.parametrize(("query", "expected"), [
    ("犹豫期", [("s1", "advisor")]),           # trigram index
    ("十五天的犹豫期", [("s1", "advisor")]),
    ("犹豫", [("s2", "customer"), ("s1", "advisor")]),  # 2 chars: bigram index, newest first
    ("犹", [("s2", "customer"), ("s1", "advisor")]),    # 1 char: LIKE scan
    ("豫期 退保", [("s1", "advisor")]),          # bigram phrases, all must occur
    ("期犹", []),                               # pairs must be adjacent and in order
    ("保证的", [("s1", "customer")]),
    ("银行 本金", [("s2", "advisor")]),        # every term must occur
    ("分红", [("s1", "customer")]),
    ("保险费率", []),
    ('100%"', []),                              # quotes and LIKE wildcards are literal
])
def test_chinese_search(searchable, query, expected):
    hits = searchable.search(query)
    assert [(h["session_id"], h["speaker"]) for h in hits] == expected
    for h in hits:
        assert all(term in h["text"] for term in query.split())
    searchable.close()


def test_a_final_sent_again_replaces_the_text_in_both_indexes(db_path):
    with SessionStore(db_path) as store:
        from copilot.session import SessionInfo

        store.create_session(SessionInfo(session_id="r1"))
        for text in ("我想退保", "我想了解分红险"):
            store.write_event("r1", 1, UtteranceEvent(t_ms=1, utterance_id="u1",
                                                      speaker="customer", start_ms=0, end_ms=1,
                                                      text=text))
        store.commit()
        assert [h["text"] for h in store.search("分红")] == ["我想了解分红险"]
        assert store.search("退保") == [] and store.search("想退保") == []
        assert len(store.load("r1").utterances) == 1
        store.delete_session("r1")
        assert store.search("分红") == [] and store.search("了解分红") == []
