"""Application fonts: a CJK-capable family first (WenQuanYi Micro Hei from the setup, or the
platform's own), sizes in points so they scale with the screen's DPI.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
)
BASE_POINT_SIZE = 10


def prepare_high_dpi() -> None:
    """Call before the QApplication exists: fractional scale factors stay exact (150 % screens)."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )


def cjk_families() -> list[str]:
    installed = set(QFontDatabase.families())
    found = [f for f in CJK_FAMILIES if f in installed]
    return found or list(CJK_FAMILIES[:1])


def app_font(point_size: int = BASE_POINT_SIZE) -> QFont:
    font = QFont()
    font.setFamilies([*cjk_families(), "sans-serif"])
    font.setPointSize(point_size)
    return font


def mono_font() -> QFont:
    """The system's fixed-width font (regexes, diffs)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def scaled(font: QFont, factor: float, bold: bool | None = None) -> QFont:
    """A copy of `font` `factor` times larger (headers, transcript text)."""
    out = QFont(font)
    out.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    if bold is not None:
        out.setBold(bold)
    return out
