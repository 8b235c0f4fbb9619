"""The readable timeline the command line prints: one line per event, with time and speaker."""

from __future__ import annotations

from datetime import datetime

from copilot.events import Event

_SPEAKER = {"advisor": "坐席", "customer": "客户"}


def local_time(iso: str | None) -> str:
    """A stored ISO timestamp as the reader's local date and minute ("—" when unknown)."""
    if not iso:
        return "—"
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def clock(t_ms: int) -> str:
    seconds = max(t_ms, 0) // 1000
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def format_event(event: Event) -> str:
    """A short human line; unknown or future event types fall back to their fields."""
    d = event.to_dict()
    kind = d["type"]
    head = f"[{clock(event.t_ms)}] "
    if kind == "utterance":
        if not d.get("final", True):
            return ""
        return head + f"{_SPEAKER.get(d['speaker'], d['speaker'])}: {d['text']}"
    body = {
        "stage": lambda: f"STAGE    → {d['stage']} {d.get('label') or ''}".rstrip()
        + (f"  (next: {d['next_step_label'] or d['next_step']})" if d.get("next_step") else ""),
        "step_done": lambda: f"STEP     ✓ {d['stage']}/{d['step']} {d.get('label') or ''}".rstrip(),
        "violation": lambda: f"VIOLATION {d['severity'].upper()} {d['category']} [{d['rule_id']}] "
        f"{d['status']}: «{d['matched']}» — {d['reason']}",
        "disclosure": lambda: f"DISCLOSED {d['category']}",
        "missing_disclosure": lambda: "MISSING  ! " + ", ".join(d["missing"]),
        "signal": lambda: f"SIGNAL   {d['signal']} ({d['score']:.2f})",
        "suggestion": lambda: f"SUGGEST  {d['item_id']} ({d['score']:.2f}): {d['text'][:60]}",
        "fact": lambda: f"FACT     {d['item_id']}: {d.get('title') or d['text'][:60]}",
        "profile": lambda: f"PROFILE  {d['field']} = {d['value']}",
        "outcome": lambda: f"OUTCOME  {d['outcome']} {d.get('notes') or ''}".rstrip(),
        "notice": lambda: f"NOTICE   {d['message']}",
        "error": lambda: f"ERROR    {d['message']}",
    }.get(kind)
    if body is None:
        return head + f"{kind.upper()} {d}"
    return head + "  " + body()
