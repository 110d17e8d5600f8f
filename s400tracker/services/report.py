"""The briefing: one self-contained HTML file for readers who will never open the app.

It holds the matrix, the timeline picture (inline SVG), and every statement with its source and
the analyst's notes, for the statements the filter selects. Self-contained means no scripts, no
external styles, fonts or images, no links: it opens offline, mails as one attachment, and
prints (see the @media print rules). Every string from an article or an analyst goes through
html.escape, so nothing they contain can become markup.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape
from pathlib import Path

from s400tracker.core.model import KIND_LABELS, STANCE_COLORS, STANCES, Actor, Statement
from s400tracker.core.query import StatementFilter, bucket_start
from s400tracker.core.text import counted, verb
from s400tracker.core.timeline import layout
from s400tracker.services.atomic import atomic_write
from s400tracker.services.timeline_svg import safe_color, svg
from s400tracker.store import Store

TITLE = "Reactions to the US sanctions on Turkey over the S-400"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_COLUMNS = 24   # beyond this many days the matrix groups by week, then by month

CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       margin: 2em auto; max-width: 1100px; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
h3 { font-size: 1.1em; margin: 1.4em 0 .4em; }
.meta { color: #555; }
.figure { overflow-x: auto; border: 1px solid #ddd; padding: 6px; }
.legend span { display: inline-block; margin-right: 1em; white-space: nowrap; }
.legend i { display: inline-block; width: .8em; height: .8em; border-radius: 50%;
            margin-right: .3em; vertical-align: -1px; }
table.matrix { border-collapse: collapse; font-size: 12px; }
table.matrix th, table.matrix td { border: 1px solid #ccc; padding: 3px 5px; vertical-align: top; }
table.matrix th { background: #f0f0f0; text-align: left; }
table.matrix td { min-width: 5em; max-width: 12em; }
table.matrix td b { display: block; }
.statement { border-left: 4px solid #bbb; padding: .2em 0 .2em .8em; margin: .8em 0;
             page-break-inside: avoid; break-inside: avoid; }
.statement blockquote { margin: .1em 0 .3em; font-size: 1.05em; }
.statement .note { background: #fff8dc; border: 1px solid #eedc9a; padding: .3em .5em;
                   white-space: pre-wrap; margin-top: .3em; }
.tag { background: #e8eef7; border-radius: 3px; padding: 0 .3em; margin-right: .3em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  .figure { overflow: visible; border: none; padding: 0; }
  .figure svg { max-width: 100%; height: auto; }
  h2 { page-break-after: avoid; break-after: avoid; }
  table.matrix { page-break-inside: auto; }
  table.matrix tr { page-break-inside: avoid; break-inside: avoid; }
  .statement .note { background: none; }
}
"""


def day_label(d: dt.date | None) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}" if d else "undated"


def describe_filter(f: StatementFilter, actors: list[Actor]) -> str:
    names = {a.key: a.name for a in actors}
    parts = []
    if f.groups:
        parts.append("groups: " + ", ".join(f.groups))
    if f.actors:
        parts.append("actors: " + ", ".join(names.get(k, k) for k in f.actors))
    # Only the limits set: an open end is no filter worth naming.
    if f.start and f.end:
        parts.append(f"from {day_label(f.start)} to {day_label(f.end)}")
    elif f.start:
        parts.append(f"from {day_label(f.start)}")
    elif f.end:
        parts.append(f"until {day_label(f.end)}")
    if f.text.strip():
        parts.append(f"search “{f.text.strip()}”")
    if f.tags:
        parts.append("tags: " + ", ".join(f.tags))
    if f.stances:
        parts.append("stance: " + ", ".join(STANCES.get(s, s) for s in f.stances))
    if f.annotated_only:
        parts.append("annotated statements only")
    if f.hidden_only:
        parts.append("hidden statements only")
    elif f.include_hidden:
        parts.append("hidden statements included")
    if f.conflicts_only:
        parts.append("statements with an unresolved conflict only")
    return "; ".join(parts) if parts else "all statements"


def render(store: Store, f: StatementFilter = StatementFilter(),
           generated: dt.datetime | None = None) -> str:
    """The briefing as one HTML string."""
    all_actors = store.actors()
    actors = [a for a in all_actors if (not f.actors or a.key in f.actors)
              and (not f.groups or a.group in f.groups)]
    # Grouped as in the app's matrix: groups in the order the actors file introduces them.
    order: dict[str, int] = {}
    for a in all_actors:
        order.setdefault(a.group, len(order))
    actors.sort(key=lambda a: (order[a.group], a.position))
    statements = store.statements(f.replace(tracked_only=True))
    generated = generated or dt.datetime.now(dt.timezone.utc)
    timeline = layout(actors, statements, width=1040)
    e = escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Briefing — {e(TITLE)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{e(TITLE)}</h1>",
        f'<p class="meta">Briefing generated {e(generated.strftime("%d %b %Y, %H:%M UTC"))} · '
        f"{counted(len(statements), 'statement')} by "
        f"{counted(sum(1 for a in actors if _said(a, statements)), 'actor')} · "
        f"Showing: {e(describe_filter(f, all_actors))}</p>",
        "<h2>Timeline</h2>",
        _legend(statements),
        f'<div class="figure">{svg(timeline)}</div>',
    ]
    if timeline.undated:
        n = timeline.undated
        parts.append(f'<p class="meta">{counted(n, "undated statement")} {verb(n, "is", "are")} '
                     f'not on the timeline; {verb(n, "it is", "they are")} listed below.</p>')
    parts += ["<h2>Matrix</h2>", _matrix(actors, statements), "<h2>Statements</h2>"]
    parts += _statements(actors, statements)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_report(store: Store, dest: str | Path, f: StatementFilter = StatementFilter()) -> int:
    """Write the briefing to `dest`; returns how many statements it shows."""
    text = render(store, f)
    with atomic_write(dest, "w", encoding="utf-8") as out:
        out.write(text)
    return store.statement_count(f.replace(tracked_only=True))


