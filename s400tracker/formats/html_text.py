"""HTML articles (a page saved from a browser) as plain text, with the standard library's parser.

We store the text, not the markup: the statements' offsets index that stored text, the article
view shows it as is, and a page's scripts and styles never reach the extractor. Paragraph-like
elements become blank-line separated paragraphs, <br> a line break; whitespace inside a paragraph
collapses as a browser shows it; entities are decoded (&amp; → &).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
    "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "pre", "figure", "figcaption", "hr", "address", "body", "html",
}
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_LOOKS_HTML = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str) -> bool:
    """A document that opens as HTML does, whatever its file name says."""
    return bool(_LOOKS_HTML.match(text[:4096]))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.lines: list[list[str]] = [[]]   # the paragraph's lines, split by <br>
        self.title: list[str] = []
        self.skipping: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP:
            self.skipping.append(tag)
        elif tag == "br" and not self.skipping:
            self.lines.append([])
        elif tag in _BLOCK:
            self.end_paragraph()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
        elif tag in _BLOCK:
            self.end_paragraph()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.lines[-1].append(data)

    def end_paragraph(self) -> None:
        # Line breaks in the source are only whitespace, as in a browser; <br> is a line break.
        lines = (_SPACE.sub(" ", "".join(parts)).strip() for parts in self.lines)
        text = "\n".join(line for line in lines if line)
        if text:
            self.paragraphs.append(text)
        self.lines = [[]]


def html_to_text(html: str) -> tuple[str, str]:
    """(text, title): the page's visible text in paragraphs, and its <title> ('' if none)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.end_paragraph()
    title = _SPACE.sub(" ", "".join(parser.title)).strip()
    return "\n\n".join(parser.paragraphs) + ("\n" if parser.paragraphs else ""), title
