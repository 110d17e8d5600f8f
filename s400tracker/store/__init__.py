"""The store: the only package that speaks SQL (through sqlite3, see db.py)."""

from s400tracker.store.errors import (  # noqa: F401
    CorruptStoreError,
    MissingStoreError,
    NotAStoreError,
    NotFoundError,
    ReadOnlyStoreError,
    StoreBusyError,
    StoreError,
    StoreTooNewError,
    StoreWriteError,
)
from s400tracker.store.repository import ExtractionChange, Store  # noqa: F401
