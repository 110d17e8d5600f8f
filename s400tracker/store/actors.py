"""The actors table: the bundled actors kept in step with actors.json, the analyst's additions
and the aliases added to any of them."""

from __future__ import annotations

import dataclasses
import json
from typing import Sequence

from s400tracker.core.model import Actor
from s400tracker.store.connection import Connection
from s400tracker.store.errors import NotFoundError
from s400tracker.store.guard import guarded

_COLUMNS = {"key", "name", "group", "aliases", "color", "position"}
_UPSERT = """INSERT INTO actors (key, name, grp, aliases, color, position, origin, data)
             VALUES (:key, :name, :grp, :aliases, :color, :position, :origin, :data)"""


class Actors:
    def __init__(self, connection: Connection):
        self.connection = connection

    @guarded
    def sync(self, actors: Sequence[Actor]) -> None:
        """Make the bundled actors match `actors`; actors the analyst added stay as they are.

        Compared first, outside any transaction: opening a store whose actors are up to date
        (every launch but the first after actors.json changed) takes no write lock and writes
        nothing, so it never waits for another window's import.
        """
        rows = [_row(actor, position, "bundled") for position, actor in enumerate(actors)]
        if not self._changes(rows):
            return
        with self.connection.write():
            # Read again under the write lock: another window may have synced them meanwhile.
            for row in self._changes(rows):
                self.connection.db.execute(
                    _UPSERT + """ ON CONFLICT (key) DO UPDATE SET name = excluded.name,
                         grp = excluded.grp, aliases = excluded.aliases, color = excluded.color,
                         position = excluded.position, origin = excluded.origin,
                         data = excluded.data""",
                    row,
                )

    def _changes(self, rows: list[dict]) -> list[dict]:
        current = {r["key"]: r for r in self.connection.db.query("SELECT * FROM actors")}
        return [row for row in rows
                if (old := current.get(row["key"])) is None
                or any(old[k] != v for k, v in row.items())]

    @guarded
    def all(self) -> list[Actor]:
        """Tracked actors in display order: actors.json's order, then the analyst's additions."""
        rows = self.connection.db.query(
            "SELECT * FROM actors ORDER BY origin = 'analyst', position, key"
        )
        return [_to_actor(r, i) for i, r in enumerate(rows)]

    @guarded
    def add(self, actor: Actor) -> Actor:
        """Track a new actor (origin analyst); raises ValueError if the key is taken."""
        if not actor.key or not actor.name.strip():
            raise ValueError("an actor needs a key and a name")
        db = self.connection.db
        with self.connection.write():
            # Checked inside the transaction: another window may add the same actor meanwhile.
            if db.execute("SELECT 1 FROM actors WHERE key = ?", [actor.key]).fetchone():
                raise ValueError(f"an actor with key {actor.key!r} already exists")
            (last,) = db.execute(
                "SELECT COALESCE(MAX(position), -1) FROM actors WHERE origin = 'analyst'"
            ).fetchone()
            db.execute(_UPSERT, _row(actor, last + 1, "analyst"))
        return self._actor(actor.key)

    @guarded
    def add_alias(self, key: str, alias: str) -> Actor:
        """Add an alias to an actor; kept across syncs with actors.json. Re-extract to apply."""
        db = self.connection.db
        with self.connection.write():
            row = db.execute("SELECT extra_aliases FROM actors WHERE key = ?", [key]).fetchone()
            if row is None:
                raise NotFoundError(f"no actor {key!r}")
            extra = json.loads(row[0])
            alias = alias.strip()
            if alias and alias not in extra:
                db.execute(
                    "UPDATE actors SET extra_aliases = ? WHERE key = ?",
                    [json.dumps(extra + [alias], ensure_ascii=False), key],
                )
        return self._actor(key)

    def _actor(self, key: str) -> Actor:
        return next(a for a in self.all() if a.key == key)

    @guarded
    def keys(self) -> set[str]:
        return {r[0] for r in self.connection.db.execute("SELECT key FROM actors").fetchall()}


def _row(actor: Actor, position: int, origin: str) -> dict:
    rest = {k: v for k, v in dataclasses.asdict(actor).items() if k not in _COLUMNS}
    return {
        "key": actor.key,
        "name": actor.name,
        "grp": actor.group,
        "aliases": json.dumps(list(actor.aliases), ensure_ascii=False),
        "color": actor.color,
        "position": position,
        "origin": origin,
        "data": json.dumps(rest, ensure_ascii=False, sort_keys=True),
    }


def _to_actor(row: dict, position: int) -> Actor:
    fields = {f.name for f in dataclasses.fields(Actor)}
    data = json.loads(row["data"] or "{}")
    # Tuples become JSON lists; give them back as tuples so Actors stay hashable values.
    extra = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in fields}
    aliases = json.loads(row["aliases"]) + [
        a for a in json.loads(row["extra_aliases"]) if a not in json.loads(row["aliases"])
    ]
    return Actor(
        **extra,
        key=row["key"],
        name=row["name"],
        group=row["grp"],
        aliases=tuple(aliases),
        color=row["color"],
        position=position,
    )
