"""The actors × dates matrix as a Qt table model, read from the store through the Tracker.

The model reads the layout (actors, and the dates that hold statements) when the query changes,
and the cells a block of columns at a time, when the view first asks for one of them: the store
aggregates those columns in SQL, and data() is then a dictionary look-up. A store of 300 actors ×
2,000 days costs what the screen shows, not what the archive holds. A cell's quotes are fetched
when a tooltip asks for them, and the last few are cached.
"""

from __future__ import annotations

import html
from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap

from s400tracker.core.matrix import CellCount, Column, Matrix
from s400tracker.core.model import Actor, Statement
from s400tracker.core.query import StatementFilter
from s400tracker.core.text import counted
from s400tracker.gui import labels, palette

ActorRole = Qt.ItemDataRole.UserRole + 1     # the row's Actor (vertical header) / key (cells)
ColumnRole = Qt.ItemDataRole.UserRole + 2    # the column's first day, None for undated
CountRole = Qt.ItemDataRole.UserRole + 3     # statements in the cell (0 when empty)
AnnotatedRole = Qt.ItemDataRole.UserRole + 4
StanceRole = Qt.ItemDataRole.UserRole + 5
ConflictsRole = Qt.ItemDataRole.UserRole + 6   # statements with an unresolved conflict
HiddenRole = Qt.ItemDataRole.UserRole + 7      # hidden statements shown (a hidden filter)

CONFLICT_MARK = "⚠"
ANNOTATED_MARK = "✎"

_TOOLTIP_CACHE = 64
TILE = 64   # columns whose cells are read together: a screen shows about ten
_TOOLTIP_QUOTES = 8


