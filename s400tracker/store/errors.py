"""Errors of the environment around the store: the user can act on them, they are no bugs.

Every message is one readable line that names the file, so the CLI and the GUI can show it as is.
"""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be used as asked; the message says why, in one line."""


class MissingStoreError(StoreError):
    """No file at the path, and the caller did not ask to create a store there."""


class NotAStoreError(StoreError):
    """The file is not SQLite, or is SQLite but not an s400tracker store."""


class CorruptStoreError(StoreError):
    """The file is an SQLite database but damaged (truncated, malformed)."""


class StoreTooNewError(StoreError):
    """Written by a newer version of s400tracker; this version must not touch it."""


class ReadOnlyStoreError(StoreError):
    """The file or its folder cannot be written."""


class StoreBusyError(StoreError):
    """Another program holds the store locked for longer than we wait."""


class StoreWriteError(StoreError):
    """A write failed: disk full, I/O error."""


class NotFoundError(LookupError):
    """No statement, document or actor with that id (a stale id from the GUI, a typo in the CLI)."""
