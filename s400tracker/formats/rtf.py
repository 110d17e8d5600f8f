"""RTF files with striprtf: its \\'xx bytes decode in the document's \\ansicpg code page (a
Turkish Word saves \\ansicpg1254), its \\uN escapes give their characters."""

from __future__ import annotations

import codecs
import re

from s400tracker.formats.model import Refusal

_ANSICPG = re.compile(rb"\\ansicpg(\d{3,5})")


def rtf_lines(data: bytes) -> list[str]:
    from striprtf.striprtf import rtf_to_text

    m = _ANSICPG.search(data[:4096])
    codec = f"cp{int(m.group(1))}" if m else "cp1252"
    try:
        codecs.lookup(codec)
    except LookupError:
        codec = "cp1252"
    # RTF is 7-bit text; Latin-1 maps any stray 8-bit byte to one character, never failing.
    text = rtf_to_text(data.decode("latin-1"), encoding=codec, errors="replace")
    if not text.strip():
        raise Refusal("an RTF document without text")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
