"""Untracked speakers, most quoted first, and "Track as actor…" to give one a row of the matrix."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from s400tracker.services.speakers import SpeakerGroup, group_speakers


class TrackActorDialog(QDialog):
    """Name, group and aliases of the new actor, filled in from the speaker's spellings."""

    def __init__(self, speaker: SpeakerGroup, groups: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Track as actor")
        self.name = QLineEdit(speaker.suggested_name())
        self.group = QComboBox()
        self.group.setEditable(True)
        self.group.addItems(groups)
        self.group.setCurrentText("")
        self.aliases = QLineEdit("; ".join(speaker.suggested_aliases()))
        self.aliases.setToolTip("Spellings that name this actor, separated by semicolons")
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Group", self.group)
        form.addRow("Aliases", self.aliases)
        note = QLabel("The store is re-read with the new actor: every statement of theirs, including "
                      "those reported as “he said”, moves to the new row. Notes are kept.")
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> tuple[str, str, list[str]]:
        aliases = [a.strip() for a in self.aliases.text().split(";") if a.strip()]
        return self.name.text().strip(), self.group.currentText().strip(), aliases


class SpeakersDialog(QDialog):
    """Lists the speakers nobody tracks; `track_requested` carries the chosen one."""

    track_requested = Signal(object)   # SpeakerGroup

    def __init__(self, rows: list[tuple[str, int]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Untracked speakers")
        self.groups = group_speakers(rows)
        self.table = QTableWidget(len(self.groups), 3)
        self.table.setHorizontalHeaderLabels(["Speaker", "Statements", "Spellings"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for row, g in enumerate(self.groups):
            # QTableWidgetItem shows plain text: a speaker's name is never markup.
            self.table.setItem(row, 0, QTableWidgetItem(g.label))
            count = QTableWidgetItem()
            count.setData(Qt.ItemDataRole.DisplayRole, g.count)
            self.table.setItem(row, 1, count)
            self.table.setItem(row, 2, QTableWidgetItem("; ".join(sorted(g.variants))))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 90)
        self.table.doubleClicked.connect(lambda _i: self._track())
        self.track_button = QPushButton("&Track as actor…")
        self.track_button.clicked.connect(self._track)
        self.track_button.setEnabled(bool(self.groups))
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.track_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        intro = QLabel("People and bodies quoted in the articles who have no row in the matrix yet, "
                       "most quoted first.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        if self.groups:
            self.table.selectRow(0)
        self.resize(760, 480)

    def selected(self) -> SpeakerGroup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.groups[rows[0].row()] if rows else None

    def _track(self) -> None:
        speaker = self.selected()
        if speaker is not None:
            self.track_requested.emit(speaker)
