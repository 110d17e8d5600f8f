"""Kill an import at random moments and check the store after each kill.

    python -m bench.fault_injection                  # 20 kills, 300 articles
    python -m bench.fault_injection --kills 5 --count 60 --seed 7

Generates articles (bench.generate), imports them once without interruption into a reference
store, then imports them into another store with `s400tracker import` in a subprocess that is
SIGKILLed at a random moment, again and again. After each kill:

- `PRAGMA integrity_check` and `PRAGMA foreign_key_check` find nothing, nor does the full-text
  index's own check;
- every stored article is whole: its statements are exactly those the reference store holds for
  the same text (same ids, same offsets), and no statement is left without its article;
- no merge points at a merged report (which no view would show);
- a copy of the killed store, its import run again to the end, exports (long and matrix CSV)
  exactly the bytes the reference exports: a resumed import gives what a clean one gives.

When a run finishes before its kill, or was killed after writing every article, the store starts
again empty so the next kill lands in an import. At the end one uninterrupted run finishes the import, and the store must equal the
reference: same documents, same statement ids, same exports. Prints "20/20 intact, 20/20
resumed imports export as a clean one" and exits 0 when all hold.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import generate

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Outcome:
    kills: int = 0
    intact: int = 0
    mid_import: int = 0                 # kills that landed before the import had finished
    partial: int = 0                    # kills that left some of the articles, not all
    resumed: int = 0                    # killed stores whose import was finished on a copy
    resumed_equal: int = 0              # ... and then exported what the reference exports
    problems: list[str] = field(default_factory=list)
    equals_clean: bool = False
    documents: int = 0
    statements: int = 0

    @property
    def ok(self) -> bool:
        return (self.intact == self.kills and self.resumed_equal == self.resumed
                and self.equals_clean and not self.problems)


def contents(db: Path) -> dict[str, frozenset]:
    """Each stored article (by text hash) with its statements (id, start, end)."""
    if not db.exists():
        return {}
    conn = sqlite3.connect(db)
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            return {}                   # killed before the schema was created: no article yet
        docs = {sha: set() for (sha,) in conn.execute("SELECT sha256 FROM documents")}
        rows = conn.execute(
            """SELECT d.sha256, m.statement_id, m."start", m."end"
               FROM mentions m JOIN documents d ON d.id = m.document_id"""
        )
        for sha, sid, start, end in rows:
            docs[sha].add((sid, start, end))
        return {sha: frozenset(s) for sha, s in docs.items()}
    finally:
        conn.close()


def check(db: Path, reference: dict[str, frozenset]) -> list[str]:
    """What is wrong with the store after a kill; empty when it is intact."""
    if not db.exists():
        return []                       # killed before the store was created: nothing to lose
    problems = []
    conn = sqlite3.connect(db)
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            return []                   # killed while creating the schema: an empty file
        (result,) = conn.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            problems.append(f"integrity_check: {result}")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check finds dangling references")
    finally:
        conn.close()
    # A large import rebuilds the quotes' index at its end; killed before, the next open does
    # (Store.bulk). So the indexes are checked against their tables as the next run sees them.
    from s400tracker.store import Store

    Store.open(db).close()
    conn = sqlite3.connect(db)
    try:
        for fts in ("statements_fts", "annotations_fts"):
            try:
                conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as e:
                problems.append(f"{fts}: {e}")
        (orphans,) = conn.execute(
            "SELECT count(*) FROM statements WHERE id NOT IN (SELECT statement_id FROM mentions)"
        ).fetchone()
        if orphans:
            problems.append(f"{orphans} statements without their article")
        (chained,) = conn.execute(
            "SELECT count(*) FROM statements s JOIN statements h ON h.id = s.same_as "
            "WHERE h.same_as IS NOT NULL").fetchone()
        if chained:
            problems.append(f"{chained} statements merged into a merged report")
    finally:
        conn.close()
    for sha, statements in contents(db).items():
        if sha not in reference:
            problems.append(f"article {sha[:12]} is not one of the generated articles")
        elif statements != reference[sha]:
            problems.append(
                f"article {sha[:12]} is partial: {len(statements)} of "
                f"{len(reference[sha])} statements"
            )
    return problems


def exports(db: Path) -> dict[str, bytes]:
    """The store's long and matrix CSV exports, as bytes."""
    import io

    from s400tracker.services import export
    from s400tracker.store import Store

    out = {}
    with Store.open(db) as store:
        for kind in ("long", "matrix"):
            buf = io.StringIO(newline="")
            getattr(export, f"export_{kind}")(store, buf)
            out[kind] = buf.getvalue().encode("utf-8")
    return out


