"""The timeline picture as SVG text, for the briefing: the same layout the app paints
(core/timeline.py), written out by hand so the report needs neither Qt nor a display. Inline
SVG in HTML needs no namespace, so the briefing names no URL at all.

Everything from articles (quotes, actor names) is escaped; colours come from our own table or
pass a strict check, so nothing in the data can become markup or a reference to elsewhere.
"""

from __future__ import annotations

import re
from html import escape

from s400tracker.core.timeline import Timeline

_COLOR = re.compile(r"#[0-9a-fA-F]{3,8}\Z")
TEXT = "#222222"
MUTED = "#6b6b6b"
RULE = "#d0d0d0"


def safe_color(value: str, default: str = "#888888") -> str:
    return value if _COLOR.match(value or "") else default


def svg(t: Timeline, title: str = "Statements by actor over time") -> str:
    w, h = round(t.width), round(t.height)
    out = [
        f'<svg width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-label="{escape(title)}" '
        f'font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for i, lane in enumerate(t.lanes):
        if i % 2:
            out.append(f'<rect x="0" y="{lane.top:.1f}" width="{w}" height="{lane.height:.1f}" '
                       f'fill="#f4f4f4"/>')
        out.append(f'<rect x="0" y="{lane.top + 4:.1f}" width="4" height="{lane.height - 8:.1f}" '
                   f'fill="{safe_color(lane.color)}"/>')
        out.append(f'<text x="10" y="{lane.top + lane.height / 2 + 4:.1f}" fill="{TEXT}">'
                   f"{escape(lane.name)}</text>")
    bottom = t.height - 8
    for tick in t.ticks:
        out.append(f'<line x1="{tick.x:.1f}" y1="{t.axis_top + 22:.1f}" x2="{tick.x:.1f}" '
                   f'y2="{bottom:.1f}" stroke="{"#a8a8a8" if tick.major else RULE}" '
                   f'stroke-width="1"/>')
        out.append(f'<text x="{tick.x + 3:.1f}" y="{t.axis_top + 18:.1f}" fill="{MUTED}">'
                   f"{escape(tick.label)}</text>")
    for m in t.marks:
        ring = f' stroke="{TEXT}" stroke-width="1.6"' if m.annotated else ' stroke="#ffffff" stroke-width="0.8"'
        out.append(f'<circle cx="{m.x:.1f}" cy="{m.y:.1f}" r="{m.r:.1f}" fill="{m.color}"{ring}>'
                   f"<title>{escape(m.date.isoformat())}: {escape(m.quote)}</title></circle>")
    out.append("</svg>")
    return "\n".join(out)
