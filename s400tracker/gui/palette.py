"""Colours derived from the system palette, so light and dark themes both stay readable.

Data never picks a text colour: cells keep the palette's text colour and only their background
is tinted, by blending a stance's hue into the palette's base colour.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from s400tracker.core.model import STANCE_COLORS

STANCE_HUES = STANCE_COLORS  # one table for cells, timeline and briefing


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def blend(base: QColor, tint: QColor, amount: float) -> QColor:
    """`amount` of `tint` over `base` (0: base unchanged, 1: tint)."""
    return QColor(
        round(base.red() + (tint.red() - base.red()) * amount),
        round(base.green() + (tint.green() - base.green()) * amount),
        round(base.blue() + (tint.blue() - base.blue()) * amount),
    )


def stance_tint(palette: QPalette, stance: str | None) -> QColor | None:
    """A cell background for `stance`; None leaves the palette's own."""
    if not stance or stance not in STANCE_HUES:
        return None
    # Dark bases need more of the hue to show, light ones less to keep black text legible.
    amount = 0.38 if is_dark(palette) else 0.22
    return blend(palette.color(QPalette.ColorRole.Base), QColor(STANCE_HUES[stance]), amount)


def group_tint(palette: QPalette, color: str) -> QColor:
    """A header background for an actor group, as readable as the stance tints."""
    if not color:
        return palette.color(QPalette.ColorRole.Button)
    amount = 0.45 if is_dark(palette) else 0.28
    return blend(palette.color(QPalette.ColorRole.Button), QColor(color), amount)
