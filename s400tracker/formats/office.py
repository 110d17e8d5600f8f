"""Word (.docx) and OpenDocument (.odt) files, read with the standard library's zipfile and
ElementTree: their text is in one XML part (word/document.xml, content.xml), paragraph by
paragraph; that is all we need, and no library has to be installed for it."""

from __future__ import annotations

import io
import zipfile
import xml.etree.ElementTree as ET

from s400tracker.formats.model import Refusal

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def docx_paragraphs(data: bytes) -> list[str]:
    root = ET.fromstring(_part(data, "word/document.xml", "Word document"))
    body = root.find(f"{_W}body")
    if body is None:
        raise Refusal("a Word document without a body")
    out = []
    for p in body.iter(f"{_W}p"):
        parts = []
        for el in p.iter():
            if el.tag == f"{_W}t" and el.text:
                parts.append(el.text)
            elif el.tag == f"{_W}tab":
                parts.append("\t")
            elif el.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        out.extend("".join(parts).split("\n"))
    return out


def odt_paragraphs(data: bytes) -> list[str]:
    manifest = _maybe_part(data, "META-INF/manifest.xml")
    if manifest and b"encryption-data" in manifest:
        raise Refusal("a password-protected OpenDocument file; save it without a password")
    root = ET.fromstring(_part(data, "content.xml", "OpenDocument text"))
    body = root.find(f"{_OFFICE}body")
    if body is None:
        raise Refusal("an OpenDocument file without a body")
    out: list[str] = []
    _odt_blocks(body, out)
    return out


def _odt_blocks(el, out: list[str]) -> None:
    """Paragraphs and headings in document order (inside lists, tables, sections)."""
    for child in el:
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            out.extend(_odt_text(child).split("\n"))
        else:
            _odt_blocks(child, out)


def _odt_text(el) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif child.tag in (f"{_TEXT}note", f"{_TEXT}annotation"):
            pass   # footnotes and comments are no part of the article
        else:
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# The text of an article export runs to a few megabytes; a part that unpacks to more is a
# zip bomb or no article, and is refused before it fills the memory.
MAX_PART = 200 * 1024 * 1024


def _maybe_part(data: bytes, name: str) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if name not in z.namelist():
                return None
            if z.getinfo(name).file_size > MAX_PART:
                raise Refusal(f"too large once unpacked ({name} over {MAX_PART // 2**20} MB)")
            return z.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise Refusal("a damaged zip file, not readable") from e


def _part(data: bytes, name: str, what: str) -> bytes:
    try:
        content = _maybe_part(data, name)
    except RuntimeError as e:   # zipfile: an encrypted member
        raise Refusal(f"a password-protected {what}") from e
    if content is None:
        raise Refusal(f"a damaged {what} (no {name})")
    return content
