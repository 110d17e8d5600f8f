"""File menu's matrix and statements exports: a save dialog offering CSV and XLSX, then the same
service as `s400tracker export` with the filters shown applied."""

from __future__ import annotations

from pathlib import Path

from s400tracker.store import StoreError

CSV_FILTER, XLSX_FILTER = "CSV files (*.csv)", "Excel workbooks (*.xlsx)"
TITLES = {"matrix": "Export matrix", "long": "Export statements"}


def export(w, kind: str) -> None:
    """Ask where, write `kind` ("matrix" or "long") as CSV or XLSX, say how it went."""
    from PySide6.QtWidgets import QFileDialog   # here: its types cost launch time

    default = str(Path.home() / f"s400tracker-{kind}.csv")
    path, chosen = QFileDialog.getSaveFileName(w, TITLES[kind], default,
                                               f"{CSV_FILTER};;{XLSX_FILTER}")
    if not path:
        return
    xlsx = is_xlsx(path, chosen)
    if xlsx and not path.lower().endswith(".xlsx"):
        path += ".xlsx"   # the workbook type chosen, no suffix typed (CSV's is the default)
    w.detail.flush()
    try:
        write = getattr(w.tracker, f"export_{kind}{'_xlsx' if xlsx else ''}")
        write(Path(path), w.model.filter)
    except (StoreError, OSError, ValueError) as e:   # ValueError: more rows than a sheet holds
        w.error("Export failed", str(e))
        return
    w.statusBar().showMessage(f"Exported to {path}", 5000)


def is_xlsx(path: str, chosen_filter: str) -> bool:
    """A workbook when the name ends in .xlsx, or has no such suffix and XLSX was chosen."""
    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".csv"):
        return suffix == ".xlsx"
    return chosen_filter == XLSX_FILTER
