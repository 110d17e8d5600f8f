"""Ask for an actor, a date and (for a new statement) a kind: used to move a statement and to
add one the extractor missed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
)

from s400tracker.core.model import KINDS, Actor
from s400tracker.gui import labels


class StatementDialog(QDialog):
    def __init__(self, title: str, actors: list[Actor], actor: str | None, date: dt.date | None,
                 kind: str | None = None, quote: str = "", allow_undated: bool = True, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        if quote:
            shown = QLabel(f"“{labels.snippet(quote, 200)}”")
            shown.setTextFormat(shown.textFormat().PlainText)
            shown.setWordWrap(True)
            form.addRow(shown)
        self.actor = QComboBox()
        for a in actors:
            self.actor.addItem(f"{a.name} ({a.group})" if a.group else a.name, a.key)
        self.actor.setCurrentIndex(max(0, self.actor.findData(actor)))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.undated = QCheckBox("Undated")
        self.undated.toggled.connect(lambda on: self.date.setEnabled(not on))
        if date is not None:
            self.date.setDate(QDate(date.year, date.month, date.day))
        else:
            self.undated.setChecked(True)
        form.addRow("Actor", self.actor)
        form.addRow("Date", self.date)
        if allow_undated:
            form.addRow("", self.undated)
        elif date is None:
            self.undated.setChecked(False)
            self.date.setDate(QDate.currentDate())
        self.kind = None
        if kind is not None:
            self.kind = QComboBox()
            for k in KINDS:
                self.kind.addItem(labels.kind(k), k)
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            form.addRow("Kind", self.kind)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, dt.date | None, str | None]:
        date = None if self.undated.isChecked() else self.date.date().toPython()
        return self.actor.currentData(), date, self.kind.currentData() if self.kind else None
