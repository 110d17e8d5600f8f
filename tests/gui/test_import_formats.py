"""Importing the files analysts have through the app: a mixed folder, its report, and what is
dropped on the window — files, text from a browser, links (refused: nothing goes online)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from tests.formats.makers import STORY_A, STORY_B
from tests.formats.folders import mixed_folder


def drop(window, mime: QMimeData) -> None:
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def report_rows(dialog) -> list[tuple[str, ...]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(table.columnCount()))
            for r in range(table.rowCount())]


def test_a_mixed_folder_imported_from_the_menu_reports_each_article_and_the_refused_photo(
        qtbot, window, tmp_path, monkeypatch, messages):
    folder = mixed_folder(tmp_path / "in")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    documents = window.tracker.document_count()
    window.import_folder_action.trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    title, text = messages[-1]
    assert title == "Import finished"
    assert text.splitlines()[0] == "9 added, 1 already present, 1 failed"
    assert window.tracker.document_count() == documents + 9
    rows = report_rows(messages.reports[-1])
    assert rows[0][:2] == ("Failed", "photo.png")             # problems first
    assert rows[0][5] == "a PNG image, not an article"
    exported = [r for r in rows if r[1] == "nexis-export.docx"]
    assert [r[:3] for r in exported] == [
        ("Added", "nexis-export.docx", f'#1 "{STORY_A[0]}"'),
        ("Already present", "nexis-export.docx", f'#2 "{STORY_B[0]}"')]
    assert exported[0][4] == "Thu 14 Mar 2019 (metadata)"
    assert [r[2] for r in rows if r[1] == "feed.rss"] == [
        '#1 "Valdoria condemns Ostmark port deal"',
        '#2 "Ostmark rejects criticism of harbour accord"', '#3 "Court date set in harbour dispute"']
    assert {r[1] for r in rows} == {"photo.png", "alert.eml", "court.pdf", "feed.rss", "haber.rtf",
                                    "nexis-export.docx", "page.html", "story.docx"}
    dialog = messages.reports[-1]
    dialog.problems_only.setChecked(True)
    shown = [r for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]
    assert shown == [0]


def test_the_file_dialog_offers_every_type_import_reads(qtbot, window, monkeypatch, messages):
    offered = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda parent, caption, folder, filters: offered.append(filters) or ([], ""))
    window.import_action.trigger()
    first = offered[0].split(";;")[0]
    for pattern in ("*.txt", "*.html", "*.htm", "*.mhtml", "*.eml", "*.docx", "*.odt", "*.pdf",
                    "*.rtf", "*.xml", "*.rss", "*.atom"):
        assert pattern in first.split("(")[1].rstrip(")").split()
    assert offered[0].endswith("All files (*)")


def test_text_dropped_from_a_browser_is_saved_beside_the_store_and_imported(
        qtbot, window, tmp_path, messages):
    mime = QMimeData()
    mime.setText('Lavrov warns Washington\n\n"Sanctions will not stop our military cooperation '
                 'with Ankara," Russian Foreign Minister Sergei Lavrov said on 2 March 2021.\n')
    drop(window, mime)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages[-1][1].startswith("1 added, 0 already present, 0 failed")
    [saved] = (tmp_path / "dropped").glob("*.txt")
    assert saved.name.endswith("-Lavrov-warns-Washington.txt")
    assert "military cooperation" in saved.read_text(encoding="utf-8")
    assert any("military cooperation" in s.quote for s in window.tracker.statements())


@pytest.mark.parametrize("as_url", [True, False], ids=["link", "address-as-text"])
def test_a_dropped_link_is_refused_with_a_clear_message(qtbot, window, tmp_path, messages, as_url):
    mime = QMimeData()
    if as_url:
        mime.setUrls([QUrl("https://harbour-times.example/world/valdoria-port")])
    mime.setText("https://harbour-times.example/world/valdoria-port")
    documents = window.tracker.document_count()
    drop(window, mime)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    title, text = messages[-1]
    assert title == "Links are not imported"
    assert "never goes online" in text and "harbour-times.example" in text
    assert window.tracker.document_count() == documents
    assert not (tmp_path / "dropped").exists()


def test_dropped_files_of_several_types_import_together(qtbot, window, tmp_path, messages):
    folder = mixed_folder(tmp_path / "in")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder / name))
                  for name in ("page.html", "nexis-export.docx", "photo.png")])
    drop(window, mime)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages[-1][1].splitlines()[0] == "3 added, 0 already present, 1 failed"
