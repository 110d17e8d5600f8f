"""Who maintains a store's full-text index while an import defers it.

An import that defers the quotes' index (Store.bulk(defer_index=True)) holds a shared lock on a
file beside the store, `<store>.importing`, for as long as it runs; the operating system drops the
lock when the process ends, however it ends. Opening a store finds the index deferred either way:
when it can take the lock exclusively, no import is running and the one that deferred the index
died, so opening rebuilds it; when it cannot, an import is running and will rebuild the index
itself at its end, and opening leaves it alone (rebuilding it took seconds, and every edit waited).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:   # Windows
    fcntl = None
    import msvcrt


def _lock_path(store: Path) -> Path:
    return store.with_name(store.name + ".importing")


def _open(store: Path) -> int | None:
    try:
        return os.open(_lock_path(store), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None   # a folder we cannot write: the store itself is refused before this matters


@contextlib.contextmanager
def importing(store: Path | None) -> Iterator[None]:
    """Mark an import as running on `store` (None: a store in memory) until the block ends."""
    fd = _open(store) if store is not None else None
    if fd is None:
        yield
        return
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_SH)   # other imports share it; an opener's check waits
        else:
            with contextlib.suppress(OSError):   # held already by another import: it marks both
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        yield
    finally:
        os.close(fd)   # closing releases the lock


@contextlib.contextmanager
def import_running(store: Path) -> Iterator[bool]:
    """True inside the block when another process (or store) imports into `store`; when False,
    no import can start before the block ends."""
    fd = _open(store)
    if fd is None:
        yield False
        return
    try:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            yield True
            return
        yield False
    finally:
        os.close(fd)
