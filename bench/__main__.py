"""`make bench`: run every benchmark module in this folder (each has `main()`), or those named.

    python -m bench                 # all
    python -m bench retrieval store # some
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main(names: list[str]) -> int:
    here = Path(__file__).parent
    modules = sorted(
        m.name
        for m in pkgutil.iter_modules([str(here)])
        if m.name.startswith("bench_")
    )
    chosen = [m for m in modules if not names or m.removeprefix("bench_") in names]
    failures = 0
    for name in chosen:
        print(f"\n=== {name} ===", flush=True)
        t0 = time.perf_counter()
        try:
            importlib.import_module(f"bench.{name}").main()
        except Exception as exc:  # a broken benchmark must not hide the others' numbers
            failures += 1
            print(f"{name} FAILED: {type(exc).__name__}: {exc}", flush=True)
        print(f"({name} took {time.perf_counter() - t0:.1f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
