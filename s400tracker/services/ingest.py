"""Import articles into the store, and re-extract the ones stored: the use cases behind
`s400tracker import` and the GUI's import dialog.

Every file gives its articles (one, or one per article of an export or feed), each stored and
reported on its own line. A file that cannot be read or extracted is reported and skipped; it
never stops the others.
Errors of the store itself (disk full, store locked) do stop the import: they would fail every file.
"""

from __future__ import annotations

import collections
import concurrent.futures
import datetime as dt
import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from s400tracker.core.ids import text_sha256
from s400tracker.core.model import Actor, Document, Found
from s400tracker.core.text import counted
from s400tracker.services.articles import (ArticleError, collect, is_sidecar, read_ahead, read_articles,
                                           read_sidecar, stored_extraction_text, without_store_files)
from s400tracker.store import ExtractionChange, Store

# extract(text, published, index) -> list[Found]; `index` is whatever make_index(actors) built.
ExtractFn = Callable[[str, "dt.date | None", object], Sequence[Found]]
Progress = Callable[[int, int, Path], None]   # (files done, files in all, the file just done)
Cancel = Callable[[], bool]                   # e.g. threading.Event().is_set

ADDED, PRESENT, FAILED, SKIPPED = "added", "already present", "failed", "skipped"


@dataclass(frozen=True)
class FileResult:
    path: Path
    status: str                     # ADDED, PRESENT, FAILED or SKIPPED
    reason: str = ""                # one line: why it failed, or what was stored
    document_id: int | None = None
    statements: int = 0
    published: dt.date | None = None
    date_basis: str = ""            # sidecar, metadata, header, dateline or undated
    label: str = ""                 # '#3 "Title"': which article of an export or feed
    title: str = ""

    def line(self) -> str:
        return (f"{self.status}: {self.path}" + (f" {self.label}" if self.label else "")
                + (f" ({self.reason})" if self.reason else ""))


@dataclass(frozen=True)
class ImportReport:
    results: tuple[FileResult, ...]
    cancelled: bool = False
    inferred: tuple = ()            # inference.Inference: undated articles dated after the import

    def lines(self) -> list[str]:
        return [r.line() for r in self.results] + [i.line() for i in self.inferred]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        """Every file was imported or already present, and the import ran to its end."""
        return not self.cancelled and self.count(FAILED) == 0

    def summary(self) -> str:
        text = (
            f"{self.count(ADDED)} added, {self.count(PRESENT)} already present, "
            f"{self.count(FAILED)} failed"
        )
        if self.count(SKIPPED):
            text += f", {self.count(SKIPPED)} skipped"
        if self.inferred:
            text += f", {len(self.inferred)} dated by inference"
        return text + (" (cancelled)" if self.cancelled else "")


@dataclass(frozen=True)
class ReextractReport:
    documents: int
    change: ExtractionChange
    failed: tuple[tuple[int, str], ...] = ()   # (document id, reason)
    cancelled: bool = False


def default_extractor() -> tuple[ExtractFn, Callable[[Sequence[Actor]], object]]:
    from s400tracker.extract.pipeline import ActorIndex

    return _extract_with_stances, ActorIndex


def _extract_with_stances(text: str, published, index) -> list[Found]:
    """The extractor's statements, each with the stance its wording suggests."""
    from s400tracker.extract.pipeline import extract
    from s400tracker.extract.stance import with_stances

    return with_stances(extract(text, published, index))


# Imports of at least this many files extract in worker processes (one per core) while this
# process writes: extraction is pure CPU, and threads would share one core under the GIL.
# Smaller imports stay in this process: starting a worker costs about a third of a second.
PARALLEL_FROM = 200
_AHEAD_PER_WORKER = 48   # articles queued for extraction per worker: bounds memory, keeps cores busy
_BATCH = 8               # articles per task sent to a worker: one message each way, not eight
# Articles per commit, and the longest an article waits for its commit (and its report). In a
# large store each commit writes a thousand index pages or more whatever it holds (statement ids
# are hashes, spread over the whole index): a 20,000-article import took 59 s with commits of 64
# articles or a quarter second, 46 s with these.
_GROUP = 256
_GROUP_SECONDS = 1.0


