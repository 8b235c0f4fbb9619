"""A negation cue that is not a valid regex is a file:line error, not a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from copilot.kb import validate_kb


def test_bad_negation_cue_is_reported_on_kb_yaml(tmp_path: Path, demo_en_kb_dir: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(demo_en_kb_dir, kb)
    meta = kb / "kb.yaml"
    meta.write_text(meta.read_text("utf-8").replace("negation_cues: [", 'negation_cues: ["(x", '), "utf-8")
    problems = [str(p) for p in validate_kb(kb) if p.severity == "error"]
    assert any("kb.yaml:" in p and "negation cue 1 '(x' is not a valid regex" in p for p in problems)


def test_side_files_are_part_of_the_content_hash(tmp_path: Path, demo_en_kb_dir: Path) -> None:
    from copilot.kb import load_kb

    kb = tmp_path / "kb"
    shutil.copytree(demo_en_kb_dir, kb)
    before = load_kb(kb).content_hash
    (kb / "analyzers.yaml").write_text("thresholds: {}\n", "utf-8")
    assert load_kb(kb).content_hash != before
