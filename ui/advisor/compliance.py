"""Compliance: a banner that appears the moment a violation (or a missing disclosure) is reported
and stays until the advisor acknowledges it, plus the list of the call's warnings.

Severity ids are the KB's: `block` (red), `warn` (amber), `info` (blue). A violation raised on a
partial and withdrawn on the final leaves the banner; a confirmed one stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from copilot.events import MissingDisclosureEvent, ViolationEvent
from copilot.timeline import clock
from ui.common.i18n import Retranslating
from ui.common.labels import label
from ui.common.theme import color, theme_notifier
from ui.common.widgets import WrapLabel

SEVERITY_ORDER = {"block": 0, "warn": 1, "info": 2}


@dataclass
class Alert:
    """One thing the advisor must see: a violation or a set of missing disclosures."""

    key: str
    kind: str  # violation | missing
    severity: str
    t_ms: int
    category: str = ""
    matched: str = ""
    reason: str = ""
    article: str = ""
    suggestion: str = ""
    status: str = "confirmed"  # raised | confirmed | withdrawn; `resolved` once all missing are said
    missing: tuple[str, ...] = ()  # still unsaid
    said_later: tuple[str, ...] = ()  # missing at the time, said since
    acknowledged: bool = False

    @classmethod
    def of_violation(cls, e: ViolationEvent) -> Alert:
        return cls(
            key=f"v:{e.utterance_id}:{e.rule_id}",
            kind="violation",
            severity=e.severity if e.severity in SEVERITY_ORDER else "warn",
            t_ms=e.t_ms,
            category=e.category,
            matched=e.matched or e.text,
            reason=e.reason,
            article=e.article,
            suggestion=e.suggestion,
            status=e.status,
        )

    @classmethod
    def of_missing(
        cls, e: MissingDisclosureEvent, hints: dict[str, str], reasons: dict[str, str] | None = None
    ) -> Alert:
        """`hints` and `reasons` per category come from the KB's disclosure rules."""
        first = next((hints[c] for c in e.missing if hints.get(c)), "")
        why = "；".join(r for r in ((reasons or {}).get(c, "") for c in e.missing) if r)
        return cls(
            key=f"m:{e.trigger}:{','.join(e.missing)}",
            kind="missing",
            severity="block",
            t_ms=e.t_ms,
            reason=why or e.message,
            suggestion=first,
            missing=tuple(e.missing),
        )


