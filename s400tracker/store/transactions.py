"""Write transactions that another window or the CLI cannot break.

The connection runs in autocommit mode (isolation_level None), so the sqlite3 module never opens a
transaction behind our back and every read outside `write()` sees the latest commit: a second
window shows the first one's edits on its next refresh.

Every write takes SQLite's write lock at its start (BEGIN IMMEDIATE). With a plain, deferred BEGIN
a transaction that reads first (is the article stored already?) and writes next fails at once with
"database is locked" when another connection committed in between: in WAL mode SQLite cannot
upgrade a stale read snapshot and does not wait. Taking the lock first makes the busy timeout
apply instead: the writer waits for the other one's short transaction, then goes on.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from typing import Iterator


@contextlib.contextmanager
def write(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction; nested calls become savepoints of the outer one."""
    if conn.in_transaction:
        name = f"s400_{os.urandom(8).hex()}"   # not secrets: its import was 1 ms of launch
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    commit(conn)


def commit(conn: sqlite3.Connection) -> None:
    """COMMIT; a commit that fails (disk full) rolls back, leaving no transaction half open."""
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
