"""Nexis Uni and Factiva exports laid out as the databases export them, of invented stories."""

from __future__ import annotations

import textwrap

from tests.formats.makers import STORY_A, STORY_B


def _body(paragraphs: list[str], wrap: bool) -> list[str]:
    """The body's lines: one per paragraph, or as a PDF lays them out (wrapped, no gaps)."""
    if not wrap:
        return list(paragraphs)
    return [line for p in paragraphs for line in textwrap.wrap(p, 80)]

NEXIS_COVER = [
    "User Name: =analyst", "Date and Time: Monday, March 18, 2019 9:12:00 AM CET",
    "Job Number: 90210", "Documents (2)", "1. Valdoria condemns Ostmark port deal",
    "Client/Matter: -None-", "2. Ostmark rejects criticism of harbour accord",
    "Search Terms: harbour accord", "Search Type: Terms and Connectors",
    "Content Type", "Narrowed by", "News", "-None-",
]


def nexis_lines(wrap: bool = False) -> list[str]:
    return NEXIS_COVER + [
        STORY_A[0], "The Harbour Times", "March 14, 2019 Thursday",
        "Copyright 2019 Harbour Times Ltd All Rights Reserved",
        "Section: WORLD; Pg. 4", "Length: 412 words", "Byline: Mira Holt",
        "Body", *_body(STORY_A[1:], wrap),
        "Classification", "Language: ENGLISH", "Publication-Type: Newspaper",
        "Subject: PORTS (90%); TRADE DISPUTES (78%)", "Load-Date: March 15, 2019",
        "End of Document",
        STORY_B[0], "Ostmark Daily", "March 15, 2019 Friday 6:00 PM GMT",
        "Length: 388 words", "Dateline: OSTMARK HARBOUR",
        "Body", *_body(STORY_B[1:], wrap),
        "Load-Date: March 16, 2019",
        "End of Document",
    ]


def factiva_lines(wrap: bool = False) -> list[str]:
    return [
        "World", STORY_A[0], "By Mira Holt", "412 words", "14 March 2019", "09:30",
        "Harbour Wire", "HWN", "English", "(c) 2019 Harbour Wire. All rights reserved.",
        *STORY_A[1:],
        "Document HWN0000020190314ef3e0002x",
        STORY_B[0], "388 words", "15 March 2019", "Ostmark Daily", "OSTD", "English",
        "Copyright 2019 Ostmark Daily.",
        *_body(STORY_B[1:], wrap),
        "Document OSTD000020190315ef3f000ab",
    ]


def factiva_html() -> str:
    def div(text, cls=""):
        return f'<div class="{cls}">{text}</div>'
    parts = []
    for lines in _factiva_articles():
        title, rest, body, doc_id = lines
        parts.append('<div class="article enArticle">'
                     f'<div id="hd"><span class="enHeadline">{title}</span></div>'
                     + "".join(div(x) for x in rest)
                     + "".join(f'<p class="articleParagraph enarticleParagraph">{p}</p>' for p in body)
                     + f"<p><b>{doc_id}</b></p></div>")
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Factiva</title></head><body>"
            + "".join(parts) + "</body></html>")


def _factiva_articles():
    return [
        (STORY_A[0], ["412 words", "14 March 2019", "Harbour Wire", "HWN", "English",
                      "(c) 2019 Harbour Wire. All rights reserved."], STORY_A[1:],
         "Document HWN0000020190314ef3e0002x"),
        (STORY_B[0], ["388 words", "15 March 2019", "Ostmark Daily", "OSTD", "English"],
         STORY_B[1:], "Document OSTD000020190315ef3f000ab"),
    ]


def factiva_tagged_rtf() -> bytes:
    """The 'Full Article/Report plus Indexing' display as RTF: one table row per field, the
    code in the first cell, the value (paragraphs for LP and TD) in the second."""
    def row(code, *values):
        cell = "\\par ".join(v.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
                             for v in values)
        return f"{{\\trowd\\cellx1000\\cellx9000\\pard\\intbl {code}\\cell {cell}\\cell\\row}}\n"
    rows = []
    for title, by, words, day, source, code, body, doc_id in [
        (STORY_A[0], "By Mira Holt", "412 words", "14 March 2019", "Harbour Wire", "HWN",
         STORY_A[1:], "Document HWN0000020190314ef3e0002x"),
        (STORY_B[0], None, "388 words", "15 March 2019", "Ostmark Daily", "OSTD",
         STORY_B[1:], "Document OSTD000020190315ef3f000ab"),
    ]:
        rows += [row("HD", title)] + ([row("BY", by)] if by else []) + [
            row("WC", words), row("PD", day), row("SN", source), row("SC", code),
            row("LA", "English"), row("CY", "(c) 2019 All rights reserved."),
            row("LP", body[0]), row("TD", *body[1:]),
            row("NS", "gpol : Domestic Politics | gcat : Political/General News"),
            row("RE", "valdo : Valdoria | ostmk : Ostmark"),
            row("IPD", "Ports"), row("PUB", source), row("AN", doc_id), "{\\pard\\par}\n"]
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\n" + "".join(rows)
            + "}").encode("ascii")
