"""Opening a store file without ever damaging it.

Everything that can be judged from the file's 100-byte header is judged before SQLite opens it:
a file that is not SQLite, truncated, written by a newer version or read-only is refused untouched
(opening alone would not write, but switching to WAL or migrating would).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from s400tracker.core.files import sync_folder
from s400tracker.store.errors import (
    CorruptStoreError,
    MissingStoreError,
    NotAStoreError,
    ReadOnlyStoreError,
    StoreBusyError,
    StoreError,
    StoreTooNewError,
    StoreWriteError,
)

MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def check_file(path: Path, newest: int, create: bool = True) -> None:
    """Raise a StoreError if `path` must not be opened as a store. A missing file is created
    only when `create` says so: a mistyped name must not become an empty store. A file that
    exists is never turned into a store, not even an empty one (it may be the analyst's)."""
    try:
        st = path.stat()
        mode, size = st.st_mode, st.st_size
    except FileNotFoundError:
        mode = size = None
    except OSError as e:
        raise StoreError(f"cannot read store {path}: {e.strerror or e}") from e
    if mode is None:
        if not create:
            raise MissingStoreError(f"no store {path}: the file does not exist "
                                    "(importing articles into it creates one)")
        parent = path.parent if str(path.parent) else Path(".")
        if not parent.is_dir():
            raise StoreError(f"cannot create store {path}: folder {parent} does not exist")
        if not _writable(parent):
            raise ReadOnlyStoreError(f"cannot create store {path}: folder {parent} is read-only")
        return
    if stat.S_ISDIR(mode):
        raise NotAStoreError(f"{path} is a folder, not an s400tracker store")
    if not stat.S_ISREG(mode):
        # Never opened: opening a named pipe waits for a writer, and a device is no store.
        raise NotAStoreError(f"{path} is not a regular file (a pipe or a device), "
                             "not an s400tracker store")
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as e:
        raise StoreError(f"cannot read store {path}: {e.strerror or e}") from e
    if size == 0:
        raise NotAStoreError(f"{path} is an empty file, not an s400tracker store; "
                             "it was left as it is")
    if not header.startswith(MAGIC[: min(len(header), len(MAGIC))]) or size < len(MAGIC):
        raise NotAStoreError(f"{path} is not an s400tracker store (not an SQLite database)")
    if size < 100:
        raise CorruptStoreError(f"store {path} is truncated ({size} bytes)")
    _check_size(path, header, size)
    version = int.from_bytes(header[60:64], "big")
    if version > newest:
        raise StoreTooNewError(
            f"store {path} was written by a newer s400tracker (schema {version}, "
            f"this version reads up to {newest}); upgrade s400tracker to open it"
        )
    _check_writable(path)


def _check_size(path: Path, header: bytes, size: int) -> None:
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise CorruptStoreError(f"store {path} is damaged (bad page size {page_size})")
    # The page count in the header is trusted only when its "version-valid-for" stamp matches the
    # change counter (SQLite file format, section 1.3.7).
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]
    if size % page_size or (valid and size < pages * page_size):
        raise CorruptStoreError(
            f"store {path} is truncated ({size} bytes, expected {pages * page_size}); "
            "restore it from a backup"
        )


def _writable(path: Path) -> bool:
    # os.access says yes to root for every file; the mode bits tell what the user meant, so a
    # store someone made read-only stays untouched even when we run as root.
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _check_writable(path: Path) -> None:
    if not _writable(path):
        raise ReadOnlyStoreError(f"store {path} is read-only; make it writable or use another --db")
    if not _writable(path.parent if str(path.parent) else Path(".")):
        # SQLite needs the folder for its journal (-wal, -shm) files.
        raise ReadOnlyStoreError(f"store {path} is in a read-only folder {path.parent}")


def create_whole(path: Path, build) -> None:
    """Make a new store at `path`: `build(temporary)` creates it in a file beside, which then
    takes `path`'s name whole. Should another program have created `path` meanwhile, its store
    is kept and ours dropped."""
    temporary = path.parent / f".{path.name}.{os.urandom(4).hex()}.new"
    try:
        build(temporary)
        log = Path(f"{temporary}-wal")
        if log.exists() and log.stat().st_size:
            # Closing the last connection copies the log back into the file; it did not.
            raise StoreWriteError(f"cannot create store {path}: its log was not written back")
        try:
            os.link(temporary, path)   # never replaces a file that appeared meanwhile
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():      # a file system without hard links
                os.replace(temporary, path)
        sync_folder(path.parent)
    except OSError as e:
        raise StoreWriteError(f"cannot create store {path}: {e.strerror or e}") from e
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            try:
                leftover.unlink()
            except OSError:
                pass


def connect(target: str) -> sqlite3.Connection:
    # check_same_thread=False: the GUI imports in a worker thread; Store serialises access itself.
    # isolation_level=None: no implicit transactions; writes go through transactions.write().
    conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def describe(error: sqlite3.Error, path: object) -> StoreError:
    """Turn an sqlite3 error from the environment into a one-line StoreError."""
    text = str(error)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return StoreBusyError(f"store {path} is locked by another program ({text})")
    if "readonly" in lowered or "read-only" in lowered:
        return ReadOnlyStoreError(f"store {path} is read-only ({text})")
    if "not a database" in lowered:
        return NotAStoreError(f"{path} is not an s400tracker store ({text})")
    if "malformed" in lowered or "corrupt" in lowered:
        return CorruptStoreError(f"store {path} is damaged ({text}); restore it from a backup")
    if "disk is full" in lowered or "disk i/o" in lowered:
        return StoreWriteError(f"cannot write store {path}: {text}")
    return StoreError(f"store {path}: {text}")