def import_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    extract_fn: ExtractFn | None = None,
    make_index: Callable[[Sequence[Actor]], object] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import files and folders of articles, in every format s400tracker.formats reads; one
    transaction per article (an export or a feed gives several).

    `workers`: extraction processes; None means one per core for an import of PARALLEL_FROM
    files or more with the default extractor, else 0 (extract in this process). Either way files
    are stored and reported in order, and progress is called once per file.
    """
    default = extract_fn is None and make_index is None
    extract_fn, make_index = _extractor(extract_fn, make_index)
    paths = list(paths)
    files = without_store_files(collect(paths), str(getattr(store, "path", "")), paths)
    actors = store.actors()
    if workers is None:
        workers = (os.cpu_count() or 1) if default and len(files) >= PARALLEL_FROM else 0
    pool = _Pool(workers, actors) if workers > 0 else None
    index = make_index(actors) if pool is None else None
    sidecars: dict[Path, dict] = {}
    results: list[FileResult] = []
    # Each file is prepared (read, decoded, looked up: stored already?), extracted (here, or in
    # a worker while older files are written) and finished (written, reported), in file order.
    pending: collections.deque[_Job] = collections.deque()
    ahead = workers * _AHEAD_PER_WORKER

    # Articles are committed in groups (see Store.bulk) and reported once committed: a file
    # reported added is in the store.
    written: list[tuple[FileResult, bool]] = []   # with: is it the last article of its file
    last_commit = time.monotonic()
    files_done = 0
    named = {Path(p) for p in paths}

    def commit() -> None:
        nonlocal last_commit, files_done
        store.commit_group()
        last_commit = time.monotonic()
        for result, last in written:
            results.append(result)
            if last:
                files_done += 1
                if progress is not None:
                    progress(files_done, len(files), result.path)
        written.clear()

    def finish_oldest() -> None:
        job = pending.popleft()
        if pool is not None and job.result is None and job.future is None:
            pool.flush()   # its batch is not sent yet
        written.append((_finish(store, job), job.last))
        if len(written) >= _GROUP or time.monotonic() - last_commit >= _GROUP_SECONDS:
            commit()

    cancelled = False
    try:
        # A large import rebuilds the quotes' full-text index once at the end instead of
        # updating it article by article (see Store.bulk).
        with store.bulk(defer_index=len(files) >= PARALLEL_FROM, grouped=True):
            for path in read_ahead(files):
                if cancel is not None and cancel():
                    cancelled = True
                    break
                if path.parent not in sidecars:
                    sidecars[path.parent] = read_sidecar(path.parent)
                for job in _prepare(store, path, sidecars[path.parent], path not in named):
                    if job.result is None:
                        if pool is None:
                            job.found = _extract_safely(extract_fn, job.text, job.article.published,
                                                        index)
                        else:
                            pool.add(job)
                    pending.append(job)
                while pending and (len(pending) > ahead or pending[0].ready()):
                    finish_oldest()
                    if cancel is not None and cancel() and pending:
                        cancelled = True
                        break
                if cancelled:
                    break
            if pool is not None:
                pool.flush()
            while pending and not cancelled:
                if cancel is not None and cancel():
                    cancelled = True
                    break
                finish_oldest()
            commit()
    finally:
        if pool is not None:
            pool.close()
    inferred: list = []
    if not cancelled and any(r.status == ADDED for r in results):
        # New articles may be the dated twins of undated ones, or undated themselves.
        from s400tracker.services.inference import infer_undated

        added = [r.document_id for r in results if r.status == ADDED]
        inferred = infer_undated(store, extract_fn, index if index is not None else make_index(actors), added)
    return ImportReport(tuple(results), cancelled, tuple(inferred))


class _Job:
    """One file on its way through the import."""

    __slots__ = ("path", "article", "sha", "text", "result", "found", "future", "slot", "last")

    def __init__(self, path: Path, article=None, sha: str = "", result: FileResult | None = None):
        self.path, self.article, self.sha, self.result = path, article, sha, result
        self.text = article.extraction_text() if article is not None else ""
        self.last = True                                         # the file's last article
        self.found: list[Found] | str | None = None   # a str says why extraction failed
        self.future: concurrent.futures.Future | None = None   # its batch's, in a worker
        self.slot = 0                                            # its place in that batch

    def ready(self) -> bool:
        if self.future is not None:
            return self.future.done()
        return self.result is not None or self.found is not None


def _prepare(store: Store, path: Path, sidecar: dict, walked: bool) -> list[_Job]:
    """The file's articles, each a job: stored already, refused, or to extract."""
    if is_sidecar(path):
        return [_Job(path, result=FileResult(path, SKIPPED, "metadata sidecar, not an article"))]
    try:
        articles = read_articles(path, sidecar, walked=walked)
    except ArticleError as e:
        return [_Job(path, result=FileResult(path, FAILED, str(e)))]
    jobs = []
    for article in articles:
        if article.refused:
            jobs.append(_Job(path, result=FileResult(path, FAILED, article.refused, label=article.label,
                                                     title=article.title)))
            jobs[-1].last = False
            continue
        sha = text_sha256(article.text)
        known = store.document_id(sha)
        if known is not None:
            jobs.append(_Job(path, result=FileResult(
                path, PRESENT, "", known, published=article.published,
                date_basis=article.date_basis, label=article.label, title=article.title)))
        else:
            jobs.append(_Job(path, article, sha))
        jobs[-1].last = False
    jobs[-1].last = True
    return jobs