class MatrixModel(QAbstractTableModel):
    def __init__(self, tracker, parent=None):
        super().__init__(parent)
        self._tracker = tracker
        self._filter = StatementFilter()
        self._bucket = "day"
        self._continuous = False
        self._matrix = Matrix(rows=(), columns=())
        self._rows: tuple[Actor, ...] = ()
        self._group_colors: dict[str, str] = {}
        self._quotes: OrderedDict[tuple[str, Column], list[Statement]] = OrderedDict()
        self._cells: dict[tuple[str, Column], CellCount] = {}
        self._tiles: set[int] = set()
        self.reload()

    # -- what the model shows ---------------------------------------------------------------

    @property
    def matrix(self) -> Matrix:
        """The whole matrix as a value, every cell read (for tests and small stores; the view
        itself only reads the cells it shows)."""
        for tile in range(0, (len(self._matrix.columns) + TILE - 1) // TILE):
            self._load(tile)
        return Matrix(rows=self._matrix.rows, columns=self._matrix.columns,
                      cells=dict(self._cells), bucket=self._matrix.bucket)

    @property
    def layout(self) -> Matrix:
        """The rows and columns shown, no cell read."""
        return self._matrix

    def cell(self, row: int, column: int) -> CellCount | None:
        if column // TILE not in self._tiles:
            self._load(column // TILE)
        return self._cells.get((self._rows[row].key, self._matrix.columns[column]))

    def _load(self, tile: int) -> None:
        if tile in self._tiles:
            return
        self._tiles.add(tile)
        columns = self._matrix.columns[tile * TILE:(tile + 1) * TILE]
        keys = {a.key for a in self._rows}
        for c in self._tracker.matrix_cells(self._filter, self._bucket, columns):
            if c.actor in keys:
                self._cells[(c.actor, c.date)] = c

    @property
    def filter(self) -> StatementFilter:
        return self._filter

    @property
    def bucket(self) -> str:
        return self._bucket

    @property
    def continuous(self) -> bool:
        return self._continuous

    def set_tracker(self, tracker) -> None:
        self._tracker = tracker
        self.reload()

    def set_query(self, filter: StatementFilter | None = None, bucket: str | None = None,
                  continuous: bool | None = None) -> None:
        if filter is not None:
            self._filter = filter
        if bucket is not None:
            self._bucket = bucket
        if continuous is not None:
            self._continuous = continuous
        self.reload()

    def reload(self) -> None:
        """Read the matrix again (after an edit, an import or a new filter)."""
        self.beginResetModel()
        self._quotes.clear()
        self._cells.clear()
        self._tiles.clear()
        groups = self._tracker.groups()
        order = {name: i for i, (name, _) in enumerate(groups)}
        self._group_colors = dict(groups)
        self._matrix = self._tracker.matrix_layout(self._filter, self._bucket, self._continuous)
        # Rows grouped (groups in the order the actors file introduces them), then by position.
        self._rows = tuple(sorted(self._matrix.rows, key=lambda a: (order.get(a.group, 99), a.position)))
        self.endResetModel()

    def actor_at(self, row: int) -> Actor:
        return self._rows[row]

    def column_at(self, column: int) -> Column:
        return self._matrix.columns[column]

    def row_of(self, actor_key: str) -> int:
        return next((i for i, a in enumerate(self._rows) if a.key == actor_key), -1)

    def column_of(self, day) -> int:
        try:
            return self._matrix.columns.index(day)
        except ValueError:
            return -1

    def cell_statements(self, row: int, column: int) -> list[Statement]:
        key = (self._rows[row].key, self._matrix.columns[column])
        if key in self._quotes:
            self._quotes.move_to_end(key)
            return self._quotes[key]
        found = self._tracker.cell_statements(key[0], key[1], self._bucket, self._filter)
        self._quotes[key] = found
        if len(self._quotes) > _TOOLTIP_CACHE:
            self._quotes.popitem(last=False)
        return found

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._matrix.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        actor = self._rows[index.row()]
        column = self._matrix.columns[index.column()]
        cell = self.cell(index.row(), index.column())
        if role == ActorRole:
            return actor.key
        if role == ColumnRole:
            return column
        if role == CountRole:
            return cell.count if cell else 0
        if cell is None:
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{actor.name}, {labels.column(column, self._bucket)}: nothing"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            marks = (CONFLICT_MARK + " ") * bool(cell.conflicts) + (ANNOTATED_MARK + " ") * cell.annotated
            return f"{marks}{cell.count} · {labels.snippet(cell.first_quote, 70)}"
        if role == Qt.ItemDataRole.FontRole:
            if not cell.hidden:
                return None
            # Hidden statements, shown because a filter asks for them: struck through when the
            # cell holds nothing else, in italics when it holds both.
            font = QGuiApplication.font()
            font.setStrikeOut(cell.hidden == cell.count)
            font.setItalic(cell.hidden < cell.count)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell.hidden == cell.count:
                return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                       QPalette.ColorRole.Text)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return palette.stance_tint(QGuiApplication.palette(), cell.stance)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (f"{actor.name}, {labels.column(column, self._bucket)}: {counted(cell.count, 'statement')}"
                    + (", annotated" if cell.annotated else "")
                    + (f", {cell.hidden} hidden" if cell.hidden else "")
                    + (f", {cell.conflicts} with a conflict" if cell.conflicts else ""))
        if role == AnnotatedRole:
            return cell.annotated
        if role == ConflictsRole:
            return cell.conflicts
        if role == HiddenRole:
            return cell.hidden
        if role == StanceRole:
            return cell.stance
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._matrix.columns):
                return None
            column = self._matrix.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return labels.column(column, self._bucket)
            if role == ColumnRole:
                return column
            return None
        if not 0 <= section < len(self._rows):
            return None
        actor = self._rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return actor.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{actor.name} — {actor.group or 'no group'}"
        if role == Qt.ItemDataRole.DecorationRole:
            return _swatch(actor.color or self._group_colors.get(actor.group, ""))
        if role == Qt.ItemDataRole.BackgroundRole:
            return palette.group_tint(QGuiApplication.palette(),
                                      actor.color or self._group_colors.get(actor.group, ""))
        if role == ActorRole:
            return actor
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- helpers ----------------------------------------------------------------------------

    def _tooltip(self, row: int, column: int) -> str:
        found = self.cell_statements(row, column)
        lines = [f"“{labels.snippet(s.quote, 160)}”" + " (hidden)" * s.hidden
                 for s in found[:_TOOLTIP_QUOTES]]
        if len(found) > _TOOLTIP_QUOTES:
            lines.append(f"… and {len(found) - _TOOLTIP_QUOTES} more")
        if not lines:
            return ""
        # Qt guesses whether a tooltip is rich text; escaping every quote and wrapping them
        # ourselves means a quote holding "<b>" shows those characters, never bold text.
        return "<qt>" + "<br>".join(html.escape(line, quote=False) for line in lines) + "</qt>"


_swatches: dict[str, QIcon] = {}


def _swatch(color: str) -> QIcon | None:
    if not color:
        return None
    if color not in _swatches:
        pix = QPixmap(QSize(10, 28))
        pix.fill(QColor(color))
        _swatches[color] = QIcon(pix)
    return _swatches[color]
