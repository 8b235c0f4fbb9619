"""Refresh and compile the UI translations: `python -m ui.i18n.build`.

`pyside6-lupdate` collects every `tr()` / `QT_TRANSLATE_NOOP` string of a window's modules into its
`.ts` file (translators edit those, e.g. with `pyside6-linguist`); `pyside6-lrelease` compiles them
to the `.qm` files the windows load (ui/common/i18n.py). Other windows add a line to CATALOGUES.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
UI = HERE.parent
CATALOGUES: dict[str, list[str]] = {
    "advisor": ["advisor", "common"],  # catalogue name -> ui packages whose strings it holds
    "workbench": ["workbench"],
}
LOCALES = ("zh_CN",)


def tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv), else one on PATH."""
    local = Path(sys.executable).parent / f"pyside6-{name}"
    if local.exists():
        return str(local)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        raise SystemExit(f"pyside6-{name} not found; install PySide6 (pip install PySide6-Essentials)")
    return found


def build(update: bool = True) -> list[Path]:
    outputs = []
    for name, packages in CATALOGUES.items():
        sources = sorted(str(p) for pkg in packages for p in (UI / pkg).glob("*.py"))
        for locale in LOCALES:
            ts = HERE / f"{name}_{locale}.ts"
            if update:
                subprocess.run([tool("lupdate"), *sources, "-ts", str(ts), "-no-obsolete",
                                "-locations", "none"], check=True)
            qm = ts.with_suffix(".qm")
            subprocess.run([tool("lrelease"), str(ts), "-qm", str(qm)], check=True)
            outputs.append(qm)
    return outputs


if __name__ == "__main__":
    for path in build(update="--no-update" not in sys.argv):
        print(path)
