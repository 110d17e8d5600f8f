"""What `s400tracker extract` shows: the statements found in article files, stored nowhere.

The same reading (files, folders, sidecars, every format) and the same extractor as an import, so
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
from s400tracker.services.articles import (ArticleError, collect, is_sidecar, read_ahead, read_articles,
                                           read_sidecar)


class Extracted(NamedTuple):
    path: Path          # the file
    number: int         # the article's number in a file of several (a feed, an export), else 0
    name: str           # the file or article as a message names it
    statements: list    # extract()'s rows, in text order; empty when error is set
    error: str | None   # the one-line reason the file or article gives nothing


class Preview:
    def __init__(self, actors: list[Actor] | None = None) -> None:
        from s400tracker.extract.pipeline import ActorIndex

        self.actors = actors if actors is not None else load_actors(app_paths.resources_dir() / "actors.json")
        self._index = ActorIndex(self.actors)

    def articles(self, paths: Iterable[Path], published: dt.date | None = None) -> Iterator[Extracted]:
        """Each article of the files under `paths` (sidecars skipped) with what the extractor
        finds in it, dated `published` when given, else by the sidecar or the article itself."""
        # Looked up at each call, not bound here: tests stand a finder of their own in for it.
        from s400tracker.extract import pipeline

        paths = list(paths)
        named = set(paths)
        sidecars: dict[str, dict] = {}
        for path in read_ahead(collect(paths)):
            if is_sidecar(path):
                continue
            folder = os.path.dirname(str(path))   # a string: a Path's parent and hash cost more
            if folder not in sidecars:   # read once per folder, not once per article
                sidecars[folder] = read_sidecar(path.parent)
            try:
                articles = read_articles(path, sidecars[folder], walked=path not in named)
            except ArticleError as e:
                yield Extracted(path, 0, str(path), [], str(e))
                continue
            for article in articles:
                if article.refused:
                    yield Extracted(path, article.number, article.name, [], article.refused)
                    continue
                found = pipeline.extract(article.extraction_text(), published or article.published, self._index)
                yield Extracted(path, article.number, article.name, found, None)
