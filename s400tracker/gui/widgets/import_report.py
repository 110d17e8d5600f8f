"""What an import did, file by file and article by article: the summary, then a table of every
article added or already present (each article of an export or feed on its own row) and every
file refused, with its reason. Problems first, so a long import's failures are not scrolled past."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QHeaderView, QLabel, QStyle,
    QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from s400tracker.gui import labels

_COLUMNS = ("Result", "File", "Article", "Statements", "Published", "Details")
_PROBLEMS = ("failed",)


class ImportReportDialog(QDialog):
    def __init__(self, report, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Import finished")
        self.report = report
        self.summary = QLabel(report.summary())
        self.summary.setTextFormat(Qt.TextFormat.PlainText)   # file names and reasons are data
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.problems_only = QCheckBox("Show only the files that were not imported")
        self.problems_only.toggled.connect(self._filter)
        rows = [r for r in report.results if r.status in _PROBLEMS] + \
               [r for r in report.results if r.status not in _PROBLEMS]
        self.table = QTableWidget(len(rows) + len(report.inferred), len(_COLUMNS))
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row, r in enumerate(rows):
            cells = (r.status.capitalize(), r.path.name, _article(r),
                     str(r.statements) if r.status == "added" else "",
                     _published(r), r.reason if r.status != "added" else _details(r))
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(str(r.path) if col == 1 else value)
                if col == 0 and r.status in _PROBLEMS:
                    item.setIcon(warn)
                self.table.setItem(row, col, item)
        for row, inference in enumerate(report.inferred, start=len(rows)):
            for col, value in enumerate(("Dated by inference", inference.path, inference.title, "",
                                         f"{labels.day(inference.published)}?",
                                         inference.line())):
                self.table.setItem(row, col, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        # Long file names and titles are cut (the tooltip has them whole), so the reasons show.
        for col, widest in ((1, 220), (2, 340)):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), widest))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(len(_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_only)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.problems_only.setVisible(any(r.status in _PROBLEMS for r in rows))
        self.resize(1120, 480)

    def text(self) -> str:
        """The summary and every line of the report, as the command line prints them."""
        return "\n".join([self.report.summary(), *self.report.lines()])

    def _filter(self, only: bool) -> None:
        for row in range(self.table.rowCount()):
            status = self.table.item(row, 0).text().lower()
            self.table.setRowHidden(row, only and status not in _PROBLEMS)


def _article(r) -> str:
    if r.label:
        return r.label
    return r.title


def _published(r) -> str:
    if r.status not in ("added", "already present"):
        return ""
    if r.published is None:
        return "undated"
    return f"{labels.day(r.published)} ({r.date_basis})"


def _details(r) -> str:
    # The reason of an added file holds its statements and date, shown in their own columns;
    # what remains is how the file was read, when its name said otherwise.
    return r.reason.split("; ", 1)[1] if "; " in r.reason else ""
