"""PDF files: their text layer, with pypdf (pure Python). A scanned PDF has none and is
refused with that reason (we do no OCR); an encrypted one is refused unless it opens without a
password (many are 'protected' against printing only)."""

from __future__ import annotations

import io

from s400tracker.formats.model import Refusal


def pdf_lines(data: bytes) -> list[str]:
    """The text layer's lines, page after page (a blank line between pages)."""
    import logging

    import pypdf
    from pypdf.errors import DependencyError, PdfReadError

    # pypdf logs each repair of a damaged file ('EOF marker not found'); without a logging
    # set-up those lines would reach the terminal. The one-line refusal says what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as e:
                raise Refusal("an encrypted PDF this program cannot open; save it without "
                              "protection") from e
            if not opened:
                raise Refusal("an encrypted PDF (password-protected); save it without a password")
        lines: list[str] = []
        for page in reader.pages:
            lines.extend((page.extract_text() or "").splitlines())
            lines.append("")
    except PdfReadError as e:
        raise Refusal(f"a damaged PDF ({e})".replace("\n", " ")[:200]) from e
    if not any(line.strip() for line in lines):
        raise Refusal("no text layer (a scanned PDF?); run it through OCR or save it as text")
    return lines
