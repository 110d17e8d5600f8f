"""The store: the only package that imports sqlite_utils or writes SQL."""

from s400tracker.store.errors import (  # noqa: F401
    CorruptStoreError,
    NotAStoreError,
    NotFoundError,
    ReadOnlyStoreError,
    StoreBusyError,
    StoreError,
    StoreTooNewError,
    StoreWriteError,
)
from s400tracker.store.repository import ExtractionChange, Store  # noqa: F401
