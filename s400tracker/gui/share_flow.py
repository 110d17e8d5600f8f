"""File menu actions that share the analyst's work: annotation bundles out and in, the HTML
briefing, and settling a conflict a bundle raised. Each asks for a file, calls the Tracker (the
same services as the CLI) and says what happened in plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from s400tracker.core.text import counted
from s400tracker.services.bundles import BundleError
from s400tracker.store import NotFoundError, StoreError


def _dir(w) -> str:
    return str(w.settings.value("share/dir", str(Path.home())))


def _remember(w, path: str) -> None:
    w.settings.setValue("share/dir", str(Path(path).parent))


def export_bundle(w) -> None:
    path, _ = QFileDialog.getSaveFileName(
        w, "Export annotations", str(Path(_dir(w)) / "annotations.json"),
        "Annotation bundles (*.json)")
    if not path:
        return
    _remember(w, path)
    w.detail.flush()
    try:
        n = w.tracker.export_bundle(Path(path))
    except (StoreError, OSError) as e:
        w.error("Export failed", str(e))
        return
    w.statusBar().showMessage(f"{counted(n, 'annotated or corrected statement')} exported to {path}", 5000)


def import_bundle(w) -> None:
    path, _ = QFileDialog.getOpenFileName(w, "Import annotations", _dir(w),
                                          "Annotation bundles (*.json);;All files (*)")
    if not path:
        return
    _remember(w, path)
    w.detail.flush()
    try:
        report = w.tracker.import_bundle(Path(path))
    except BundleError as e:
        w.error("Not imported", str(e))
        return
    except (StoreError, OSError) as e:
        w.error("Import failed", str(e))
        return
    if report.changed:
        # Undo steps recorded before would now write over what the bundle brought.
        w.undo_stack.clear()
    w.refresh()
    w.message("Annotations imported", "\n".join(report.lines()),
              warning=bool(report.conflicts or report.missing_articles))


def export_briefing(w) -> None:
    path, _ = QFileDialog.getSaveFileName(w, "Export briefing", str(Path(_dir(w)) / "briefing.html"),
                                          "HTML files (*.html)")
    if not path:
        return
    _remember(w, path)
    w.detail.flush()
    try:
        # The filters shown, as in the CSV exports.
        n = w.tracker.write_report(Path(path), w.model.filter)
    except (StoreError, OSError) as e:
        w.error("Export failed", str(e))
        return
    w.statusBar().showMessage(f"Briefing with {counted(n, 'statement')} written to {path}", 5000)


def resolve(w, statement_id: str, conflict_hash: str, choice: str) -> None:
    w.detail.flush()
    try:
        w.tracker.resolve_conflict(statement_id, conflict_hash, choice)
    except (StoreError, NotFoundError, ValueError) as e:
        w.error("Could not resolve the conflict", str(e))
        return
    w.undo_stack.clear()   # earlier steps on this note would overwrite the resolution
    w._changed(statement_id)
