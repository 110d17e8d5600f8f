"""Text dropped on the app from a browser or an editor: saved as an article file, then imported.

Saved, not imported from memory: every stored article names the file it came from, so a dropped
text can be found, opened, corrected and imported again like any other. It goes to a `dropped`
folder beside the store. A dropped link is refused: s400tracker never goes online, so the page
must be saved from the browser first.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from s400tracker.services.atomic import atomic_write

FOLDER = "dropped"
LINK_REFUSED = ("s400tracker reads only files on this computer and never goes online: save the "
                "page in the browser (Ctrl+S) and drop or import the saved file.")
_LINK = re.compile(r"\A\s*(?:https?|ftp)://\S+\s*\Z", re.IGNORECASE)
_NAME = re.compile(r"[^\w\-]+")


def is_link(text: str) -> bool:
    """A dropped text that is only an address."""
    return bool(_LINK.match(text))


def save_dropped_text(store_path: str | Path, text: str, now: dt.datetime | None = None) -> Path:
    """The file the dropped text was saved to, in the `dropped` folder beside the store, named by
    the time and its first words so that a list of them reads as a list of articles."""
    now = now or dt.datetime.now()
    folder = Path(store_path).parent / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    first = next((line for line in text.splitlines() if line.strip()), "")
    words = _NAME.sub("-", first.strip())[:48].strip("-") or "text"
    stem = f"{now:%Y%m%d-%H%M%S}-{words}"
    path = folder / f"{stem}.txt"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.txt"
        n += 1
    body = text.replace("\r\n", "\n").strip() + "\n"
    with atomic_write(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(body)
    return path
