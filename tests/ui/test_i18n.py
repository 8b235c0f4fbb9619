"""Every string the advisor window shows is in the Chinese catalogue, translated, and compiled."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from ui.i18n.build import CATALOGUES, HERE, UI, tool


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name"), msg.findtext("source")): msg.find("translation")
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


def test_every_source_string_is_in_the_catalogue_and_translated(tmp_path):
    sources = sorted(str(p) for pkg in CATALOGUES["advisor"] for p in (UI / pkg).glob("*.py"))
    fresh = tmp_path / "fresh_zh_CN.ts"
    subprocess.run([tool("lupdate"), *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)
    committed = messages(HERE / "advisor_zh_CN.ts")
    missing = set(messages(fresh)) - set(committed)
    assert not missing, f"run `python -m ui.i18n.build` and translate: {sorted(missing)}"
    untranslated = [key for key, tr in committed.items()
                    if tr.get("type") == "unfinished" or not (tr.text or len(tr))]
    assert not untranslated, untranslated


def test_compiled_catalogue_matches_its_source(tmp_path):
    qm = tmp_path / "advisor_zh_CN.qm"
    subprocess.run([tool("lrelease"), str(HERE / "advisor_zh_CN.ts"), "-qm", str(qm)],
                   check=True, capture_output=True)
    assert qm.read_bytes() == (HERE / "advisor_zh_CN.qm").read_bytes(), (
        "compile with `python -m ui.i18n.build --no-update`"
    )
