"""`python -m bench.eval_advice` end to end on demo-zh: what the advisor is shown for the KB's
labelled customer questions, with the real analyzers and the real search."""

from __future__ import annotations

import re

import pytest

from bench.eval_advice import main


@pytest.mark.slow
def test_advice_eval_prints_help_and_noise_next_to_the_search_baseline(demo_kb_dir, capsys):
    assert main(["--kb", str(demo_kb_dir)]) == 0
    out = capsys.readouterr().out
    rows = {m.group(1).strip(): [float(x) for x in m.group(2, 3, 4, 6)]
            for m in re.finditer(r"^  (analyzers|baseline: search top-1)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)"
                                 r"\s+(\d+)\s+([\d.]+)$", out, re.M)}
    assert set(rows) == {"analyzers", "baseline: search top-1"}
    shown, relevant, first, noise = rows["analyzers"]
    base_shown, base_relevant, _, base_noise = rows["baseline: search top-1"]
    assert base_shown == 1.0 and relevant <= shown <= 1.0 and first <= relevant
    # the analyzers hold back on lines with no signal, yet show most of what the search finds
    assert noise < base_noise / 2 and relevant >= 0.8 * base_relevant
