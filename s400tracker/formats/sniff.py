"""Which reader a file needs, by what its bytes are rather than what its name says.

A .doc saved by Word as a web page (and old Nexis '.DOC' exports) is HTML: it is read as HTML.
A .docx that is no zip, an image named .txt, an archive or a program is refused with one line.
"""

from __future__ import annotations

import re

from s400tracker.formats.model import Refusal

# First bytes of files that are no article, with what they are.
_REFUSED = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"), (b"\xfd7zXZ\x00", "an xz archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\xcf\xfa\xed\xfe", "a program (Mach-O executable)"),
    (b"\xfe\xed\xfa\xce", "a program (Mach-O executable)"),
    (b"\xfe\xed\xfa\xcf", "a program (Mach-O executable)"),
    (b"\xca\xfe\xba\xbe", "a program or Java class"),
    (b"ID3", "an MP3 audio file"), (b"OggS", "an Ogg audio or video file"),
    (b"\x1aE\xdf\xa3", "a video (Matroska/WebM)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an old Word/Excel file or a password-protected Office file; save it as .docx without a password"),
)
_MAGIC_FIRST = {magic[:1] for magic, _ in _REFUSED}
_HTML = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b",
                   re.IGNORECASE | re.DOTALL)
_HTML_ANYWHERE = re.compile(rb"<html[\s>]", re.IGNORECASE)
_FEED = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*)*"
                   rb"<(?:(?P<rss>rss)|(?P<atom>(?:\w+:)?feed)|(?P<rdf>rdf:RDF))\b",
                   re.IGNORECASE | re.DOTALL)
_MAIL_HEADER = re.compile(
    rb"\A(?:(?:[!-9;-~]+:[^\r\n]*|[ \t][^\r\n]*)\r?\n){2,}", re.ASCII)
_KNOWN_MAIL_HEADERS = re.compile(
    rb"^(?:mime-version|from|subject|date|message-id|received|return-path|to|content-type|"
    rb"snapshot-content-location):", re.IGNORECASE | re.MULTILINE)
_MIME_SUFFIXES = (".eml", ".mht", ".mhtml")

SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".mht", ".mhtml", ".eml", ".docx", ".odt",
            ".pdf", ".rtf", ".xml", ".rss", ".atom", ".doc")


def sniff(suffix: str, data: bytes) -> tuple[str, str]:
    """(reader, note): the reader's name ('text', 'html', 'mime', 'docx', 'odt', 'pdf', 'rtf',
    'feed') and, when the name said otherwise, how the file is read; or a Refusal."""
    suffix = suffix.lower()
    head = data[:8192]
    if not head.strip() and not data.strip():
        raise Refusal("empty file")
    if head.startswith(b"%PDF-"):
        return "pdf", _note(suffix, ".pdf", "a PDF")
    if head.startswith(b"{\\rtf"):
        return "rtf", _note(suffix, ".rtf", "an RTF document")
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, suffix)
    if head[:1] in _MAGIC_FIRST:
        for magic, what in _REFUSED:
            if head.startswith(magic):
                raise Refusal(f"{what}, not an article")
    if head[:4] in (b"RIFF",) and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        raise Refusal("an image, audio or video file, not an article")
    if head[4:8] == b"ftyp":
        raise Refusal("a video or audio file, not an article")
    if len(head) > 262 and head[257:262] == b"ustar":
        raise Refusal("a tar archive, not an article")
    if head[:2] == b"MZ" and b"\x00" in head[:64]:
        raise Refusal("a program (Windows executable), not an article")
    if suffix in _MIME_SUFFIXES or (_MAIL_HEADER.match(head)
                                    and len(_KNOWN_MAIL_HEADERS.findall(head[:2048])) >= 2):
        return "mime", ""
    if _FEED.match(head):
        return "feed", ""
    if suffix in (".xml", ".rss", ".atom"):
        raise Refusal("an XML file that is no RSS or Atom feed")
    if _HTML.match(head) or suffix in (".html", ".htm", ".xhtml") or (
            suffix == ".doc" and _HTML_ANYWHERE.search(head)):
        note = "" if suffix in (".html", ".htm", ".xhtml", ".txt", "") else \
            f"a {suffix} file that is a web page, read as HTML"
        return "html", note
    if suffix in (".docx", ".odt"):
        raise Refusal(f"named {suffix} but not a {'Word' if suffix == '.docx' else 'OpenDocument'} "
                      f"file (no zip inside)")
    if suffix == ".doc":
        raise Refusal("named .doc but not a Word file")
    if suffix == ".pdf":
        raise Refusal("named .pdf but not a PDF")
    return "text", ""


def _note(suffix: str, expected: str, what: str) -> str:
    return "" if suffix == expected else f"{what} named {suffix or 'without a suffix'}, read as such"


def _zip_kind(data: bytes, suffix: str) -> tuple[str, str]:
    import io
    import zipfile   # here: a .txt never needs it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise Refusal("a damaged zip file (Word, OpenDocument …), not readable") from e
    if "word/document.xml" in names:
        return "docx", _note(suffix, ".docx", "a Word document")
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return "odt", _note(suffix, ".odt", "an OpenDocument text")
    if "xl/workbook.xml" in names or mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        raise Refusal("a spreadsheet, not an article")
    if "ppt/presentation.xml" in names or mimetype.startswith(b"application/vnd.oasis.opendocument.presentation"):
        raise Refusal("a presentation, not an article")
    if mimetype.startswith(b"application/epub"):
        raise Refusal("an e-book (EPUB), not an article")
    raise Refusal("a zip archive, not an article; unpack it and import its files")
