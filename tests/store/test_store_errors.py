"""A disk that fails under any call of the store is one StoreError naming the file, never a raw
sqlite3 error: every public call of Store, and of sharing.py, meets a connection whose every
statement fails as a dying disk makes SQLite fail."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from s400tracker.core.model import Actor, Found
from s400tracker.core.sharing import Conflict, Content, Edit
from s400tracker.store import Store, StoreError, sharing
from s400tracker.store import connection as connection_module
from tests.helpers import ACTORS, make_document

TEXT = 'Akar said "we will respond". Pompeo said "resolve it now".'
START = TEXT.index("we will respond")
FOUND = [Found(start=START, end=START + 15, quote="we will respond", kind="direct", speaker="Akar",
               actor="akar", date=dt.date(2020, 12, 15), date_basis="explicit")]
DAY = dt.date(2020, 12, 15)


class DyingDisk:
    """A sqlite3 connection whose every statement (and its closing) fails with an I/O error."""

    def __init__(self, real: sqlite3.Connection):
        self.real = real

    def _fail(self, *args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    execute = executemany = executescript = commit = rollback = close = _fail
    set_trace_callback = _fail

    def __getattr__(self, name):
        return getattr(self.real, name)


def _bulk(store, **options):
    with store.bulk(**options):
        pass


# public call -> how the test makes it, given the store and a statement id and document id of it
CALLS = {
    "close": lambda s, sid, doc: s.close(),
    "bulk": lambda s, sid, doc: _bulk(s),
    "commit_group": None,   # commits only inside an import: its own test below
    "analyze": lambda s, sid, doc: s.analyze(),
    "sync_actors": lambda s, sid, doc: s.sync_actors(ACTORS[:1]),
    "actors": lambda s, sid, doc: s.actors(),
    "add_actor": lambda s, sid, doc: s.add_actor(Actor(key="eu", name="EU", group="Europe")),
    "add_alias": lambda s, sid, doc: s.add_alias("akar", "the minister"),
    "document_id": lambda s, sid, doc: s.document_id("0" * 64),
    "add_document": lambda s, sid, doc: s.add_document(make_document("Another."), []),
    "replace_extraction": lambda s, sid, doc: s.replace_extraction(doc, FOUND),
    "documents": lambda s, sid, doc: s.documents(),
    "document": lambda s, sid, doc: s.document(doc),
    "document_count": lambda s, sid, doc: s.document_count(),
    "undated_documents": lambda s, sid, doc: s.undated_documents(),
    "publication_votes": lambda s, sid, doc: s.publication_votes(doc),
    "undated_twins": lambda s, sid, doc: s.undated_twins([doc]),
    "set_publication": lambda s, sid, doc: s.set_publication(doc, DAY, "inferred"),
    "matrix_cells": lambda s, sid, doc: s.matrix_cells(),
    "matrix_columns": lambda s, sid, doc: s.matrix_columns(),
    "statements": lambda s, sid, doc: s.statements(),
    "dated_quotes": lambda s, sid, doc: s.dated_quotes(),
    "long_rows": lambda s, sid, doc: s.long_rows(),
    "statement_count": lambda s, sid, doc: s.statement_count(),
    "statement": lambda s, sid, doc: s.statement(sid),
    "untracked_speakers": lambda s, sid, doc: s.untracked_speakers(),
    "tags": lambda s, sid, doc: s.tags(),
    "date_span": lambda s, sid, doc: s.date_span(),
    "annotate": lambda s, sid, doc: s.annotate(sid, "a note"),
    "correct": lambda s, sid, doc: s.correct(sid, date=DAY),
    "set_hidden": lambda s, sid, doc: s.set_hidden(sid, True),
    "add_statement": lambda s, sid, doc: s.add_statement(doc, 0, 4, "akar"),
    "delete_statement": lambda s, sid, doc: s.delete_statement(sid),
    "split_merged": lambda s, sid, doc: s.split_merged(sid),
    "rejoin_merged": lambda s, sid, doc: s.rejoin_merged(sid, []),
}

SHARING = {
    "transaction": lambda s, sid, doc: sharing.transaction(s).__enter__(),
    "annotation_state": lambda s, sid, doc: sharing.annotation_state(s, sid),
    "history_of": lambda s, sid, doc: sharing.history_of(s, [sid]),
    "remember": lambda s, sid, doc: sharing.remember(s, sid, ["h"]),
    "put_annotation": lambda s, sid, doc: sharing.put_annotation(s, sid, Content("n"), "ann", "", "t"),
    "conflicts": lambda s, sid, doc: sharing.conflicts(s),
    "add_conflict": lambda s, sid, doc: sharing.add_conflict(s, Conflict(sid, Content("n"), "bo", "t")),
    "drop_conflict": lambda s, sid, doc: sharing.drop_conflict(s, sid, "h"),
    "conflicted_ids": lambda s, sid, doc: sharing.conflicted_ids(s),
    "edit_of": lambda s, sid, doc: sharing.edit_of(s, sid, "date"),
    "record_edit": lambda s, sid, doc: sharing.record_edit(s, sid, "date", Edit("2020-12-15", "a", "t")),
    "worked_statements": lambda s, sid, doc: sharing.worked_statements(s),
    "has_statement": lambda s, sid, doc: sharing.has_statement(s, sid),
}


def test_every_public_call_is_in_the_table():
    public = {name for name in dir(Store) if not name.startswith("_")
              and callable(getattr(Store, name)) and name != "open"}
    assert public == set(CALLS)
    functions = {name for name, value in vars(sharing).items() if callable(value)
                 and getattr(value, "__module__", "") == sharing.__name__ and not name.startswith("_")}
    assert functions - {"now"} == set(SHARING)


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    """A store with one article (one for the module: a failing call changes nothing in it)."""
    path = tmp_path_factory.mktemp("dying") / "t.db"
    store = Store.open(path, ACTORS)
    doc, _ = store.add_document(make_document(TEXT), FOUND)
    yield store, store.statements()[0].id, doc, str(path)
    store.close()


@pytest.fixture
def failing(opened):
    """That store, its connection failing at every statement for the test."""
    store = opened[0]
    db = store.connection.db
    real = db.conn
    db.conn = DyingDisk(real)
    yield opened
    db.conn = real


@pytest.mark.parametrize("name", [n for n, call in {**CALLS, **SHARING}.items() if call])
def test_a_failing_disk_is_a_store_error_naming_the_file(failing, name):
    store, sid, doc, path = failing
    call = CALLS.get(name) or SHARING[name]
    with pytest.raises(StoreError) as raised:
        call(store, sid, doc)
    assert path in str(raised.value) and "\n" not in str(raised.value)


def test_opening_on_a_failing_disk_is_a_store_error(tmp_path, monkeypatch):
    path = tmp_path / "t.db"
    Store.open(path, ACTORS).close()
    real = connection_module.connect
    monkeypatch.setattr(connection_module, "connect", lambda target: DyingDisk(real(target)))
    with pytest.raises(StoreError):
        Store.open(path, ACTORS)


def test_a_group_commit_on_a_failing_disk_is_a_store_error(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path, ACTORS) as store:
        db = store.connection.db
        real = db.conn
        with pytest.raises(StoreError) as raised, store.bulk(grouped=True):
            store.add_document(make_document(TEXT), FOUND)
            db.conn = DyingDisk(real)
            try:
                store.commit_group()
            finally:
                db.conn = real
        assert str(path) in str(raised.value)

