"""One call as a self-contained HTML page a team lead opens in a browser or prints.

No template engine and no external assets: inline CSS (with a print stylesheet) and escaped text,
so the file can be mailed or archived as is. Section headings are bilingual (zh / en).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from copilot.store.record import SessionRecord
from copilot.timeline import clock, local_time

_SPEAKER = {"advisor": "坐席 Advisor", "customer": "客户 Customer"}
_CSS = """
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
 max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;border-bottom:2px solid #ddd;
 padding-bottom:.2rem;margin-top:1.8rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.25rem .5rem;
 text-align:left;vertical-align:top}th{background:#f6f6f6}
.meta td:first-child{color:#666;width:12rem}.t{color:#888;white-space:nowrap;font-variant-numeric:
 tabular-nums}.advisor .who{color:#1b5e9e}.customer .who{color:#7a4b00}.who{white-space:nowrap}
.warn{background:#fdecea}.sev{font-weight:bold;color:#b71c1c}.ok{color:#2e7d32}.miss{color:#b71c1c}
.tag{display:inline-block;font-size:.8rem;background:#fdecea;color:#b71c1c;border-radius:3px;
 padding:0 .3rem;margin-left:.3rem}.empty{color:#888;font-style:italic}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
"""


def render_html(record: SessionRecord, expected_steps: Iterable[tuple[str, str]] = ()) -> str:
    """The report; `expected_steps` ((stage/step key, label) from the KB) adds steps never done."""
    s = record.session
    title = f"通话报告 Call report · {s.get('advisor') or '—'} · {local_time(s.get('started_at'))}"
    parts = [
        "<!doctype html><html lang='zh'><head><meta charset='utf-8'>",
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        _meta(record),
        _warnings(record),
        _disclosures(record),
        _sop(record, dict(expected_steps)),
        _profile(record),
        _outcome(record),
        _transcript(record),
        "</body></html>",
    ]
    return "\n".join(parts)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _section(anchor: str, heading: str, body: str) -> str:
    return f"<section id='{anchor}'><h2>{heading}</h2>{body}</section>"


def _table(head: list[str], rows: list[list[str]], empty: str, row_class=None) -> str:
    if not rows:
        return f"<p class='empty'>{_e(empty)}</p>"
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = ""
    for i, row in enumerate(rows):
        cls = f" class='{row_class(i)}'" if row_class else ""
        body += f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>"
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _meta(record: SessionRecord) -> str:
    s = record.session
    rows = [
        ("会话 Session", s["id"]), ("坐席 Advisor", s.get("advisor")), ("团队 Team", s.get("team")),
        ("开始 Started", local_time(s.get("started_at"))),
        ("时长 Length", clock(s.get("duration_ms") or 0)),
        ("状态 Status", s.get("status")), ("来源 Source", s.get("source")),
        ("知识库 KB", f"{s.get('kb_id') or '—'} {s.get('kb_version') or ''}"),
        ("结果 Outcome", s.get("outcome") or "—"),
    ]
    body = "".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows)
    return f"<table class='meta'>{body}</table>"


def _warnings(record: SessionRecord) -> str:
    rows = []
    for e in record.warnings():
        if e.type == "violation":
            rows.append([f"<span class='t'>{clock(e.t_ms)}</span>",
                         f"<span class='sev'>{_e(e.severity)}</span> {_e(e.category)}",
                         f"«{_e(e.matched or e.text)}» {_e(e.reason)}"
                         + (f"<br><small>{_e(e.article)}</small>" if e.article else "")
                         + (f"<br><small>→ {_e(e.suggestion)}</small>" if e.suggestion else "")])
        else:
            rows.append([f"<span class='t'>{clock(e.t_ms)}</span>", "missing_disclosure",
                         _e(", ".join(e.missing)) + (f" — {_e(e.message)}" if e.message else "")])
    table = _table(["时间 Time", "类别 Category", "内容 Detail"], rows, "无警告 No warnings")
    return _section("warnings", f"警告 Warnings ({len(rows)})", table)


def _disclosures(record: SessionRecord) -> str:
    rows = [[_e(category),
             f"<span class='ok'>✓ {clock(t)}</span>" if t is not None
             else "<span class='miss'>✗ 未告知 missing</span>"]
            for category, t in record.disclosures().items()]
    table = _table(["披露项 Disclosure", "告知 Said"], rows, "无记录 None recorded")
    return _section("disclosures", "信息披露 Disclosures", table)


def _sop(record: SessionRecord, expected: dict[str, str]) -> str:
    done = {f"{e.stage}/{e.step}": e for e in record.steps_done()}
    keys = list(dict.fromkeys([*expected, *done]))
    rows = []
    for key in keys:
        e = done.get(key)
        label = expected.get(key) or (e.label if e else "")
        said = (f"<span class='ok'>✓ {clock(e.t_ms)}</span>" if e
                else "<span class='miss'>✗ 未做 not done</span>")
        rows.append([_e(_step_name(key)), _e(label), said])
    stages = " → ".join(_e(e.stage) for e in record.of_type("stage"))
    covered = f"{len(done)}/{len(keys)}" if keys else "0"
    body = (f"<p>阶段 Stages: {stages or '—'}</p>"
            + _table(["步骤 Step", "说明 Label", "完成 Done"], rows, "无记录 None recorded"))
    return _section("sop", f"流程覆盖 SOP coverage ({covered})", body)


def _step_name(key: str) -> str:
    """`opening/opening.greet` reads better as `opening.greet`; other keys are shown whole."""
    stage, _, step = key.partition("/")
    return step if step.startswith(stage + ".") else key


def _profile(record: SessionRecord) -> str:
    rows = [[_e(k), _e(v)] for k, v in record.profile().items()]
    return _section("profile", "客户画像 Profile",
                    _table(["字段 Field", "值 Value"], rows, "无 None"))


def _outcome(record: SessionRecord) -> str:
    e = record.outcome()
    if e is None:
        return _section("outcome", "结果 Outcome", "<p class='empty'>未记录 Not recorded</p>")
    text = f"<p><b>{_e(e.outcome)}</b>"
    if e.callback_at:
        text += f" · 回访 callback {_e(e.callback_at)}"
    if e.notes:
        text += f"<br>{_e(e.notes)}"
    return _section("outcome", "结果 Outcome", text + "</p>")


def _transcript(record: SessionRecord) -> str:
    flagged: dict[str, list[str]] = {}
    for e in record.warnings():
        if e.type == "violation" and e.utterance_id:
            flagged.setdefault(e.utterance_id, []).append(e.category)
    rows, classes = [], []
    for u in record.utterances:
        tags = "".join(f"<span class='tag'>{_e(c)}</span>"
                       for c in flagged.get(u["utterance_id"], []))
        rows.append([f"<span class='t'>{clock(u['start_ms'])}</span>",
                     f"<span class='who'>{_e(_SPEAKER.get(u['speaker'], u['speaker']))}</span>",
                     _e(u["text"]) + tags])
        classes.append(u["speaker"] + (" warn" if tags else ""))
    table = _table(["时间 Time", "说话人 Speaker", "内容 Text"], rows, "无转写 No transcript",
                   row_class=lambda i: classes[i])
    return _section("transcript", f"通话转写 Transcript ({len(rows)})", table)
