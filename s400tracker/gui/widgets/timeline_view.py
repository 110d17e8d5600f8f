"""The timeline: one lane per actor, a mark per statement coloured by stance, painted with Qt.

The layout is core/timeline.py's, the same the briefing's SVG draws. The view scrolls its
content under two fixed strips — actor names on the left, dates on top — so neither scrolls
away. The wheel zooms around the pointer (Shift+wheel scrolls), + and - zoom, 0 or Fit fits the
whole range. Clicking a mark emits its statement id. Quotes in tooltips are escaped: an article's
text never becomes markup.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea, QHBoxLayout, QLabel, QToolButton, QToolTip, QVBoxLayout, QWidget,
)

from s400tracker.core.model import STANCE_COLORS, STANCES
from s400tracker.core.text import counted
from s400tracker.core.timeline import Timeline, layout
from s400tracker.gui import labels
from s400tracker.gui.palette import blend

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 40.0
AXIS_HEIGHT = 30.0
LABEL_WIDTH = 150.0


class TimelineView(QAbstractScrollArea):
    statement_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._actors: list = []
        self._statements: list = []
        self.zoom = 1.0            # 1: the whole range fits the width
        self.selected: str | None = None
        self.timeline: Timeline = layout([], [])
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setAccessibleName("Statements by actor over time")
        self.horizontalScrollBar().valueChanged.connect(self.viewport().update)
        self.verticalScrollBar().valueChanged.connect(self.viewport().update)

    # -- public -----------------------------------------------------------------------------

    def set_statements(self, actors, statements) -> None:
        self._actors, self._statements = list(actors), list(statements)
        self._relayout()

    def set_selected(self, statement_id: str | None) -> None:
        self.selected = statement_id
        self.viewport().update()

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom keeping the day under `anchor_x` (viewport x; default: the centre) in place."""
        old = self.timeline
        if anchor_x is None:
            anchor_x = (self.viewport().width() + LABEL_WIDTH) / 2
        content_x = anchor_x + self.horizontalScrollBar().value()
        days = (content_x - old.label_width) / old.px_per_day if old.px_per_day else 0.0
        self.zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom * factor))
        self._relayout()
        new_x = self.timeline.label_width + days * self.timeline.px_per_day
        self.horizontalScrollBar().setValue(round(new_x - anchor_x))

    def fit(self) -> None:
        self.zoom = 1.0
        self._relayout()
        self.horizontalScrollBar().setValue(0)

    def mark_center(self, statement_id: str) -> QPointF | None:
        """Where a statement's mark is drawn, in viewport coordinates (None: not drawn)."""
        for m in self.timeline.marks:
            if m.statement_id == statement_id:
                return QPointF(m.x - self.horizontalScrollBar().value(),
                               m.y - self.verticalScrollBar().value())
        return None

    # -- layout -----------------------------------------------------------------------------

    def _fit_px_per_day(self) -> float | None:
        fitted = layout(self._actors, self._statements, width=max(300, self.viewport().width()),
                        label_width=LABEL_WIDTH, axis_height=AXIS_HEIGHT)
        return fitted.px_per_day or None

    def _relayout(self) -> None:
        base = self._fit_px_per_day()
        self.timeline = layout(
            self._actors, self._statements, width=max(300, self.viewport().width()),
            px_per_day=base * self.zoom if base else None,
            label_width=LABEL_WIDTH, axis_height=AXIS_HEIGHT)
        t, vp = self.timeline, self.viewport()
        self.horizontalScrollBar().setRange(0, max(0, round(t.width - vp.width())))
        self.horizontalScrollBar().setPageStep(vp.width())
        self.verticalScrollBar().setRange(0, max(0, round(t.height - vp.height())))
        self.verticalScrollBar().setPageStep(vp.height())
        vp.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    # -- input ------------------------------------------------------------------------------

    def _content_pos(self, pos) -> tuple[float, float]:
        return pos.x() + self.horizontalScrollBar().value(), pos.y() + self.verticalScrollBar().value()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and event.position().x() > LABEL_WIDTH:
            mark = self.timeline.mark_at(*self._content_pos(event.position()))
            if mark is not None:
                self.set_selected(mark.statement_id)
                self.statement_clicked.emit(mark.statement_id)
                return
        super().mousePressEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)
            return
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP ** steps, event.position().x())
        event.accept()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def viewportEvent(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            mark = self.timeline.mark_at(*self._content_pos(event.position()
                                                            if hasattr(event, "position")
                                                            else event.pos()))
            if mark is not None:
                stance = STANCES.get(mark.stance or "", "no stance")
                text = (f"<b>{html.escape(labels.day(mark.date))}</b> · {html.escape(stance)}"
                        f"<br>{html.escape(labels.snippet(mark.quote, 200))}")
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        t = self.timeline
        pal = self.palette()
        base, text = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        alt = pal.color(QPalette.ColorRole.AlternateBase)
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        vp = self.viewport()
        w, h = vp.width(), vp.height()
        p = QPainter(vp)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(0, 0, w, h, base)

        # Lane stripes, under everything.
        for i, lane in enumerate(t.lanes):
            if i % 2:
                p.fillRect(QRectF(0, lane.top - dy, w, lane.height), alt)
        # Day ticks.
        for tick in t.ticks:
            x = tick.x - dx
            if LABEL_WIDTH <= x <= w:
                p.setPen(QPen(blend(base, text, 0.35 if tick.major else 0.15), 1))
                p.drawLine(QPointF(x, AXIS_HEIGHT - dy), QPointF(x, t.height - 8 - dy))
        # Marks.
        highlight = pal.color(QPalette.ColorRole.Highlight)
        for m in t.marks:
            x, y = m.x - dx, m.y - dy
            if x < LABEL_WIDTH - m.r or x > w + m.r:
                continue
            if m.statement_id == self.selected:
                p.setPen(QPen(highlight, 3))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawEllipse(QPointF(x, y), m.r + 3.5, m.r + 3.5)
            p.setPen(QPen(text, 1.6) if m.annotated else QPen(base, 0.8))
            p.setBrush(QBrush(QColor(m.color)))
            p.drawEllipse(QPointF(x, y), m.r, m.r)

        # The fixed strips: actor names on the left, dates on top.
        p.fillRect(QRectF(0, 0, LABEL_WIDTH, min(h, t.height - dy)),
                   pal.color(QPalette.ColorRole.Window))
        bold = QFont(self.font())
        bold.setBold(True)
        for i, lane in enumerate(t.lanes):
            top = lane.top - dy
            if i % 2:
                p.fillRect(QRectF(0, top, LABEL_WIDTH, lane.height),
                           blend(pal.color(QPalette.ColorRole.Window), text, 0.04))
            p.fillRect(QRectF(0, top + 4, 4, lane.height - 8), QColor(lane.color or "#888888"))
            p.setPen(text)
            p.setFont(bold)
            p.drawText(QRectF(10, top, LABEL_WIDTH - 14, lane.height / 2 + 4),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, lane.name)
            p.setFont(self.font())
            p.setPen(muted)
            p.drawText(QRectF(10, top + lane.height / 2 + 4, LABEL_WIDTH - 14, lane.height / 2),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                       counted(lane.count, "statement"))
        p.fillRect(QRectF(LABEL_WIDTH, 0, w, AXIS_HEIGHT), pal.color(QPalette.ColorRole.Window))
        p.setPen(text)
        for tick in t.ticks:
            x = tick.x - dx
            if LABEL_WIDTH - 60 <= x <= w:
                p.save()
                p.setClipRect(QRectF(LABEL_WIDTH, 0, w, AXIS_HEIGHT))
                p.drawText(QRectF(x + 3, 0, 120, AXIS_HEIGHT - 6),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, tick.label)
                p.restore()
        p.fillRect(QRectF(0, 0, LABEL_WIDTH, AXIS_HEIGHT), pal.color(QPalette.ColorRole.Window))
        if not t.marks:
            p.setPen(muted)
            p.drawText(QRectF(LABEL_WIDTH, AXIS_HEIGHT, w - LABEL_WIDTH, h - AXIS_HEIGHT),
                       Qt.AlignmentFlag.AlignCenter, "No dated statements to show")
        p.end()


class TimelinePanel(QWidget):
    """The timeline with its zoom buttons and a legend of stance colours."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = TimelineView()
        self.zoom_out = _button("−", "Zoom out (−)", lambda: self.view.zoom_by(1 / ZOOM_STEP))
        self.zoom_in = _button("+", "Zoom in (+, or the mouse wheel)",
                               lambda: self.view.zoom_by(ZOOM_STEP))
        self.fit_button = _button("Fit", "Show the whole range (0)", self.view.fit)
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.RichText)   # built from our own words only
        self.caption.setWordWrap(True)
        self.caption.setContentsMargins(6, 0, 6, 4)
        hint = QLabel("Wheel or + / − to zoom, Shift+wheel to scroll; click a mark to open it")
        hint.setEnabled(False)   # drawn in the palette's muted colour
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for b in (self.zoom_out, self.zoom_in, self.fit_button):
            bar.addWidget(b)
        bar.addSpacing(8)
        bar.addWidget(hint, 1)
        layout_ = QVBoxLayout(self)
        layout_.setContentsMargins(0, 0, 0, 0)
        layout_.addLayout(bar)
        layout_.addWidget(self.view, 1)
        layout_.addWidget(self.caption)

    def set_statements(self, actors, statements) -> None:
        self.view.set_statements(actors, statements)
        present = {m.stance for m in self.view.timeline.marks}
        keys = " ".join(f"<span style='color:{STANCE_COLORS[s]}'>●</span> "
                        f"{html.escape(STANCES[s].split(' /')[0])}"
                        for s in STANCES if s in present)
        undated = self.view.timeline.undated
        note = f" &nbsp;·&nbsp; {undated} undated not shown" if undated else ""
        self.caption.setText(f"Mark colour: {keys} &nbsp;·&nbsp; ringed: annotated{note}")


def _button(text: str, tip: str, slot) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setAutoRaise(True)
    b.clicked.connect(slot)
    return b
