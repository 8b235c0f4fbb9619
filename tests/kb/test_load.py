"""Loading real KBs: the bundled ones validate, objects know their source line, the hash tracks content."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from copilot.cli import main as cli_main
from copilot.kb import load_kb, validate_kb
from copilot.kb.vocabulary import domain_ids


@pytest.mark.parametrize("name", ["demo-zh", "demo-en"])
def test_bundled_kbs_have_no_errors(repo_root, name) -> None:
    problems = validate_kb(repo_root / "knowledge" / name)
    assert [str(p) for p in problems if p.is_error] == []


def test_demo_en_uses_every_domain_signal_and_stage(demo_en_kb_dir) -> None:
    kb = load_kb(demo_en_kb_dir)
    handled = {signal for script in kb.scripts for signal in script.handles}
    assert handled >= set(domain_ids()["signals"])
    assert [stage.id for stage in kb.sop.stages] == list(domain_ids()["stages"])


def test_facts_know_their_product_and_source_line(demo_en_kb_dir) -> None:
    kb = load_kb(demo_en_kb_dir)
    fact = next(f for f in kb.facts if f.id == "future_saver.surrender")
    assert fact.product == "future_saver"
    lines = (demo_en_kb_dir / fact.source.file).read_text(encoding="utf-8").splitlines()
    assert lines[fact.source.line - 1].strip() == "- id: future_saver.surrender"
    item = kb.item("future_saver.surrender")
    assert item.kind == "fact" and item.product == "future_saver"
    assert "can I get out after three years without losing anything" in item.examples
    assert item.source == fact.source
    assert kb.product("future_saver").family == "savings"
    assert kb.item("nope") is None and kb.product("nope") is None


def test_items_are_facts_then_scripts_with_unique_ids(demo_en_kb_dir) -> None:
    kb = load_kb(demo_en_kb_dir)
    items = kb.items()
    assert len(items) == len(kb.facts) + len(kb.scripts) + len(kb.bulk)
    assert len({i.id for i in items}) == len(items)
    assert {i.kind for i in items} == {"fact", "script"}


def test_content_hash_is_stable_and_follows_edits(demo_en_kb_dir, tmp_path) -> None:
    copy = tmp_path / "kb"
    shutil.copytree(demo_en_kb_dir, copy)
    first = load_kb(copy).content_hash
    assert load_kb(copy).content_hash == first == load_kb(demo_en_kb_dir).content_hash
    (copy / "eval" / "queries.jsonl").write_text("", encoding="utf-8")
    assert load_kb(copy).content_hash == first, "labelled queries are not KB content"
    script = copy / "scripts" / "closing.yaml"
    script.write_text(script.read_text(encoding="utf-8").replace("within a day", "within two days"),
                      encoding="utf-8")
    assert load_kb(copy).content_hash != first


def test_cli_validate_exit_codes_and_summary(tiny_kb, capsys) -> None:
    assert cli_main(["kb", "validate", str(tiny_kb.root)]) == 0
    assert "OK (1 products, 1 facts, 1 scripts" in capsys.readouterr().out
    tiny_kb.write("bulk/x.jsonl", '{"id": "b1", "kind": "fact", "text": "x", "extra": 1}\n')
    assert cli_main(["kb", "validate", str(tiny_kb.root)]) == 0
    out = capsys.readouterr().out
    assert f"{tiny_kb.root / 'bulk/x.jsonl'}:1: warning: unknown field(s) extra" in out
    tiny_kb.write("scripts/bad.yaml", "scripts:\n  - id: s9\n    text: x\n    stage: nowhere\n")
    assert cli_main(["kb", "validate", str(tiny_kb.root)]) == 1
    out = capsys.readouterr().out
    assert f"{tiny_kb.root / 'scripts/bad.yaml'}:4: error: unknown stage 'nowhere'" in out
    assert out.rstrip().endswith("1 error(s), 1 warning(s)")


def test_cli_load_error_is_one_message_not_a_traceback(tiny_kb) -> None:
    tiny_kb.write("scripts/bad.yaml", "scripts:\n  - id: s9\n    text: x\n    stage: nowhere\n")
    run = subprocess.run(
        [sys.executable, "-c", "from copilot.cli import main; raise SystemExit(main())",
         "kb", "search", str(tiny_kb.root), "太贵"],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert f"{tiny_kb.root / 'scripts/bad.yaml'}:4: unknown stage 'nowhere'" in run.stderr
