"""What `s400tracker extract` shows: the statements found in article files, stored nowhere.

The same reading (files, folders, sidecars, decoding) and the same extractor as an import, so
what it prints is what an import of those files would store.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from s400tracker import paths as app_paths
from s400tracker.core.actors import load_actors
from s400tracker.core.model import Actor
from s400tracker.services.articles import ArticleError, collect, is_sidecar, read_ahead, read_article, read_sidecar


class FileStatements(NamedTuple):
    path: Path
    statements: list   # extract()'s rows, in text order; empty when error is set
    error: str | None  # the one-line reason the file gives no article


class Preview:
    def __init__(self, actors: list[Actor] | None = None) -> None:
        from s400tracker.extract.pipeline import ActorIndex

        self.actors = actors if actors is not None else load_actors(app_paths.resources_dir() / "actors.json")
        self._index = ActorIndex(self.actors)

    def files(self, paths: Iterable[Path], published: dt.date | None = None) -> Iterator[FileStatements]:
        """Each article file under `paths` (sidecars skipped) with what the extractor finds in it,
        dated `published` when given, else by the sidecar or the article's own date."""
        # Looked up at each call, not bound here: tests stand a finder of their own in for it.
        from s400tracker.extract import pipeline

        sidecars: dict[str, dict] = {}
        for path in read_ahead(collect(paths)):
            if is_sidecar(path):
                continue
            folder = os.path.dirname(str(path))   # a string: a Path's parent and hash cost more
            if folder not in sidecars:   # read once per folder, not once per article
                sidecars[folder] = read_sidecar(path.parent)
            try:
                article = read_article(path, sidecars[folder])
            except ArticleError as e:
                yield FileStatements(path, [], str(e))
                continue
            yield FileStatements(path, pipeline.extract(article.text, published or article.published, self._index),
                                 None)
