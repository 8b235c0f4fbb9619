"""Workbench responsiveness on the demo KB: what a trainer waits for after each keystroke.

Measured in the same run, with baselines: opening the KB for editing (ruamel round-trip) against a
plain PyYAML read; the live check after an edit (shadow write + the validator + rule tests)
against `validate_kb` on the saved folder; a Try-it run reusing the analyzers built for this KB
(deep copy) against building them from scratch, which is what every run would cost otherwise.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from statistics import median

from copilot import paths


def _time(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return median(runs)


def main() -> None:
    import yaml

    from copilot.analyzers import build_analyzers
    from copilot.curation import trial
    from copilot.curation.dialogue import parse_dialogue
    from copilot.curation.ruletests import check_workspace
    from copilot.curation.workspace import KbWorkspace
    from copilot.kb import load_kb, validate_kb
    from copilot.settings import load_settings

    work = Path(tempfile.mkdtemp(prefix="bench-curation-"))
    kb_dir = work / "demo-zh"
    shutil.copytree(paths.bundled_kb(), kb_dir)
    files = sorted(kb_dir.rglob("*.yaml"))
    try:
        plain = _time(lambda: [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files])
        opening = _time(lambda: KbWorkspace(kb_dir))
        print(f"open KB for editing: {opening * 1000:.0f} ms  (PyYAML read {plain * 1000:.0f} ms,"
              f" ×{opening / plain:.1f})")

        ws = KbWorkspace(kb_dir)
        entry = ws.find("price_daily_cost", "script")
        examples = ws.data(entry)["examples"]
        counter = iter(range(10**6))

        def edit_and_check():
            ws.set_field(entry, "examples", [*examples, f"太贵了{next(counter)}"])
            ws.check()
            check_workspace(ws)

        live = _time(edit_and_check, 5)
        saved = _time(lambda: validate_kb(kb_dir), 5)
        print(f"live check after an edit: {live * 1000:.0f} ms  (validate_kb on disk "
              f"{saved * 1000:.0f} ms, ×{live / saved:.1f})")

        settings = load_settings(kb_dir=kb_dir)
        kb = load_kb(kb_dir)
        utterances = parse_dialogue("客户: 太贵了，我买不起\n坐席: 这个产品保本保息")
        cold = _time(lambda: build_analyzers(kb, settings), 1)
        trial.run_dialogue(kb, utterances, settings)  # builds the template once
        warm = _time(lambda: trial.run_dialogue(kb, utterances, settings), 5)
        print(f"Try it (2 lines), analyzers reused: {warm * 1000:.0f} ms  (building them: "
              f"{cold * 1000:.0f} ms, reuse is ×{cold / warm:.0f} faster)")
        ws.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