def _extract_safely(extract_fn: ExtractFn, text: str, published, index) -> list[Found] | str:
    try:
        return list(extract_fn(text, published, index))
    except Exception as e:  # noqa: BLE001 - an extractor bug on one article must not stop the rest
        return f"extraction failed: {type(e).__name__}: {e}"


def _finish(store: Store, job: _Job) -> FileResult:
    if job.result is not None:
        return job.result
    found = job.future.result()[job.slot] if job.future is not None else job.found
    job.future = job.found = None
    path, article = job.path, job.article
    if isinstance(found, str):
        return FileResult(path, FAILED, found, label=article.label, title=article.title)
    document = Document(
        id=0, sha256=job.sha, path=article.name, title=article.title, outlet=article.outlet,
        published=article.published, date_basis=article.date_basis, text=article.text,
        url=article.url,
    )
    doc_id, added = store.add_document(document, found)
    if not added:
        return FileResult(path, PRESENT, "", doc_id, published=article.published,
                          date_basis=article.date_basis, label=article.label, title=article.title)
    when = (
        f"published {article.published.isoformat()} ({article.date_basis})"
        if article.published else "undated: no date in the sidecar or the article"
    )
    note = f"; {article.note}" if article.note else ""
    return FileResult(path, ADDED, f"{counted(len(found), 'statement')}, {when}{note}", doc_id,
                      len(found), article.published, article.date_basis, article.label,
                      article.title)


# -- extraction in worker processes --------------------------------------------------------

_worker_index = None


def _worker_start(actors: list[Actor]) -> None:
    global _worker_index
    try:
        os.nice(5)
    except (AttributeError, OSError):
        pass
    _, make_index = default_extractor()
    _worker_index = make_index(actors)


def _worker_extract(batch: list[tuple[str, dt.date | None]]) -> list[list[Found] | str]:
    extract_fn, _ = default_extractor()
    out: list[list[Found] | str] = []
    for text, published in batch:
        try:
            out.append(list(extract_fn(text, published, _worker_index)))
        except Exception as e:  # noqa: BLE001 - reported as this file's failure, as in-process
            out.append(f"extraction failed: {type(e).__name__}: {e}")
    return out


class _Pool:
    """Processes running the default extractor. Started with 'spawn', never 'fork': the GUI
    imports from a thread, and a forked copy of a threaded process can deadlock."""

    def __init__(self, workers: int, actors: Sequence[Actor]):
        self._executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_start, initargs=(list(actors),),
        )

        self._batch: list[_Job] = []

    def add(self, job: _Job) -> None:
        self._batch.append(job)
        if len(self._batch) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._batch:
            return
        batch, self._batch = self._batch, []
        future = self._executor.submit(
            _worker_extract, [(j.text, j.article.published) for j in batch])
        for slot, job in enumerate(batch):
            job.future, job.slot = future, slot

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def reextract(
    store: Store,
    *,
    extract_fn: ExtractFn | None = None,
    make_index: Callable[[Sequence[Actor]], object] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ReextractReport:
    """Run the extractor again over every stored article (after an alias was added, or the
    extractor improved); annotations and corrections survive (see Store.replace_extraction)."""
    extract_fn, make_index = _extractor(extract_fn, make_index)
    index = make_index(store.actors())
    docs = store.documents()
    totals = [0, 0, 0, 0]
    failed = []
    cancelled = False
    for done, summary in enumerate(docs, start=1):
        if cancel is not None and cancel():
            cancelled = True
            break
        doc = store.document(summary.id)
        try:
            found = list(extract_fn(stored_extraction_text(doc.text), doc.published, index))
        except Exception as e:  # noqa: BLE001 - keep the article's current statements
            failed.append((doc.id, f"extraction failed: {type(e).__name__}: {e}"))
        else:
            change = store.replace_extraction(doc.id, found)
            totals = [a + b for a, b in zip(totals, (change.added, change.updated,
                                                      change.removed, change.kept))]
        if progress is not None:
            progress(done, len(docs), Path(doc.path))
    return ReextractReport(len(docs), ExtractionChange(*totals), tuple(failed), cancelled)


def _extractor(extract_fn, make_index):
    if extract_fn is None or make_index is None:
        default_fn, default_index = default_extractor()
        extract_fn = extract_fn or default_fn
        make_index = make_index or default_index
    return extract_fn, make_index
