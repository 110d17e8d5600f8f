"""The matrix table: actors down the side (the vertical header, so they stay put while the dates
scroll), dates across, fixed section sizes (never sized to contents: a store may hold 2,000
dates), and Enter opens the selected cell's detail."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

COLUMN_WIDTH = 140
ROW_HEIGHT = 72
ACTOR_WIDTH = 128


class MatrixView(QTableView):
    open_detail = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setCornerButtonEnabled(False)
        top = self.horizontalHeader()
        top.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        top.setDefaultSectionSize(COLUMN_WIDTH)
        top.setHighlightSections(True)
        side = self.verticalHeader()
        side.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        side.setDefaultSectionSize(ROW_HEIGHT)
        side.setFixedWidth(ACTOR_WIDTH)
        side.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        side.setHighlightSections(True)
        self.setAccessibleName("Statements by actor and date")

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_detail.emit()
            return
        super().keyPressEvent(event)
