"""The filters above the matrix: search, actor or group, dates, tag, stance, annotated only,
hidden statements, conflicts only, and how the dates are laid out. Emits `changed` whenever any
of them changes (the search box after a short pause, so typing does not re-query on every key);
filter() is the StatementFilter they describe, reset() clears every one of them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget,
)

from s400tracker.core.model import STANCES, Actor
from s400tracker.core.query import StatementFilter

SEARCH_DELAY_MS = 300


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search (Ctrl+F)")
        self.search.setToolTip("Words in quotes and notes, each also as a prefix; letters fold "
                               "as in names: kalin finds Kalın")
        # The clear button shows only over text: it is made (its icon loaded, 1–3 ms at launch)
        # when the first text arrives.
        self.search.textChanged.connect(self._enable_clear_button)
        self.search.setMinimumWidth(150)
        self.who = QComboBox()
        self.who.setToolTip("Show one group or one actor")
        self.since = _DateEdit("From")
        self.until = _DateEdit("To")
        self.tag = QComboBox()
        self.tag.setToolTip("Only statements with this tag")
        self.stance = QComboBox()
        self.stance.addItem("Any stance", None)
        for code, label in STANCES.items():
            self.stance.addItem(label, code)
        self.annotated = QCheckBox("Annotated only")
        self.hidden = QComboBox()
        for label, code in (("Visible", None), ("With hidden", "also"),
                            ("Hidden only", "only")):
            self.hidden.addItem(label, code)
        self.hidden.setToolTip("Hidden statements: leave them out (as everywhere by default), "
                               "show them struck through beside the others, or show only them "
                               "(to unhide one)")
        self.conflicts = QCheckBox("⚠ Conflicts")
        self.conflicts.setToolTip("Only statements whose annotation conflicts with another "
                                  "analyst's, from an imported bundle, until resolved")
        self.reset_button = QToolButton()
        self.reset_button.setText("Reset")
        self.reset_button.setToolTip("Clear every filter (Ctrl+Shift+R)")
        self.reset_button.setEnabled(False)
        self.reset_button.clicked.connect(self.reset)
        self.bucket = QComboBox()
        for label, code in (("Days", "day"), ("Weeks", "week"), ("Months", "month")):
            self.bucket.addItem(label, code)
        self.bucket.setToolTip("One column per day, week or month")
        self.calendar = QCheckBox("Full calendar")
        self.calendar.setToolTip("Show every day (week, month) between the first and last "
                                 "statement, not only those with statements")

        # The pickers are as wide as a short entry, not their longest ("Make public statement"):
        # every filter then fits one row of a 1280-pixel window; the open list shows entries whole.
        for combo in (self.who, self.stance):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(11)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 0)
        for w in (self.search, self.who, QLabel("from"), self.since, QLabel("to"), self.until,
                  self.tag, self.stance, self.annotated, self.hidden, self.conflicts,
                  self.reset_button):
            row.addWidget(w)
        row.addStretch()
        # How the dates are laid out is no filter: the window shows these beside the Matrix and
        # Timeline tabs, which leaves the filters one row at 1280 pixels.
        self.layout_controls = QWidget()
        corner = QHBoxLayout(self.layout_controls)
        corner.setContentsMargins(0, 0, 6, 0)
        corner.addWidget(self.bucket)
        corner.addWidget(self.calendar)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.who, self.tag, self.stance, self.hidden, self.bucket):
            combo.activated.connect(lambda _i: self.changed.emit())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        for box in (self.annotated, self.conflicts, self.calendar):
            box.toggled.connect(lambda _on: self.changed.emit())
        # Reset is offered while a filter is set.
        self.changed.connect(lambda: self.reset_button.setEnabled(self.is_active()))

    def set_choices(self, actors: list[Actor], groups: list[str], tags: list[str],
                    span: tuple[dt.date, dt.date] | None) -> None:
        """Fill the pickers from the store, keeping what is selected when it still exists."""
        who, tag = self.who.currentData(), self.tag.currentData()
        self.who.clear()
        self.who.addItem("All actors", None)
        for g in groups:
            self.who.addItem(f"Group: {g}", ("group", g))
        for a in actors:
            self.who.addItem(a.name, ("actor", a.key))
        self.who.setCurrentIndex(max(0, self.who.findData(who)))
        self.tag.clear()
        self.tag.addItem("Any tag", None)
        for t in tags:
            self.tag.addItem(f"#{t}", t)
        self.tag.setCurrentIndex(max(0, self.tag.findData(tag)))
        # An "any" date edit would open its calendar in 1990; open it on the store's dates.
        for edit, day in zip((self.since, self.until), span or (None, None)):
            if day is not None:
                edit.open_calendar_on(day)

    def _enable_clear_button(self, text: str) -> None:
        if text:
            self.search.setClearButtonEnabled(True)
            self.search.textChanged.disconnect(self._enable_clear_button)

    def filter(self) -> StatementFilter:
        who = self.who.currentData()
        return StatementFilter(
            actors=(who[1],) if who and who[0] == "actor" else (),
            groups=(who[1],) if who and who[0] == "group" else (),
            start=_day(self.since), end=_day(self.until),
            text=self.search.text().strip(),
            tags=(self.tag.currentData(),) if self.tag.currentData() else (),
            stances=(self.stance.currentData(),) if self.stance.currentData() else (),
            annotated_only=self.annotated.isChecked(),
            include_hidden=self.hidden.currentData() == "also",
            hidden_only=self.hidden.currentData() == "only",
            conflicts_only=self.conflicts.isChecked(),
        )

    def reset(self) -> None:
        """Clear every filter (the layout of the dates stays), then emit `changed` once."""
        self._search_timer.stop()
        widgets = (self.search, self.who, self.since, self.until, self.tag, self.stance,
                   self.annotated, self.hidden, self.conflicts)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.search.clear()
            for combo in (self.who, self.tag, self.stance, self.hidden):
                combo.setCurrentIndex(0)
            for edit in (self.since, self.until):
                edit.clear_day()
            self.annotated.setChecked(False)
            self.conflicts.setChecked(False)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.changed.emit()

    def stop(self) -> None:
        """Drop a pending search (the window is closing: nothing left to filter)."""
        self._search_timer.stop()

    def bucket_code(self) -> str:
        return self.bucket.currentData()

    def is_active(self) -> bool:
        return self.filter() != StatementFilter()


class _DateEdit(QDateEdit):
    """A day or 'any' (the minimum date, shown as such), picked from a calendar popup or typed;
    emptied (Delete or Backspace over the whole date), it is 'any' again, where Qt would put the
    last day back. Set to 'any', the popup opens on the month it was given (the store's first
    or last), not on 1990.
    Qt turns the popup's calendar to the edit's date each time it opens it, so the page is turned
    after that; and the calendar is built then, not at launch (2–4 ms for the two of them)."""

    def __init__(self, name: str):
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setMinimumDate(QDate(1990, 1, 1))
        self.setSpecialValueText("any")
        self.setDate(self.minimumDate())
        self.setToolTip(f"{name} this day (inclusive); 'any' for no limit (empty it with Delete)")
        self._page: tuple[int, int] | None = None

    def clear_day(self) -> None:
        self.setDate(self.minimumDate())

    def open_calendar_on(self, day: dt.date) -> None:
        self._page = (day.year, day.month)

    def _turn_page(self) -> None:
        if self._page is not None and self.date() == self.minimumDate():
            self.calendarWidget().setCurrentPage(*self._page)

    def mousePressEvent(self, event):  # noqa: N802 - Qt's name
        super().mousePressEvent(event)
        self._turn_page()

    def keyPressEvent(self, event):  # noqa: N802 - Qt's name
        super().keyPressEvent(event)
        self._clear_if_empty()
        self._turn_page()

    def focusOutEvent(self, event):  # noqa: N802 - Qt's name
        self._clear_if_empty()   # emptied by a cut, say: 'any', not the day it held
        super().focusOutEvent(event)

    def _clear_if_empty(self) -> None:
        if not self.lineEdit().text().strip() and self.date() != self.minimumDate():
            self.clear_day()


def _day(edit: QDateEdit) -> dt.date | None:
    if edit.date() == edit.minimumDate():
        return None
    return edit.date().toPython()
