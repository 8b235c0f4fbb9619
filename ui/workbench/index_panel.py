"""Rebuilding the search index from the workbench, with a progress bar and the items that changed
since the last build (so trainers know whether a rebuild is due and what it will pick up).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from copilot.curation.builds import (
    BuildReport,
    build_index,
    changes_since,
    fingerprints,
    last_build,
    record_build,
)
from ui.workbench.jobs import JobRunner


class IndexPanel(QWidget):
    def __init__(self, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.kb = None
        self.kb_root = None
        self.rebuild = QPushButton(self.tr("Rebuild index"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 3)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.since = QLabel()
        self.changes = QListWidget()
        top = QHBoxLayout()
        top.addWidget(self.rebuild)
        top.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.since)
        layout.addWidget(self.changes, 1)
        self.runner = JobRunner(self)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._built)
        self.runner.failed.connect(self._failed)
        self.rebuild.clicked.connect(self.start)

    def set_kb(self, kb, root) -> None:
        self.kb, self.kb_root = kb, root
        self.rebuild.setEnabled(kb is not None and not self.runner.running)

    def refresh_changes(self) -> None:
        """Items added, changed or removed since the last build (of this KB id)."""
        if self.kb is None or self.kb_root is None:
            return
        previous = last_build(self.kb.meta.id)
        self.changes.clear()
        if previous is None:
            self.since.setText(self.tr("Never built from the workbench: every item is new."))
            return
        built_at, before = previous
        found = changes_since(before, fingerprints(self.kb_root))
        total = sum(len(v) for v in found.values())
        self.since.setText(self.tr("Since the build of {0}: {1} added, {2} changed, {3} removed")
                           .format(built_at, len(found["added"]), len(found["changed"]),
                                   len(found["removed"])))
        for mark, name in (("+", "added"), ("~", "changed"), ("-", "removed")):
            for key in found[name]:
                self.changes.addItem(f"{mark} {key}")
        if not total:
            self.changes.addItem(self.tr("(nothing changed: the index is up to date)"))

    def start(self) -> None:
        if self.kb is None:
            return
        kb, root, settings = self.kb, self.kb_root, self.settings
        self.rebuild.setEnabled(False)
        self.progress.setRange(0, 3)
        self.progress.setValue(0)

        def job(progress):
            report = build_index(kb, settings, progress)
            record_build(kb.meta.id, fingerprints(root))
            return report

        self.runner.start(job, with_progress=True)

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(what)

    def _built(self, report: BuildReport) -> None:
        self.rebuild.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        dense = self.tr("lexical + dense") if report.dense else self.tr("lexical only")
        self.status.setText(self.tr("Built {0} rows ({1}, {2} newly embedded) in {3:.2f} s. {4}")
                            .format(report.rows, dense, report.embedded, report.seconds,
                                    report.notice))
        self.refresh_changes()

    def _failed(self, message: str) -> None:
        self.rebuild.setEnabled(True)
        self.status.setText(self.tr("Build failed: ") + message)
