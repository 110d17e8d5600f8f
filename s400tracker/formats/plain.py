"""Plain-text articles: UTF-8 with or without BOM, UTF-16 by its BOM, else Windows-1252; binary
data refused. Also how a sidecar (articles.csv) is decoded."""

from __future__ import annotations

import codecs

from s400tracker.formats.model import Refusal

# File types that reach the text reader only when named as text and sniffing let them through;
# named by their first bytes all the same.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"), (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (Word, OpenDocument …)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Excel document"),
    (b"{\\rtf", "an RTF document (save it as plain text)"),
)
# Control characters text never holds; tab, newlines, form feed and \x1a (the DOS end-of-file
# mark) it may.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x1a), *range(0x1b, 0x20)])


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 by its BOM, else cp1252; the BOM is not text.

    Never a replacement character: the five bytes cp1252 leaves undefined decode to the C1
    controls of the same value, as browsers do, so every byte gives the character it stands for.
    """
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise Refusal(f"binary file ({kind}), not text")
    if data.startswith(codecs.BOM_UTF8):
        text = _decode(data[len(codecs.BOM_UTF8):], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, "utf-16")
    elif b"\x00" in data:
        if _looks_utf16(data):
            raise Refusal("UTF-16 text without a byte order mark; save it as UTF-8")
        raise Refusal("binary file, not text")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors=_C1)
    _refuse_binary(text)
    return text


def _looks_utf16(data: bytes) -> bool:
    # Latin-script UTF-16 has a NUL in every other byte; guessing its byte order would be a
    # guess, so we name the problem instead.
    head = data[:2000]
    half = max(1, len(head) // 2)
    return len(head) >= 16 and (head[0::2].count(0) > 0.8 * half or head[1::2].count(0) > 0.8 * half)


def _c1_controls(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start : error.end]
    return "".join(chr(b) for b in bad), error.end


_C1 = "s400tracker-c1"
codecs.register_error(_C1, _c1_controls)


def _refuse_binary(text: str) -> None:
    # Binary data without a NUL still decodes as cp1252, into a soup of control characters;
    # real text has next to none. The controls are ASCII, so each is one byte of the head's
    # UTF-8 and no other character's bytes: bytes.translate deletes them at C speed (a pattern
    # testing every character cost a tenth of reading an article).
    head = text[:8192]
    raw = head.encode("utf-8", "surrogatepass")
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(head) // 100):
        raise Refusal("binary file, not text")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise Refusal(f"not valid {encoding} text (byte {e.start})") from e