def resume(articles: Path, db: Path, copy: Path) -> dict[str, bytes]:
    """Finish the killed import on a copy of its store; returns the copy's exports."""
    _remove(copy)
    for suffix in ("", "-wal"):
        if Path(f"{db}{suffix}").exists():
            shutil.copyfile(f"{db}{suffix}", f"{copy}{suffix}")
    subprocess.run(import_command(articles, copy), cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return exports(copy)


def import_command(articles: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "s400tracker", "import", str(articles), "--db", str(db)]


def timed_import(articles: Path, db: Path) -> float:
    """Import without interruption; returns how long it took, to spread the kills over."""
    began = time.monotonic()
    subprocess.run(import_command(articles, db), cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.monotonic() - began


def run(kills: int = 20, count: int = 300, seed: int = 400, workdir: Path | None = None,
        say=print) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="s400-faults-") as tmp:
        work = Path(workdir or tmp)
        articles = work / "articles"
        generate(count, articles, seed)
        clean_db, db = work / "clean.db", work / "killed.db"
        duration = timed_import(articles, clean_db)
        # Starting up and finding every article already present: the part of a run before
        # anything is written. Kills are spread over it and the writing that remains.
        idle = timed_import(articles, clean_db)
        per_article = max(duration - idle, 0.0) / count
        reference = contents(clean_db)
        clean_exports = exports(clean_db)
        rng = random.Random(seed)
        outcome = Outcome()
        for n in range(1, kills + 1):
            remaining = count - len(contents(db))
            # One kill in four at a moment in time (starting up, creating the store, rebuilding
            # the index at the end); the others once the store holds a random number more of
            # the articles, while the import writes the next ones: timed alone, kills of a fast
            # import left all of its articles or none.
            after = rng.randint(1, remaining - 1) if remaining > 1 and rng.random() < 0.75 else 0
            delay = rng.uniform(0.05, idle + remaining * per_article)
            target = count - remaining + after
            began = time.monotonic()
            proc = subprocess.Popen(import_command(articles, db), cwd=ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if after:
                _wait_for_articles(proc, db, target)
            else:
                time.sleep(delay)
            delay = time.monotonic() - began
            finished = proc.poll() is not None
            if not finished:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            problems = check(db, reference)
            stored = len(contents(db)) if not problems else 0
            outcome.kills += 1
            outcome.mid_import += not finished
            outcome.intact += not problems
            state = "intact" if not problems else "DAMAGED: " + "; ".join(problems[:3])
            if not finished and not problems:
                outcome.resumed += 1
                same = resume(articles, db, work / "resumed.db") == clean_exports
                outcome.resumed_equal += same
                if not same:
                    problems.append("its import, finished, exports differ from a clean import's")
                    state += ", but its import, finished, exports DIFFER from a clean import's"
            outcome.problems += [f"kill {n}: {p}" for p in problems]
            when = "after the import finished" if finished else f"at {delay:.2f} s"
            say(f"kill {n}/{kills} {when}: {state} ({stored}/{count} whole articles)")
            outcome.partial += 0 < stored < count
            if finished or problems or stored == count:
                _remove(db)             # start again so the next kill lands in an import
        subprocess.run(import_command(articles, db), cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        final = contents(db)
        outcome.equals_clean = final == reference and exports(db) == clean_exports
        outcome.documents = len(final)
        outcome.statements = sum(len(s) for s in final.values())
        say(f"{outcome.intact}/{outcome.kills} intact ({outcome.mid_import} kills mid-import, "
            f"{outcome.partial} leaving part of the articles), "
            f"{outcome.resumed_equal}/{outcome.resumed} resumed imports export as a clean one; "
            f"finished import {'equals' if outcome.equals_clean else 'DIFFERS from'} a clean "
            f"import ({outcome.documents} articles, {outcome.statements} statements)")
        return outcome


def _wait_for_articles(proc: subprocess.Popen, db: Path, n: int) -> None:
    """Wait until the store holds n articles (or the import ends), reading it as a second
    program would, read-only: a committed article is visible at once."""
    while proc.poll() is None:
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                if conn.execute("SELECT count(*) FROM documents").fetchone()[0] >= n:
                    return
            finally:
                conn.close()
        except sqlite3.Error:
            pass                        # not created yet, or its schema not yet
        time.sleep(0.005)


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fault_injection",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--count", type=int, default=300, help="articles to import")
    parser.add_argument("--seed", type=int, default=400)
    args = parser.parse_args(argv)
    return 0 if run(args.kills, args.count, args.seed).ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
