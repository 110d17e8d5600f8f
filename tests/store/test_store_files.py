"""Store files the user points us at: bad ones are refused with a clear message and never touched."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from s400tracker.store import (
    CorruptStoreError,
    NotAStoreError,
    ReadOnlyStoreError,
    Store,
    StoreError,
    StoreTooNewError,
)
from s400tracker.store import schema
from tests.helpers import ACTORS, make_document


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def a_store(path: Path) -> Path:
    with Store.open(path, ACTORS) as s:
        s.add_document(make_document("Akar said nothing yet."), [])
    return path


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def set_user_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()
    finally:
        conn.close()


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def other_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make, error, words", [
    (lambda p: p.write_text("date,quote\n2020-12-14,hello\n"), NotAStoreError, "not an s400tracker store"),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20), CorruptStoreError, "truncated"),
    (lambda p: truncate(a_store(p)), CorruptStoreError, "truncated"),
    (lambda p: set_user_version(a_store(p), 99), StoreTooNewError, "newer s400tracker"),
    (other_database, NotAStoreError, "not an s400tracker store"),
    (lambda p: p.write_bytes(b""), NotAStoreError, "empty file, not an s400tracker store"),
], ids=["text", "header-only", "truncated", "newer", "other-app", "empty"])
def test_bad_store_files_are_refused_untouched(tmp_path, make, error, words):
    path = tmp_path / "tracker.db"
    make(path)
    before = snapshot(path)
    with pytest.raises(error, match=words) as caught:
        Store.open(path, ACTORS)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    assert snapshot(path) == before


def test_a_named_pipe_is_refused_without_being_opened(tmp_path):
    path = tmp_path / "tracker.db"
    os.mkfifo(path)   # opening it to read its header would wait for a writer forever
    with pytest.raises(NotAStoreError, match="not a regular file"):
        Store.open(path, ACTORS)
    assert os.listdir(tmp_path) == ["tracker.db"]


def test_a_missing_store_is_created_only_when_asked(tmp_path):
    path = tmp_path / "tracker.db"
    with pytest.raises(StoreError, match="no store .* does not exist"):
        Store.open(path, ACTORS, create=False)
    assert os.listdir(tmp_path) == []
    Store.open(path, ACTORS).close()
    Store.open(path, ACTORS, create=False).close()


def test_a_read_only_store_is_refused_untouched(tmp_path):
    path = a_store(tmp_path / "tracker.db")
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    before = snapshot(path)
    try:
        with pytest.raises(ReadOnlyStoreError, match="read-only"):
            Store.open(path, ACTORS)
        assert snapshot(path) == before
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_folder_is_no_store(tmp_path):
    with pytest.raises(NotAStoreError, match="folder"):
        Store.open(tmp_path, ACTORS)


def test_a_store_in_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nowhere" / "t.db", ACTORS)


def test_a_new_store_uses_wal_foreign_keys_and_the_current_schema(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path, ACTORS) as s:
        assert s.backup_made is None
    assert user_version(path) == schema.current_version()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_migrating_backs_the_store_up_first(tmp_path, monkeypatch):
    path = a_store(tmp_path / "tracker.db")
    old = schema.current_version()

    def add_source_url(db):
        db.execute("ALTER TABLE documents ADD COLUMN source_note TEXT")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_source_url])
    with Store.open(path, ACTORS) as s:
        backup = s.backup_made
        assert s.document_count() == 1
    assert backup is not None and backup.exists()
    assert user_version(backup) == old
    assert user_version(path) == old + 1
    with Store.open(backup, ACTORS[:0]) as s:   # the backup is a working store of the old version
        pass


def test_a_failed_migration_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    path = a_store(tmp_path / "tracker.db")
    old = schema.current_version()

    def broken(db):
        db.execute("ALTER TABLE documents ADD COLUMN half_done TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    with pytest.raises(StoreError):
        Store.open(path, ACTORS)
    assert user_version(path) == old
    monkeypatch.undo()
    with Store.open(path, ACTORS) as s:
        assert s.document_count() == 1
    assert list(tmp_path.glob("*.bak"))  # the copy taken before trying


def test_reopening_a_store_keeps_its_content(tmp_path):
    path = a_store(tmp_path / "t.db")
    with Store.open(path, ACTORS) as s:
        assert s.document_count() == 1
        assert [a.key for a in s.actors()] == [a.key for a in ACTORS]


def test_a_store_in_a_read_only_folder_is_refused_untouched(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = a_store(folder / "tracker.db")
    before = snapshot(path)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ReadOnlyStoreError, match="read-only folder"):
            Store.open(path, ACTORS)
        with pytest.raises(ReadOnlyStoreError, match="read-only"):
            Store.open(folder / "new.db", ACTORS)
    finally:
        folder.chmod(stat.S_IRWXU)
    assert snapshot(path) == before


def test_a_store_someone_else_is_writing_opens_and_waits_its_turn(tmp_path):
    # Another program's open write transaction is no damage: opening waits for it (busy timeout)
    # rather than refusing the file.
    path = a_store(tmp_path / "tracker.db")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE documents SET title = 'renamed'")
    import threading

    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        with Store.open(path, ACTORS) as s:
            s.add_document(make_document("Kalın said more."), [])
            assert s.document_count() == 2
    finally:
        release.join()
        other.close()


def test_a_version_1_store_gains_the_sharing_tables_and_keeps_its_work(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    with Store.open(path, ACTORS) as s:
        s.add_document(make_document('"No", Akar said.'), [])
    monkeypatch.undo()
    assert user_version(path) == 1
    with Store.open(path, ACTORS) as s:
        assert s.backup_made is not None and s.document_count() == 1
    assert user_version(path) == schema.current_version()
    conn = sqlite3.connect(path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert {"annotation_history", "annotation_conflicts", "edits"} <= names
