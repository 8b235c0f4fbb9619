"""Qt translations for every window: Simplified Chinese by default, English selectable at runtime.

Source strings are English (Qt's convention); `ui/i18n/*_zh_CN.qm` hold the Chinese. Every window's
compiled catalogue in `ui/i18n/` is installed, so other windows only add their own `.ts` file.
Switching language installs or removes translators; Qt then sends `LanguageChange` to every widget.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
LANGUAGES = {"zh": "zh_CN", "en": "en"}
DEFAULT_LANGUAGE = "zh"

_installed: list[QTranslator] = []


def normalize_language(value: str | None) -> str:
    """Map user input (zh, zh_CN, zh-cn, en, en_US...) to a supported language code."""
    value = (value or DEFAULT_LANGUAGE).strip().lower().replace("-", "_")
    if value.startswith("zh"):
        return "zh"
    if value.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def catalogues(language: str) -> list[Path]:
    locale = LANGUAGES[normalize_language(language)]
    return sorted(I18N_DIR.glob(f"*_{locale}.qm"))


def set_language(language: str) -> str:
    """Install the translators for `language` (replacing the previous ones); returns its code."""
    app = QCoreApplication.instance()
    language = normalize_language(language)
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "en":
        locale = LANGUAGES[language]
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_base = QTranslator(app)
        if qt_base.load(f"qtbase_{locale}", qt_dir):
            _installed.append(qt_base)
        for path in catalogues(language):
            translator = QTranslator(app)
            if translator.load(str(path)):
                _installed.append(translator)
        for translator in _installed:
            app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return language


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class Retranslating:
    """Mixin for a widget that sets its texts in `retranslate()`: called again on every language
    switch. List it before the Qt class (`class Panel(Retranslating, QWidget)`)."""

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
