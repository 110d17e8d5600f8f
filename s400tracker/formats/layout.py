"""Paragraphs from text laid out in lines (a PDF's text layer, a hard-wrapped e-mail)."""

from __future__ import annotations

_ENDS = (".", "!", "?", ":", '"', "”", "’", "»", ")")


def reflow(lines: list[str]) -> list[str]:
    """Lines joined into paragraphs: a line as long as the page's lines run on into the next
    unless it ends a sentence and the next opens one; a short line ends its paragraph (titles,
    header lines, a paragraph's last line); a blank line always does. A word hyphenated over a
    line break is joined."""
    stripped = [line.strip() for line in lines]
    lengths = sorted(len(s) for s in stripped if s)
    if not lengths:
        return []
    width = lengths[int(len(lengths) * 0.9)]   # the usual full line, ignoring a few long ones
    out: list[str] = []
    current = ""
    for s in stripped:
        if not s:
            if current:
                out.append(current)
            current = ""
            continue
        if current and _runs_on(current_last, s, width):
            if current.endswith("-") and s[:1].islower():
                current = current[:-1] + s
            else:
                current = f"{current} {s}"
        else:
            if current:
                out.append(current)
            current = s
        current_last = s
    if current:
        out.append(current)
    return out


def _runs_on(previous: str, following: str, width: int) -> bool:
    if len(previous) < 0.7 * width:
        return False
    if following[:1].islower():
        return True
    return not previous.endswith(_ENDS)
