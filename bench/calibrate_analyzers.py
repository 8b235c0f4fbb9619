"""Threshold calibration for the analyzers' similarity matching (`eval_analyzers --calibrate`).

For each kind (violations, disclosures, signals, stage steps), sweeps its lexical threshold
over the labelled utterances of tests/data, choosing on the even-numbered rows and reporting the
odd-numbered rows as a held-out check, so the defaults in copilot/analyzers/config.py come from
data and their generalisation is visible.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

KNOBS = [
    ("violations", "lexical_violation"),
    ("violations", "model_violation"),
    ("disclosures", "lexical_disclosure"),
    ("signals", "lexical_signal"),
    ("signals", "model_signal"),
]
GRID = [round(x, 2) for x in np.arange(0.20, 0.91, 0.05)]


def calibrate(kb, config, rows, calls, only: str | None = None) -> None:
    from bench.eval_analyzers import Predictor, score_utterances

    tune = rows[0::2]
    held = rows[1::2]
    print(f"calibrating on {len(tune)} utterances, checking on {len(held)} held out")
    for kind, knob in KNOBS:
        if only and only not in knob:
            continue
        print(f"\n{kind} ({knob}; current {getattr(config.thresholds, knob)})")
        print(f"  {'value':>6}  {'P':>5} {'R':>5} {'F1':>5}   held-out {'P':>5} {'R':>5} {'F1':>5}")
        best = None
        for value in GRID:
            cfg = replace(config, thresholds=replace(config.thresholds, **{knob: value}))
            predictor = Predictor(kb, cfg)
            p, r, f, _ = score_utterances(tune, predictor.utterance).prf(kind)
            hp, hr, hf, _ = score_utterances(held, predictor.utterance).prf(kind)
            print(f"  {value:6.2f}  {p:5.2f} {r:5.2f} {f:5.2f}            {hp:5.2f} {hr:5.2f} {hf:5.2f}")
            if best is None or f > best[1]:
                best = (value, f)
        print(f"  best on tuning half: {best[0]} (F1 {best[1]:.2f})")
