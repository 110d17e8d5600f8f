"""Undated articles dated by inference: the publication day of dated articles that quote the same
statements, marked 'inferred' so the analyst knows to confirm it.

Run after an import, on the articles it added: an article stays undated when nothing it quotes
appears in a dated article, and is tried again when a later import brings a dated article quoting
it (its twin). Articles the import did not touch, and none of its articles quote, keep their
votes, and are not read again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from s400tracker.core.model import Found
from s400tracker.services.articles import stored_extraction_text
from s400tracker.store import Store


@dataclass(frozen=True)
class Inference:
    document_id: int
    title: str
    path: str
    published: dt.date
    votes: int        # statements also quoted in articles published that day

    def line(self) -> str:
        return (f"dated by inference: {self.path} (published {self.published.isoformat()}?, "
                f"{self.votes} statement{'s' if self.votes != 1 else ''} also in articles of that day)")


def _inferred(f: Found) -> Found:
    # A date written out in full does not depend on the publication day; every other one does.
    if f.date is None or f.date_basis == "explicit":
        return f
    return f._replace(date_basis="inferred")


def infer_undated(store: Store, extract_fn, index, added: Iterable[int] | None = None) -> list[Inference]:
    """Date what can be dated: the undated articles among `added` (every undated article when
    None) and those quoted by the dated articles among them."""
    if added is None:
        candidates = store.undated_documents()
    else:
        added = set(added)
        undated = set(store.undated_documents(added))
        candidates = sorted(undated | set(store.undated_twins(sorted(added - undated))))
    done = []
    for doc_id in candidates:
        votes = store.publication_votes(doc_id)
        if not votes:
            continue
        day, n = votes[0]
        doc = store.document(doc_id)
        store.set_publication(doc_id, day, "inferred")
        store.replace_extraction(doc_id, [_inferred(f) for f in extract_fn(stored_extraction_text(doc.text), day, index)])
        done.append(Inference(doc_id, doc.title, doc.path, day, n))
    return done