class ComplianceBanner(Retranslating, QFrame):
    """Shows the most severe unacknowledged alert; `acknowledge()` moves to the next one."""

    acknowledged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ComplianceBanner")
        self.alerts: dict[str, Alert] = {}
        self.shown: Alert | None = None
        self.title = QLabel(objectName="BannerTitle")
        self.title.setWordWrap(True)
        self.more = QLabel(objectName="Muted")
        self.ack = QPushButton()
        self.ack.clicked.connect(self.acknowledge)
        self.reason = WrapLabel()
        self.article = WrapLabel()
        self.article.setObjectName("Muted")
        self.suggestion = WrapLabel()
        self.suggestion.setObjectName("BannerSuggestion")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.more)
        head.addWidget(self.ack, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addWidget(self.reason)
        layout.addWidget(self.article)
        layout.addWidget(self.suggestion)
        self.hide()
        self.retranslate()

    def pending(self) -> list[Alert]:
        open_ = [a for a in self.alerts.values()
                 if not a.acknowledged and a.status not in ("withdrawn", "resolved")]
        return sorted(open_, key=lambda a: (SEVERITY_ORDER.get(a.severity, 1), -a.t_ms))

    def add(self, alert: Alert) -> None:
        old = self.alerts.get(alert.key)
        if old is not None:
            alert.acknowledged = old.acknowledged and alert.status == old.status
        self.alerts[alert.key] = alert

    def disclosed(self, category: str) -> bool:
        """A disclosure said after it was reported missing: the alert shrinks, and goes once
        nothing is left to say. True when an alert changed."""
        changed = False
        for alert in self.alerts.values():
            if alert.kind == "missing" and category in alert.missing:
                alert.missing = tuple(c for c in alert.missing if c != category)
                alert.said_later = (*alert.said_later, category)
                alert.status = "resolved" if not alert.missing else alert.status
                changed = True
        return changed

    def acknowledge(self) -> None:
        if self.shown is not None:
            self.shown.acknowledged = True
            self.acknowledged.emit(self.shown.key)
        self.render()

    def clear(self) -> None:
        self.alerts.clear()
        self.render()

    def retranslate(self) -> None:
        self.ack.setText(self.tr("Got it (Ctrl+K)"))
        self.ack.setToolTip(self.tr("Acknowledge this warning"))
        self.render()

    def render(self) -> None:
        pending = self.pending()
        self.shown = pending[0] if pending else None
        if self.shown is None:
            self.hide()
            return
        a = self.shown
        self.setProperty("severity", a.severity)
        self.style().unpolish(self)
        self.style().polish(self)
        for child in (self.title, self.suggestion):
            child.style().unpolish(child)
            child.style().polish(child)
        if a.kind == "missing":
            names = "、".join(label(c) for c in a.missing)
            self.title.setText(self.tr("⚠ Disclosures still missing: %1").replace("%1", names))
            self.reason.setText(a.reason)
            self.article.setText("")
        else:
            head = f"⚠ {label(a.severity)} · {label(a.category)}"
            if a.status == "raised":
                head += self.tr(" (checking…)")
            self.title.setText(head)
            quote = f"「{a.matched}」 " if a.matched else ""
            self.reason.setText(quote + a.reason)
            self.article.setText(self.tr("Rule: %1").replace("%1", a.article) if a.article else "")
        self.reason.setVisible(bool(self.reason.text()))
        self.article.setVisible(bool(self.article.text()))
        self.suggestion.setText(
            self.tr("Say instead: %1").replace("%1", a.suggestion) if a.suggestion else ""
        )
        self.suggestion.setVisible(bool(a.suggestion))
        others = len(pending) - 1
        self.more.setText(self.tr("+%1 more").replace("%1", str(others)) if others else "")
        self.show()


class WarningList(Retranslating, QListWidget):
    """Every alert of the call, newest first; acknowledged ones greyed, withdrawn struck out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.alerts: list[Alert] = []
        theme_notifier().changed.connect(self.theme_changed)

    def theme_changed(self, _name: str) -> None:
        self.render()

    def set_alerts(self, alerts: list[Alert]) -> None:
        self.alerts = sorted(alerts, key=lambda a: -a.t_ms)
        self.render()

    def retranslate(self) -> None:
        self.render()

    def render(self) -> None:
        self.clear()
        for a in self.alerts:
            if a.kind == "missing":
                names = "、".join(label(c) for c in a.missing)
                later = "、".join(label(c) for c in a.said_later)
                if not a.missing:
                    text = f"[{clock(a.t_ms)}] " + self.tr("Said late: %1").replace("%1", later)
                else:
                    text = f"[{clock(a.t_ms)}] " + self.tr("Missing: %1").replace("%1", names)
                    if later:
                        text += " " + self.tr("(said later: %1)").replace("%1", later)
            else:
                text = f"[{clock(a.t_ms)}] {label(a.severity)} · {label(a.category)}"
                if a.matched:
                    text += f" 「{a.matched}」"
            item = QListWidgetItem(text)
            item.setToolTip("\n".join(t for t in (a.reason, a.article, a.suggestion) if t))
            item.setData(Qt.ItemDataRole.UserRole, a.key)
            font = QFont(self.font())
            if a.status in ("withdrawn", "resolved"):
                font.setStrikeOut(a.status == "withdrawn")
                item.setForeground(QBrush(color("muted")))
            elif a.acknowledged:
                item.setForeground(QBrush(color("muted")))
            else:
                item.setForeground(QBrush(color(a.severity if a.severity in SEVERITY_ORDER else "warn")))
                font.setBold(True)
            item.setFont(font)
            self.addItem(item)