def _said(actor: Actor, statements: list[Statement]) -> bool:
    return any(s.actor == actor.key for s in statements)


def _legend(statements: list[Statement]) -> str:
    present = {s.stance for s in statements}
    items = [f'<span><i style="background:{STANCE_COLORS[c]}"></i>{escape(STANCES[c])}</span>'
             for c in STANCES if c in present]
    items.append('<span><i style="background:#b8b8b8"></i>no stance</span>')
    items.append('<span><i style="background:#fff;border:2px solid #222"></i>annotated</span>')
    return f'<p class="legend">{"".join(items)}</p>'


def _bucket(days: set[dt.date]) -> str:
    for bucket in ("day", "week", "month"):
        if len({bucket_start(d, bucket) for d in days}) <= MAX_COLUMNS:
            return bucket
    return "month"


def _column_label(c: dt.date | None, bucket: str) -> str:
    if c is None:
        return "Undated"
    if bucket == "month":
        return f"{_MONTHS[c.month - 1]} {c.year}"
    return ("Week of " if bucket == "week" else "") + day_label(c)


def _matrix(actors: list[Actor], statements: list[Statement]) -> str:
    bucket = _bucket({s.date for s in statements if s.date})
    cells: dict[tuple[str, dt.date | None], list[Statement]] = {}
    for s in statements:
        col = bucket_start(s.date, bucket) if s.date else None
        cells.setdefault((s.actor, col), []).append(s)
    columns = sorted({c for _, c in cells if c is not None})
    if any(c is None for _, c in cells):
        columns.append(None)
    head = "".join(f"<th>{escape(_column_label(c, bucket))}</th>" for c in columns)
    rows = []
    for a in actors:
        tds = []
        for c in columns:
            found = cells.get((a.key, c), [])
            if not found:
                tds.append("<td></td>")
                continue
            stance = Counter(s.stance for s in found if s.stance).most_common(1)
            tint = _tint(STANCE_COLORS.get(stance[0][0], "")) if stance else ""
            style = f' style="background:{tint}"' if tint else ""
            first = " ".join(found[0].quote.split())
            first = first if len(first) <= 70 else first[:69] + "…"
            mark = " ✎" if any(s.annotation for s in found) else ""
            tds.append(f"<td{style}><b>{len(found)}{mark}</b>“{escape(first)}”</td>")
        rows.append(f'<tr><th style="border-left:4px solid {safe_color(a.color)}">'
                    f"{escape(a.name)}</th>{''.join(tds)}</tr>")
    return (f'<table class="matrix"><thead><tr><th>Actor</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _tint(color: str, amount: float = 0.25) -> str:
    if not color:
        return ""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 + (v - 255) * amount) for v in (r, g, b)]
    return "#" + "".join(f"{v:02x}" for v in mix)


def _statements(actors: list[Actor], statements: list[Statement]) -> list[str]:
    out = []
    for a in actors:
        mine = [s for s in statements if s.actor == a.key]
        if not mine:
            continue
        out.append(f"<h3>{escape(a.name)} <span class=\"meta\">· {escape(a.group)} · "
                   f"{counted(len(mine), 'statement')}</span></h3>")
        out.extend(_statement(s) for s in mine)
    return out


def _statement(s: Statement) -> str:
    e = escape
    color = STANCE_COLORS.get(s.stance or "", "#bbbbbb")
    stance = STANCES.get(s.stance or "", "no stance")
    if s.stance and s.stance_suggested:
        stance += " (suggested)"
    lines = [f'<div class="statement" style="border-left-color:{color}">',
             f"<div><b>{e(day_label(s.date))}</b> · {e(KIND_LABELS.get(s.kind, s.kind))} · "
             f"{e(stance)} · speaker as written: {e(s.speaker or 'not named')}</div>",
             f"<blockquote>“{e(s.quote)}”</blockquote>"]
    for src in s.sources[:3]:
        lines.append(f'<div class="meta">Source: {e(src.outlet or "unknown outlet")} — '
                     f"<i>{e(src.title)}</i>, published {e(day_label(src.published))}"
                     f"{' · ' + e(Path(src.path).name) if src.path else ''}</div>")
    if len(s.sources) > 3:
        lines.append(f'<div class="meta">and {counted(len(s.sources) - 3, "more article")}</div>')
    if s.tags:
        lines.append("<div>" + "".join(f'<span class="tag">{e(t)}</span>' for t in s.tags)
                     + "</div>")
    a = s.annotation
    if a is not None and a.note.strip():
        who = f"{a.author or 'anonymous'}, {a.updated_at[:10]}" if a.updated_at else a.author
        lines.append(f'<div class="note">{e(a.note)}</div>'
                     f'<div class="meta">Note by {e(who or "anonymous")}</div>')
    lines.append("</div>")
    return "\n".join(lines)
