"""Process navigator: the SOP's stages with the current one highlighted, steps ticked as the
advisor does them, the next expected step in words, and the required disclosures as a checklist
that turns red when closing approaches with items still open.

The stages and disclosures come from the knowledge base; stages the KB does not list (or events
arriving before the KB is loaded) are added as they come.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from copilot.events import DisclosureEvent, MissingDisclosureEvent, StageEvent, StepDoneEvent
from ui.common.i18n import Retranslating
from ui.common.labels import label
from ui.common.theme import color, theme_notifier
from ui.common.widgets import WrapLabel, column

DONE, OPEN = "✓", "○"


@dataclass
class Disclosure:
    category: str
    hint: str = ""  # the KB's suggested wording
    reason: str = ""
    before_stage: str = ""
    applies_to: tuple[str, ...] = ()  # product families or types; empty: every call
    done: bool = False
    missing: bool = False  # the engine reported it missing at a trigger (closing, agreement)


@dataclass
class NavigatorState:
    """What the navigator shows, kept apart from the widgets so a retranslation is a redraw."""

    stages: list[tuple[str, str]] = field(default_factory=list)  # (id, label)
    steps: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)  # id, label, req
    done_steps: set[tuple[str, str]] = field(default_factory=set)
    current: str = ""
    next_step: str = ""
    disclosures: dict[str, Disclosure] = field(default_factory=dict)

    def stage_index(self, stage_id: str) -> int:
        ids = [s for s, _ in self.stages]
        return ids.index(stage_id) if stage_id in ids else -1

    def at_risk(self, item: Disclosure) -> bool:
        """Open and the call is one stage (or less) before the stage it must precede."""
        if item.done:
            return False
        if item.missing:
            return True
        if item.applies_to:
            return False  # depends on the product: only the engine's missing report counts
        current = self.stage_index(self.current)
        if current < 0 or not self.stages:
            return False
        deadline = self.stage_index(item.before_stage) if item.before_stage else -1
        if deadline < 0:
            deadline = max(0, len(self.stages) - 2)  # default: before the last two stages
        return current >= deadline - 1


def state_from_kb(kb) -> NavigatorState:
    state = NavigatorState()
    sop = getattr(kb, "sop", None)
    if sop is not None:
        for stage in sop.stages:
            state.stages.append((stage.id, stage.label or stage.id))
            state.steps[stage.id] = [(s.id, s.label or s.id, s.required) for s in stage.steps]
    for rule in getattr(kb, "rules", []):
        if rule.kind == "disclosure" and rule.category not in state.disclosures:
            state.disclosures[rule.category] = Disclosure(
                rule.category, rule.suggestion, rule.reason, rule.before_stage,
                tuple(rule.applies_to),
            )
    return state


class ProcessNavigator(Retranslating, QWidget):
    """Stages tree, next-step line and disclosure checklist in one column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = NavigatorState()
        self.title = QLabel(objectName="SectionTitle")
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(14)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.next_label = WrapLabel()
        self.next_label.setObjectName("NextStep")
        self.disclosure_title = QLabel(objectName="SectionTitle")
        self.checklist = QListWidget()
        self.checklist.setWordWrap(True)
        top, bottom = QWidget(), QWidget()
        column(top, self.title, self.tree, self.next_label, grow=self.tree)
        column(bottom, self.disclosure_title, self.checklist, grow=self.checklist)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("NavigatorSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        column(self, self.splitter)
        theme_notifier().changed.connect(self.theme_changed)
        self.retranslate()

    def theme_changed(self, _name: str) -> None:
        self.render()

    # inputs
    def load_kb(self, kb) -> None:
        fresh = state_from_kb(kb)
        fresh.done_steps, fresh.current, fresh.next_step = (
            self.state.done_steps,
            self.state.current,
            self.state.next_step,
        )
        for category, item in self.state.disclosures.items():
            if category in fresh.disclosures:
                fresh.disclosures[category].done = item.done
                fresh.disclosures[category].missing = item.missing
            else:
                fresh.disclosures[category] = item
        self.state = fresh
        self.render()

    def reset(self) -> None:
        """A new call: nothing done yet, same SOP."""
        self.state.done_steps.clear()
        self.state.current = ""
        self.state.next_step = ""
        for item in self.state.disclosures.values():
            item.done = item.missing = False
        self.render()

    def apply(self, events: list) -> None:
        for event in events:
            if isinstance(event, StageEvent):
                self._ensure_stage(event.stage, event.label)
                self.state.current = event.stage
                self.state.next_step = event.next_step_label or event.next_step or ""
            elif isinstance(event, StepDoneEvent):
                self._ensure_stage(event.stage, "")
                self._ensure_step(event.stage, event.step, event.label, event.required)
                self.state.done_steps.add((event.stage, event.step))
                self.state.next_step = event.next_step_label or event.next_step or ""
            elif isinstance(event, DisclosureEvent):
                item = self._disclosure(event.category)
                item.done, item.missing = True, False
            elif isinstance(event, MissingDisclosureEvent):
                for category in event.missing:
                    item = self._disclosure(category)
                    item.missing = not item.done
        self.render()

    def at_risk(self) -> list[str]:
        return [c for c, d in self.state.disclosures.items() if self.state.at_risk(d)]

    def _ensure_stage(self, stage_id: str, stage_label: str) -> None:
        if self.state.stage_index(stage_id) < 0:
            self.state.stages.append((stage_id, stage_label or stage_id))
            self.state.steps.setdefault(stage_id, [])

    def _ensure_step(self, stage_id: str, step_id: str, step_label: str, required: bool) -> None:
        steps = self.state.steps.setdefault(stage_id, [])
        if all(s[0] != step_id for s in steps):
            steps.append((step_id, step_label or step_id, required))

    def _disclosure(self, category: str) -> Disclosure:
        return self.state.disclosures.setdefault(category, Disclosure(category))

    # drawing
    def retranslate(self) -> None:
        self.title.setText(self.tr("Call process"))
        self.disclosure_title.setText(self.tr("Required disclosures"))
        self.render()

    def render(self) -> None:
        self._render_tree()
        nxt = self.state.next_step
        self.next_label.setText(self.tr("Next: %1").replace("%1", nxt) if nxt else "")
        self.next_label.setVisible(bool(nxt))
        self._render_checklist()

    def _render_tree(self) -> None:
        self.tree.clear()
        current_index = self.state.stage_index(self.state.current)
        for index, (stage_id, stage_label) in enumerate(self.state.stages):
            item = QTreeWidgetItem([stage_label])
            item.setData(0, Qt.ItemDataRole.UserRole, stage_id)
            font = QFont(self.tree.font())
            if stage_id == self.state.current:
                font.setBold(True)
                item.setText(0, f"▶ {stage_label}")
                item.setBackground(0, QBrush(color("info_bg")))
                item.setForeground(0, QBrush(color("accent")))
            elif 0 <= index < current_index:
                item.setForeground(0, QBrush(color("muted")))
            item.setFont(0, font)
            for step_id, step_label, required in self.state.steps.get(stage_id, []):
                done = (stage_id, step_id) in self.state.done_steps
                mark = DONE if done else OPEN
                child = QTreeWidgetItem([f"{mark} {step_label}{' *' if required else ''}"])
                child.setData(0, Qt.ItemDataRole.UserRole, step_id)
                child.setForeground(0, QBrush(color("ok" if done else "muted")))
                if required and not done:
                    child.setToolTip(0, self.tr("Required step"))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(stage_id == self.state.current or index == current_index + 1)
        current = self._current_item()
        if current is not None:
            self.tree.scrollToItem(current)

    def _current_item(self) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == self.state.current:
                return item
        return None

    def _render_checklist(self) -> None:
        self.checklist.clear()
        for category, item in self.state.disclosures.items():
            risk = self.state.at_risk(item)
            mark = "☑" if item.done else ("⚠" if risk else "☐")
            text = f"{mark} {label(category)}"
            if item.applies_to:
                text += " " + self.tr("(%1 only)").replace("%1", "/".join(label(a) for a in item.applies_to))
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, category)
            say = item.hint and self.tr("Say: %1").replace("%1", item.hint)
            tip = [t for t in (item.reason, say) if t]
            row.setToolTip("\n".join(tip))
            key = "ok" if item.done else ("block" if risk else "muted" if item.applies_to else "text")
            row.setForeground(QBrush(color(key)))
            if risk:
                row.setBackground(QBrush(color("block_bg")))
                font = QFont(self.checklist.font())
                font.setBold(True)
                row.setFont(font)
            self.checklist.addItem(row)
