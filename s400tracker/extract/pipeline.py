"""extract(text, published, index) -> list[Found]: the whole extractor, pure and deterministic.

It finds statements; suggesting a stance for each is a separate step (stance.with_stances), which
the import runs and `s400tracker extract`, printing no stance, does not pay for.

One pass over the article's paragraphs and sentences. In each sentence the attributions (a cue
verb with its speaker phrase) are found first; quotations then take the attribution next to them,
and clauses of reported speech without quotation marks become 'indirect' statements. A running
Discourse resolves pronouns and roles to the speakers before them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator

from s400tracker.core.model import Found
from s400tracker.extract.attribution_lookup import AttributionLookup
from s400tracker.core.article_head import date_marker
from s400tracker.extract.attributions import find_attributions
from s400tracker.extract.clauses import reported_speech
from s400tracker.extract.dates import time_expressions
from s400tracker.extract.dating import between, main_event, recent
from s400tracker.extract.headlines import HEADLINE_MAX, headline_statement
from s400tracker.extract.phrases import within
from s400tracker.extract.quote_speakers import quotes_of_sentence, settle_pending
from s400tracker.extract.quotes import Quote, find_quotes, opens_with_quote
from s400tracker.extract.sentences import sentences
from s400tracker.extract.speakers import ActorIndex, Discourse
from s400tracker.extract.state import ArticleState
from s400tracker.extract.text import fold, paragraphs

__all__ = ["ActorIndex", "extract"]


def extract(text: str, published: dt.date | None, index: ActorIndex) -> list[Found]:
    marker = date_marker(text)
    if marker:
        published = published or marker[2]
        # The marker is blanked out (same length) so it is read neither as a date nor as words.
        work = " " * marker[1] + text[marker[1]:]
    else:
        work = text
    folded = fold(work)
    art = ArticleState(work, published, index, folded, Discourse(index, folded), found=[])
    # Whole-article scans; sentences take their share. Names, verbs of saying and time
    # expressions are tried only at the places one pass finds for all three.
    starts = index.word_starts(folded)
    art.exprs = time_expressions(work, 0, len(work), published, folded, starts)
    art.expr_starts = [x.start for x in art.exprs]
    art.names, art.cue_hits = index.scan(folded, starts)
    art.name_starts = [m[0] for m in art.names]
    art.discourse.names, art.discourse.name_starts = art.names, art.name_starts
    paras = paragraphs(work)
    para_quotes = [
        find_quotes(work, lo, hi, n + 1 < len(paras) and opens_with_quote(work, *paras[n + 1]))
        for n, (lo, hi) in enumerate(paras)
    ]
    art.event = main_event(art, paras, para_quotes)
    for (lo, hi), quotes in zip(paras, para_quotes):
        _paragraph(art, lo, hi, quotes)
    settle_pending(art)
    found = sorted(art.found, key=_span)
    spans = list(map(_span, found))
    if len(set(spans)) == len(spans):
        return found   # the usual case: no span found twice
    return [f for i, f in enumerate(found) if i == 0 or spans[i] != spans[i - 1]]


_span = operator.itemgetter(Found._fields.index("start"), Found._fields.index("end"))



def _paragraph(art: ArticleState, lo: int, hi: int, quotes: list[Quote]) -> None:
    text = art.text
    if art.pending and not (quotes and quotes[0].open == lo):
        settle_pending(art)  # the quotation did not go on after all
    # Days named so far in the article: a statement without a time expression of its own most
    # likely belongs to the last one ("Monday's announcement … Pompeo clarified that …").
    para_dates = art.days_so_far
    if (not quotes and not between(art.cue_hits, art.cue_hits, lo, hi)
            and (hi - lo > HEADLINE_MAX or text[hi - 1] in ".!?")):
        # Background: no quotation, no verb of saying, too long (or too finished) for a headline.
        # Its names and days are all it gives, in the order a pass over its sentences would.
        art.discourse.note_names(between(art.names, art.name_starts, lo, hi))
        para_dates.extend(x for x in between(art.exprs, art.expr_starts, lo, hi)
                          if x.date is not None and recent(x.date, art.published))
        return
    if quotes:
        spans = [(q.open, q.close + 1 if q.close is not None else hi) for q in quotes]
        opens = [q.open for q in quotes]
    else:
        spans = opens = []
    previous_sentence: tuple[int, int] | None = None
    # between's look-ups, written out: three for every sentence of the article.
    names_all, name_starts, exprs_all, expr_starts, cue_hits = (
        art.names, art.name_starts, art.exprs, art.expr_starts, art.cue_hits)
    first_at = bisect.bisect_left
    for s, e in sentences(text, lo, hi, spans):
        names = names_all[first_at(name_starts, s):first_at(name_starts, e)]
        if names:
            art.discourse.note_names(names)
        if quotes:
            first = bisect.bisect_left(opens, s)
            last = bisect.bisect_left(opens, e)
            in_sentence = quotes[first:last]
            masked = spans[max(0, first - 1):last]
        else:
            in_sentence = masked = ()
        exprs = exprs_all[first_at(expr_starts, s):first_at(expr_starts, e)]
        if masked and exprs:
            exprs = [x for x in exprs if not within(x.start, masked)]
        hits = cue_hits[first_at(cue_hits, s):first_at(cue_hits, e)]
        if not in_sentence and not hits:
            # No quotation and no verb of saying: nothing said here, only days to remember —
            # unless it is a headline in the "Peskov: Russia considers the sanctions illegal" form.
            if (s, e) == (lo, hi):
                headline_statement(art, s, e, exprs, para_dates)
            if exprs:
                para_dates.extend(x for x in exprs if x.date is not None and recent(x.date, art.published))
            previous_sentence = (s, e)
            continue
        attributions = find_attributions(art, s, e, masked, exprs, hits)
        if not attributions and not in_sentence and (s, e) == (lo, hi):
            headline_statement(art, s, e, exprs, para_dates)   # "Lavrov: Moscow will answer …"
        lookup = AttributionLookup(attributions)
        if in_sentence:
            quotes_of_sentence(art, in_sentence, lookup, (s, e), (lo, hi), exprs, para_dates)
        if attributions:
            reported_speech(art, lookup, in_sentence, masked, (s, e), exprs, para_dates, previous_sentence)
        if exprs:
            para_dates.extend(x for x in exprs if x.date is not None and recent(x.date, art.published))
        previous_sentence = (s, e)
