"""File-system steps shared by the store and the services (standard library only)."""

from __future__ import annotations

import os
from pathlib import Path


def sync_folder(folder: Path) -> None:
    """Put a rename or a new name in `folder` on the disk. Not every system lets a folder be
    opened for this, and the file itself is complete either way, so failing here is silent."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
