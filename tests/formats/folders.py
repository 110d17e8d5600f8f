"""A folder as an analyst's looks: a saved page, Word files, a PDF, an RTF, an e-mail alert, a
feed, a Nexis export, and a photo that is no article. Used by the tests and the screenshot."""

from __future__ import annotations

from pathlib import Path

from tests.formats import exports_made, makers, pages_made
from tests.formats.makers import STORY_B

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)


def mixed_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "page.html").write_text(pages_made.furniture_page(), encoding="utf-8")
    (folder / "story.docx").write_bytes(makers.docx([STORY_B[0], "15 March 2019", *STORY_B[1:]]))
    (folder / "court.pdf").write_bytes(makers.pdf([
        "Court to hear harbour dispute", "", "18 March 2019", "",
        'The regional court said on Monday it would hear the case in April. "Both sides will be',
        'heard in full," the court\'s president Lena Voss said.']))
    (folder / "haber.rtf").write_bytes(makers.rtf(pages_made.TURKISH, codepage=1254))
    (folder / "alert.eml").write_bytes(pages_made.eml(STORY_B))
    (folder / "feed.rss").write_bytes(pages_made.rss())
    (folder / "nexis-export.docx").write_bytes(makers.docx(exports_made.nexis_lines()))
    (folder / "photo.png").write_bytes(PNG)
    return folder
