"""The one gate every use of a store's connection goes through: access serialised by the
store's lock, and SQLite's errors of the environment (locked, read-only, full disk, damaged)
turned into one-line StoreErrors that name the file. Errors that are bugs of ours (an integrity
or programming error) pass unchanged.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from typing import Iterator

from s400tracker.store.opening import describe


def guarded(method):
    """For a method of a repository: an object whose `connection` is the store's Connection."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with mapped(self.connection):
            return method(self, *args, **kwargs)

    return wrapper


@contextlib.contextmanager
def mapped(connection) -> Iterator[None]:
    """The block runs holding the connection's lock (connection.py), with SQLite's environment
    errors mapped to StoreErrors naming its file."""
    with connection.lock:
        try:
            yield
        except (sqlite3.OperationalError, sqlite3.DatabaseError) as e:
            if isinstance(e, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
                raise  # a bug of ours, not the environment's
            raise describe(e, connection.path) from e
        except UnicodeEncodeError as e:
            # Text that is no valid Unicode (a lone surrogate) cannot be stored; the caller
            # should have refused it, so say which text, once, instead of SQLite's traceback.
            raise ValueError(f"text that is not valid Unicode cannot be stored "
                             f"({e.object[e.start:e.end]!r} at character {e.start})") from e
