"""Which day a statement was made: a day named beside its verb, the days of the paragraphs
before, the article's main event, its publication."""

from __future__ import annotations

import bisect
import datetime as dt
import operator

from typing import TYPE_CHECKING

from s400tracker.extract.dates import TimeExpression
from s400tracker.extract.phrases import within

if TYPE_CHECKING:
    from s400tracker.extract.speakers import Mention
    from s400tracker.extract.state import ArticleState, Attribution

NEWS_WINDOW = dt.timedelta(days=14)
# A day this far after the verb still dates it ("said on Tuesday that …"); farther, it is inside what was said.
SAYING_DAY_REACH = 60

def main_event(art: ArticleState, paras, para_quotes) -> TimeExpression | None:
    """The first datable day in the article's opening paragraphs: what its news is about."""
    for (lo, hi), quotes in zip(paras[:4], para_quotes):
        spans = [(q.open, q.close + 1 if q.close is not None else hi) for q in quotes]
        for expr in between(art.exprs, art.expr_starts, lo, hi):
            if within(expr.start, spans) or expr.date is None:
                continue
            if art.published is None or expr.date <= art.published:
                return expr
    return None


def recent(day: dt.date, published: dt.date | None) -> bool:
    """A day close to publication: the news itself, not background ('delivered in July 2019')."""
    return published is None or dt.timedelta(0) <= published - day <= NEWS_WINDOW




def date_for(art, a: Attribution, exprs, para_dates, mention: Mention):
    # A day before the verb, or just after it ("said on Tuesday that"), dates the saying; one deep
    # inside what was said ("… the expulsion of a diplomat on March 21") dates something else.
    x = _nearest_day(art, a, exprs)
    if x is not None:
        return x.date, x.basis
    if (a.speaker is not None and (a.speaker.pronoun or a.speaker.text.lower().startswith("the "))
            and mention.date is not None and mention.date_basis in ("explicit", "weekday", "relative", "context")):
        return mention.date, "context"
    if para_dates:
        return para_dates[-1].date, "context"
    if art.event is not None:
        return art.event.date, "event"
    if art.published is not None:
        return art.published, "publication"
    return None, "undated"


def _nearest_day(art, a: Attribution, exprs) -> TimeExpression | None:
    """The dated time expression nearest the verb, at most SAYING_DAY_REACH after it; of two as
    near, the first. The sentence's expressions are sorted and disjoint: walking back from the
    verb, the first one wholly before it is nearer than all before that."""
    if art.datable_of is not exprs:   # once per sentence, not once per verb
        art.datable_of = exprs
        art.datable = [x for x in exprs if x.date is not None]
    datable = art.datable
    best = best_gap = None
    for i in range(bisect.bisect_right(datable, a.cue_end + SAYING_DAY_REACH, key=_start) - 1, -1, -1):
        x = datable[i]
        gap = min(abs(x.start - a.cue_end), abs(a.cue_start - x.end))
        if best_gap is None or gap <= best_gap:
            best, best_gap = x, gap
        if x.end <= a.cue_start:
            break
    return best


_start = operator.attrgetter("start")


def between(items: list, starts: list[int], lo: int, hi: int) -> list:
    """The items (sorted by start, starts their start offsets) that start in [lo, hi)."""
    return items[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
