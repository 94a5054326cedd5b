"""Alignment health: the seeds' figures per level and the quality findings of the shown cycle."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.analytics.health import HealthReport, LevelHealth
from okrdesk.analytics.quality import Finding
from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from ..translation import QT_TR_NOOP, tr
from .fields import label
from .gauge import ShareGauge
from .health_attention import fill_attention
from .health_plan_score import PlanScoreSection
from .health_stale import KR_ROLE

ID_ROLE = Qt.ItemDataRole.UserRole
LEVEL_COLUMNS = (QT_TR_NOOP("Level"), QT_TR_NOOP("Objectives"), QT_TR_NOOP("Own"),
                 QT_TR_NOOP("Delegated"), QT_TR_NOOP("Key results"), QT_TR_NOOP("Own KRs"),
                 QT_TR_NOOP("Delegated KRs"), QT_TR_NOOP("From below"))
STACKED_BELOW = 1000  # pixels wide: narrower, the four parts are stacked
STACKED_ROWS = 4  # rows each list keeps when stacked; the panel scrolls rather than squeeze them
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
FIGURES_AT_ONCE = 3000  # objectives: a larger plan's figures are worked out once it is drawn


def level_cells(level: LevelHealth) -> tuple[str, ...]:
    def part(count: int, share: float) -> str:
        return f"{count} ({share:.0%})" if count else "0"

    return (level.name, str(level.objectives),
            part(level.own_objectives, level.own_objective_share),
            part(level.delegated_objectives, level.delegated_objective_share),
            str(level.key_results),
            part(level.own_key_results, level.own_key_result_share),
            part(level.delegated_key_results, level.delegated_key_result_share),
            part(level.aligned_key_results, level.aligned_key_result_share))


def quality_findings(document: PlanDocument) -> list[Finding]:
    return document.analytics.findings(document.cycle_id or None)


class HealthPanel(QWidget):
    """Side by side: the figures and the plan score, what needs attention (orphans, skip-level
    links, stale key results), the levels' table, the findings; stacked in a narrow column.

    Choosing an orphan, a skip-level link or a finding emits `objective_chosen(id)` (a stale
    key result: of its objective, then the key result is chosen); the plan score's details
    link emits `plan_score_wanted()`.
    """

    objective_chosen = Signal(str)
    plan_score_wanted = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.report: HealthReport | None = None
        self.findings: list[Any] = []
        self.stale_count = 0  # key results of the shown cycle without a recent check-in
        self.summary = label("", self, "healthSummary", wrap=True)
        self.gauge = ShareGauge(self)
        self.plan_score = PlanScoreSection(document, self)
        self.plan_score.linkActivated.connect(lambda _link: self.plan_score_wanted.emit())
        self.levels = QTableWidget(0, len(LEVEL_COLUMNS), self)
        self.levels.setObjectName("levelTable")
        self.levels.setHorizontalHeaderLabels([tr(column) for column in LEVEL_COLUMNS])
        self.levels.verticalHeader().setVisible(False)
        self.levels.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.levels.setAlternatingRowColors(True)
        self.levels.verticalHeader().setDefaultSectionSize(22)
        self.functions = label("", self, "criticalFunctions", wrap=True)
        self.attention = QTreeWidget(self)
        self.attention.setObjectName("attentionList")
        self.attention.setHeaderLabels([self.tr("Needs alignment")])
        self.finding_list = QListWidget(self)
        self.finding_list.setObjectName("findingList")
        self.finding_list.setWordWrap(True)
        figures = self.figures = QWidget(self)
        figures_layout = self.figures_layout = QVBoxLayout(figures)
        figures_layout.setContentsMargins(4, 4, 4, 4)
        figures_layout.addWidget(self.summary)
        figures_layout.addWidget(self.gauge)
        figures_layout.addWidget(self.plan_score)
        figures_layout.addWidget(self.functions)
        figures_layout.addStretch(1)
        findings = QWidget(self)
        findings_layout = QVBoxLayout(findings)
        findings_layout.setContentsMargins(4, 4, 4, 4)
        findings_layout.addWidget(label(self.tr("Quality findings"), findings, "panelHeading"))
        findings_layout.addWidget(self.finding_list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(figures)
        splitter.addWidget(self.attention)  # a list of its own: the full height for its rows
        splitter.addWidget(self.levels)
        splitter.addWidget(findings)
        splitter.setSizes([300, 320, 740, 540])  # the table wide enough for its columns
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter  # side by side under the canvas, stacked in a narrow column
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.refresh)
        self._findings_due = False  # counted once the panel has been drawn (see paintEvent)
        self._figures_due = False
        self.finding_list.itemClicked.connect(self._item_chosen)
        self.finding_list.itemActivated.connect(self._item_chosen)
        self.attention.itemClicked.connect(self._attention_chosen)
        self.attention.itemActivated.connect(self._attention_chosen)
        document.changed.connect(self._plan_changed)
        document.cycle_changed.connect(lambda _cycle: self._timer.start())
        document.day_changed.connect(lambda _day: self._timer.start())  # stale ones anew
        analytics = document.analytics
        if analytics.index_built or len(document.snapshot.objectives) <= FIGURES_AT_ONCE:
            self.refresh()
        else:  # the alignment index they come from is built then: the canvas is drawn first
            self._figures_due = True
            self.summary.setText(self.tr("Reading the plan's alignment figures…"))
            self.gauge.hide()
            self.finding_list.addItem(QListWidgetItem(self.tr("Reading the plan's findings…")))

    def refresh(self) -> None:
        self._figures_due = False
        snapshot = self.document.snapshot
        report = self.document.analytics.health(self.document.cycle_id or None)
        self.report = report
        cycle = snapshot.cycles.get(self.document.cycle_id)
        self.summary.setText(self.tr(
            "<b>{cycle}</b>: {objectives} objectives · {bottom_up} aligned bottom-up, "
            "{top_down} delegated top-down · {orphans} orphans · {skips} skip-level links").format(
            cycle=cycle.name if cycle else self.tr("Whole plan"), objectives=report.objectives,
            bottom_up=report.bottom_up, top_down=report.top_down, orphans=len(report.orphans),
            skips=len(report.skip_links)) + (self.tr(
            " · <b>{n} not aligned upwards</b>").format(n=len(report.downward_links))
            if report.downward_links else ""))
        self.stale_count = fill_attention(self.attention, self.document, report)
        if self.stale_count:
            self.summary.setText(self.summary.text() + self.tr(
                " · <b>{n} stale key results</b>").format(n=self.stale_count))
        self.gauge.set_values(report.bottom_up_share, report.bottom_up_target)
        self.gauge.show()
        self.levels.setRowCount(len(report.levels))
        for row, level in enumerate(report.levels):
            for column, text in enumerate(level_cells(level)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.levels.setItem(row, column, item)
        self.levels.resizeColumnsToContents()
        critical = ", ".join(report.critical_functions) or self.tr("none yet")
        others = ", ".join(report.non_critical_functions) or self.tr("none")
        self.functions.setText(self.tr(
            "<b>Critical functions</b> (reach a company objective): {critical}<br>"
            "<b>Not critical this cycle</b>: {others}").format(critical=critical, others=others))
        stacked = self.splitter.orientation() == Qt.Orientation.Vertical
        self._keep_rows(stacked)  # the figures' text and the table's rows may have changed
        self._fit_figures(stacked)
        if not self.findings:  # the first time: say so until they are counted
            self.finding_list.clear()
            self.finding_list.addItem(QListWidgetItem(self.tr("Reading the plan's findings…")))
        self._findings_due = True
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Working out the figures and counting the findings of a large plan take a while: the
        window is drawn first."""
        super().paintEvent(event)
        if self._figures_due:
            QTimer.singleShot(0, self, self._refresh_if_due)  # the findings follow it
        elif self._findings_due:
            self._findings_due = False
            QTimer.singleShot(0, self, self._fill_findings)

    def _refresh_if_due(self) -> None:
        if self._figures_due:  # not refreshed meanwhile by a change
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = event.size().width() < STACKED_BELOW
        wanted = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self._keep_rows(narrow)
        self._fit_figures(narrow)

    def _fit_figures(self, stacked: bool) -> None:
        """Stacked, the figures' wrapped lines take the height they need (a splitter sizes its
        parts by their unwrapped height, which hid the list under the table)."""
        needed = self.figures_layout.totalMinimumSize().height()
        for wrapped in (self.summary, self.functions, self.plan_score):
            needed += wrapped.heightForWidth(wrapped.width()) - wrapped.minimumSizeHint().height()
        self.figures.setMinimumHeight(needed if stacked else 0)

    def _keep_rows(self, stacked: bool) -> None:
        """Stacked in a narrow column, each list keeps a few rows in view (the panel scrolls)."""
        row = self.fontMetrics().lineSpacing() + 6
        header = self.levels.horizontalHeader().sizeHint().height()
        scroll_bar = self.levels.horizontalScrollBar().sizeHint().height()
        wanted = {
            self.attention: header + STACKED_ROWS * row,
            self.levels: header + scroll_bar + min(max(STACKED_ROWS, self.levels.rowCount()), 7)
            * self.levels.verticalHeader().defaultSectionSize(),
            self.finding_list: 2 * STACKED_ROWS * row,  # a finding wraps onto about two lines
        }
        for view, height in wanted.items():
            view.setMinimumHeight(height + 2 * view.frameWidth() if stacked else 0)

    def _fill_findings(self) -> None:
        self.findings = sorted(quality_findings(self.document),
                               key=lambda f: SEVERITY_ORDER.get(str(f.severity), 3))
        self.finding_list.clear()
        self.plan_score.refresh()  # from the same findings, counted now
        self._fit_figures(self.splitter.orientation() == Qt.Orientation.Vertical)
        for finding in self.findings:
            mark = {"error": "⛔", "warning": "⚠"}.get(str(finding.severity), "ℹ")
            item = QListWidgetItem(f"{mark} {finding.message}")
            item.setData(ID_ROLE, finding.objective_id or "")
            item.setToolTip(str(finding.code))
            self.finding_list.addItem(item)
        if not self.findings:
            self.finding_list.addItem(QListWidgetItem(self.tr("No findings: the plan reads well.")))

    def _item_chosen(self, item: QListWidgetItem) -> None:
        objective_id = str(item.data(ID_ROLE) or "")
        if objective_id:
            self.objective_chosen.emit(objective_id)

    def _attention_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        objective_id = str(item.data(0, ID_ROLE) or "")
        if objective_id:
            self.objective_chosen.emit(objective_id)  # its card brought into view
        kr_id = str(item.data(0, KR_ROLE) or "")
        if kr_id in self.document.snapshot.key_results:
            self.document.select("key_results", kr_id)

    def _plan_changed(self, _changes: ChangeSet) -> None:
        self._timer.start()  # one refresh for a burst of changes
