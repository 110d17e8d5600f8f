"""Import articles into the store, and re-extract the ones stored: the use cases behind
`s400tracker import` and the GUI's import dialog.

A file that cannot be read or extracted is reported and skipped; it never stops the others.
Errors of the store itself (disk full, store locked) do stop the import: they would fail every file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from s400tracker.core.ids import text_sha256
from s400tracker.core.model import Actor, Document, Found
from s400tracker.services.articles import ArticleError, collect, is_sidecar, read_article, read_sidecar
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
    date_basis: str = ""            # sidecar, header or undated

    def line(self) -> str:
        return f"{self.status}: {self.path}" + (f" ({self.reason})" if self.reason else "")


@dataclass(frozen=True)
class ImportReport:
    results: tuple[FileResult, ...]
    cancelled: bool = False

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
        return text + (" (cancelled)" if self.cancelled else "")


@dataclass(frozen=True)
class ReextractReport:
    documents: int
    change: ExtractionChange
    failed: tuple[tuple[int, str], ...] = ()   # (document id, reason)
    cancelled: bool = False


def default_extractor() -> tuple[ExtractFn, Callable[[Sequence[Actor]], object]]:
    from s400tracker.extract.pipeline import ActorIndex, extract

    return extract, ActorIndex


def import_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    extract_fn: ExtractFn | None = None,
    make_index: Callable[[Sequence[Actor]], object] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportReport:
    """Import files and folders of .txt articles; one transaction per article."""
    extract_fn, make_index = _extractor(extract_fn, make_index)
    files = collect(paths)
    index = make_index(store.actors())
    sidecars: dict[Path, dict] = {}
    results: list[FileResult] = []
    cancelled = False
    for done, path in enumerate(files, start=1):
        if cancel is not None and cancel():
            cancelled = True
            break
        if path.parent not in sidecars:
            sidecars[path.parent] = read_sidecar(path.parent)
        results.append(_import_one(store, path, sidecars[path.parent], extract_fn, index))
        if progress is not None:
            progress(done, len(files), path)
    return ImportReport(tuple(results), cancelled)


def _import_one(store: Store, path: Path, sidecar: dict, extract_fn: ExtractFn, index) -> FileResult:
    if is_sidecar(path):
        return FileResult(path, SKIPPED, "metadata sidecar, not an article")
    try:
        article = read_article(path, sidecar)
    except ArticleError as e:
        return FileResult(path, FAILED, str(e))
    sha = text_sha256(article.text)
    known = store.document_id(sha)
    if known is not None:
        return FileResult(path, PRESENT, "", known, published=article.published,
                          date_basis=article.date_basis)
    try:
        found = list(extract_fn(article.text, article.published, index))
    except Exception as e:  # noqa: BLE001 - an extractor bug on one article must not stop the rest
        return FileResult(path, FAILED, f"extraction failed: {type(e).__name__}: {e}")
    document = Document(
        id=0, sha256=sha, path=str(path), title=article.title, outlet=article.outlet,
        published=article.published, date_basis=article.date_basis, text=article.text,
        url=article.url,
    )
    doc_id, added = store.add_document(document, found)
    if not added:
        return FileResult(path, PRESENT, "", doc_id, published=article.published,
                          date_basis=article.date_basis)
    when = (
        f"published {article.published.isoformat()} ({article.date_basis})"
        if article.published else "undated: no date in the sidecar or the article"
    )
    return FileResult(path, ADDED, f"{len(found)} statements, {when}", doc_id, len(found),
                      article.published, article.date_basis)


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
            found = list(extract_fn(doc.text, doc.published, index))
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
