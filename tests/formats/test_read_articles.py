"""read_articles over files of every format the tests make: what each article gets, what is
left out, and the one-line refusals."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from s400tracker.formats import Refusal, read_articles
from tests.formats import exports_made, makers, pages_made
from tests.formats.makers import STORY_A, STORY_B

D = dt.date


def _wrapped(paragraphs: list[str]) -> list[str]:
    """Lines as a PDF lays them out: the title alone, each paragraph wrapped, a gap after it."""
    lines = [paragraphs[0], ""]
    for p in paragraphs[1:]:
        lines += textwrap.wrap(p, 80) + [""]
    return lines


# name, file name, bytes, then per article: (kind, title, outlet, published, basis, in text)
CASES = [
    ("nexis-docx", "export.docx", lambda: makers.docx(exports_made.nexis_lines()), [
        ("nexis", STORY_A[0], "The Harbour Times", D(2019, 3, 14), "metadata", STORY_A[2]),
        ("nexis", STORY_B[0], "Ostmark Daily", D(2019, 3, 15), "metadata", STORY_B[2]),
    ]),
    ("nexis-rtf", "export.rtf", lambda: makers.rtf(exports_made.nexis_lines()), [
        ("nexis", STORY_A[0], "The Harbour Times", D(2019, 3, 14), "metadata", STORY_A[2]),
        ("nexis", STORY_B[0], "Ostmark Daily", D(2019, 3, 15), "metadata", STORY_B[2]),
    ]),
    ("factiva-rtf", "factiva.rtf", lambda: makers.rtf(exports_made.factiva_lines()), [
        ("factiva", STORY_A[0], "Harbour Wire", D(2019, 3, 14), "metadata", STORY_A[2]),
        ("factiva", STORY_B[0], "Ostmark Daily", D(2019, 3, 15), "metadata", STORY_B[2]),
    ]),
    ("factiva-tagged-rtf", "factiva-indexing.rtf", exports_made.factiva_tagged_rtf, [
        ("factiva", STORY_A[0], "Harbour Wire", D(2019, 3, 14), "metadata", STORY_A[2]),
        ("factiva", STORY_B[0], "Ostmark Daily", D(2019, 3, 15), "metadata", STORY_B[2]),
    ]),
    ("factiva-html", "factiva.html", lambda: exports_made.factiva_html().encode(), [
        ("factiva", STORY_A[0], "Harbour Wire", D(2019, 3, 14), "metadata", STORY_A[2]),
        ("factiva", STORY_B[0], "Ostmark Daily", D(2019, 3, 15), "metadata", STORY_B[2]),
    ]),
    ("page-with-furniture", "page.html", lambda: pages_made.furniture_page().encode(), [
        ("html", STORY_A[0], "The Harbour Times", D(2019, 3, 14), "metadata", STORY_A[2]),
    ]),
    ("json-ld-page", "page.html", pages_made.json_ld_page, [
        ("html", STORY_B[0], "Ostmark Daily", D(2019, 3, 15), "metadata", STORY_B[2]),
    ]),
    ("time-element-page", "page.html", pages_made.time_only_page, [
        ("html", STORY_B[0], "", D(2019, 3, 15), "metadata", STORY_B[2]),
    ]),
    ("cp1254-page", "haber.htm", pages_made.cp1254_page, [
        ("html", pages_made.TURKISH[0], "", None, "undated", "Dışişleri Bakanı Ayşe Yıldız, Ostmark"),
    ]),
    ("doc-that-is-html", "page.doc", lambda: pages_made.furniture_page().encode(), [
        ("html", STORY_A[0], "The Harbour Times", D(2019, 3, 14), "metadata", STORY_A[2]),
    ]),
    ("mhtml", "page.mhtml", pages_made.mhtml, [
        ("mhtml", STORY_A[0], "The Harbour Times", D(2019, 3, 14), "metadata",
         "Valdoria’s foreign minister"),
    ]),
    ("rss-three-items", "feed.xml", pages_made.rss, [
        ("rss", "Valdoria condemns Ostmark port deal", "Harbour Times - World", D(2019, 3, 14),
         "metadata", 'agreement was "a mistake we will correct".\n\nShe spoke'),
        ("rss", "Ostmark rejects criticism of harbour accord", "Harbour Times - World",
         D(2019, 3, 15), "metadata", "Piet Lund said the accord would stand."),
        ("rss", "Court date set in harbour dispute", "Harbour Times - World", D(2019, 3, 18),
         "metadata", "hear the case in April."),
    ]),
    ("atom", "feed.atom", pages_made.atom, [
        ("atom", "Ostmark rejects criticism of harbour accord", "Ostmark Daily", D(2019, 3, 15),
         "metadata", "Piet Lund said the accord would stand."),
        ("atom", "Valdoria recalls envoy", "Ostmark Daily", D(2019, 3, 17), "metadata",
         "recalled its envoy"),
    ]),
    ("eml-date-header", "alert.eml", lambda: pages_made.eml(STORY_B), [
        ("eml", STORY_B[0], "Harbour Times Alerts", D(2019, 3, 15), "metadata", STORY_B[2]),
    ]),
    ("eml-dateline-first", "alert.eml", lambda: pages_made.eml(STORY_A), [
        ("eml", STORY_A[0], "Harbour Times Alerts", D(2019, 3, 14), "dateline", STORY_A[2]),
    ]),
    ("odt", "story.odt", lambda: makers.odt(STORY_B[1:], heading=STORY_B[0]), [
        ("odt", STORY_B[0], "", None, "undated", STORY_B[1]),
    ]),
    ("docx", "story.docx", lambda: makers.docx([STORY_B[0], "15 March 2019", *STORY_B[1:]]), [
        ("docx", STORY_B[0], "", D(2019, 3, 15), "header", STORY_B[2]),
    ]),
    ("text-pdf", "story.pdf", lambda: makers.pdf(_wrapped(STORY_B)), [
        ("pdf", STORY_B[0], "", None, "undated", STORY_B[1]),
    ]),
    ("nexis-pdf", "export.pdf", lambda: makers.pdf(exports_made.nexis_lines(wrap=True)), [
        ("nexis", STORY_A[0], "The Harbour Times", D(2019, 3, 14), "metadata", STORY_A[2]),
        ("nexis", STORY_B[0], "Ostmark Daily", D(2019, 3, 15), "metadata", STORY_B[2]),
    ]),
    ("factiva-pdf", "factiva.pdf", lambda: makers.pdf(exports_made.factiva_lines(wrap=True)), [
        ("factiva", STORY_A[0], "Harbour Wire", D(2019, 3, 14), "metadata", STORY_A[2]),
        ("factiva", STORY_B[0], "Ostmark Daily", D(2019, 3, 15), "metadata", STORY_B[2]),
    ]),
    ("rtf-cp1254", "haber.rtf", lambda: makers.rtf(pages_made.TURKISH, codepage=1254), [
        ("rtf", pages_made.TURKISH[0], "", None, "undated", pages_made.TURKISH[1]),
    ]),
    ("rtf-unicode-escapes", "story.rtf",
     lambda: makers.rtf([STORY_B[0], "Lund: «Ниет» was his answer, he said in Ostmark."]), [
        ("rtf", STORY_B[0], "", None, "undated", "«Ниет»"),
    ]),
    ("txt-as-today", "story.txt", lambda: ("\n\n".join([STORY_A[0], "date 2019-03-14", *STORY_A[1:]])
                                           + "\n").encode("cp1252"), [
        ("text", STORY_A[0], "", D(2019, 3, 14), "header", STORY_A[2]),
    ]),
]


@pytest.mark.parametrize("name, filename, make, expected", CASES, ids=[c[0] for c in CASES])
def test_each_format_gives_its_articles_with_their_metadata(name, filename, make, expected):
    articles = read_articles(Path(filename), make())
    got = [(a.kind, a.title, a.outlet, a.published, a.published_basis) for a in articles]
    assert got == [e[:5] for e in expected]
    for article, e in zip(articles, expected):
        assert e[5] in article.text
        assert article.text.startswith(article.title)   # the title leads, as in a .txt article


@pytest.mark.parametrize("name, filename, make, expected", CASES, ids=[c[0] for c in CASES])
def test_identity_is_the_files_sha_or_one_per_article(name, filename, make, expected):
    import hashlib

    data = make()
    articles = read_articles(Path(filename), data)
    file_sha = hashlib.sha256(data).hexdigest()
    assert {a.file_sha256 for a in articles} == {file_sha}
    if len(articles) == 1 and articles[0].kind not in ("rss", "atom", "nexis", "factiva"):
        assert articles[0].identity == file_sha
    else:
        assert len({a.identity for a in articles}) == len(articles)
        for a in articles:
            assert a.identity == hashlib.sha256(f"{file_sha}\n{a.text}".encode()).hexdigest()
    assert [a.identity for a in read_articles(Path(filename), data)] == [a.identity for a in articles]


def test_export_metadata_lines_and_cover_page_stay_out_of_the_articles():
    for data, name in ((makers.docx(exports_made.nexis_lines()), "x.docx"),
                       (makers.rtf(exports_made.factiva_lines()), "x.rtf"),
                       (exports_made.factiva_tagged_rtf(), "y.rtf")):
        for a in read_articles(Path(name), data):
            for furniture in ("Length:", "Load-Date", "Copyright", "(c) 2019", "words",
                              "Document HWN", "Job Number", "Search Terms", "Classification",
                              "Byline:", "English", "HWN", "Domestic Politics", "Ports|"):
                assert furniture not in a.text, (name, furniture)
    nexis = read_articles(Path("x.docx"), makers.docx(exports_made.nexis_lines()))
    factiva = read_articles(Path("x.rtf"), makers.rtf(exports_made.factiva_lines()))
    assert [a.byline for a in nexis] == ["Mira Holt", ""]
    assert [a.byline for a in factiva] == ["Mira Holt", ""]


def test_a_saved_page_keeps_its_story_and_none_of_its_furniture():
    [page] = read_articles(Path("page.html"), pages_made.furniture_page().encode())
    for furniture in [pages_made.RELATED_HEADLINE, "said to weigh new tariffs",
                      pages_made.COOKIE, "Accept", "Reader42", "Subscribe to our newsletter",
                      "All rights reserved", "Related", *pages_made.NAV]:
        assert furniture not in page.text, furniture
    assert "regional court in April" in page.text
    assert page.url == "https://harbour-times.example/world/valdoria-port"


def test_a_mail_alert_loses_its_headers_and_unsubscribe_lines():
    [mail] = read_articles(Path("alert.eml"), pages_made.eml(STORY_B))
    for furniture in [*pages_made.FOOTER, "From:", "alerts@", "Message-ID", "MIME-Version",
                      "nsubscribe", "preferences", "Content-Type"]:
        assert furniture not in mail.text, furniture
    assert mail.text.startswith(STORY_B[0] + "\n\n" + STORY_B[1])


def test_a_hard_wrapped_mail_is_joined_back_into_paragraphs():
    [mail] = read_articles(Path("alert.eml"), pages_made.eml(STORY_A, wrap=True))
    assert mail.text == "\n\n".join(STORY_A) + "\n"


@pytest.mark.parametrize("make", [
    lambda: makers.pdf(_wrapped(STORY_B)),
    lambda: makers.pdf(exports_made.nexis_lines(wrap=True)),
    lambda: makers.pdf(exports_made.factiva_lines(wrap=True)),
], ids=["article", "nexis-export", "factiva-export"])
def test_a_pdf_layout_is_joined_back_into_paragraphs(make):
    articles = read_articles(Path("story.pdf"), make())
    assert articles[-1].text == "\n\n".join(STORY_B) + "\n"
    if len(articles) == 2:
        assert articles[0].text == "\n\n".join(STORY_A) + "\n"


@pytest.mark.parametrize("filename, make, reason", [
    ("scan.pdf", lambda: makers.pdf(None, image_only=True), "no text layer"),
    ("locked.pdf", lambda: makers.encrypted_pdf(STORY_B), "encrypted PDF"),
    ("photo.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "a PNG image, not an article"),
    ("bundle.zip", makers.plain_zip, "a zip archive, not an article"),
    ("story.txt", lambda: makers.plain_zip(), "a zip archive, not an article"),
    ("tool", lambda: b"\x7fELF\x02\x01\x01" + bytes(60), "a program (ELF executable), not an article"),
    ("setup.exe", lambda: b"MZ\x90\x00\x03" + bytes(60), "a program (Windows executable)"),
    ("story.txt", lambda: b"\x1f\x8b\x08\x00" + bytes(20), "a gzip archive, not an article"),
    ("fake.docx", lambda: "\n".join(STORY_B).encode(), "named .docx but not a Word file"),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Word/Excel file"),
    ("empty.txt", lambda: b"  \n", "empty file"),
    ("blank.html", lambda: b"<html><head><title>T</title><script>x()</script></head><body> </body></html>",
     "no text"),
    ("broken.xml", lambda: b"<?xml version='1.0'?><rss><channel><item><title>x</rss>", "not a well-formed feed"),
    ("empty-feed.rss", lambda: b"<rss version='2.0'><channel><title>T</title></channel></rss>", "a feed with no items"),
    ("broken.docx", lambda: b"PK\x03\x04" + bytes(30), "damaged zip"),
    ("sitemap.xml", lambda: b"<?xml version='1.0'?><urlset><url><loc>x</loc></url></urlset>",
     "an XML file that is no RSS or Atom feed"),
    ("tiny.pdf", lambda: b"%PDF-1.4\n%garbage only\n", ""),
])
def test_files_that_are_no_article_are_refused_with_one_line(filename, make, reason):
    with pytest.raises(Refusal) as refused:
        read_articles(Path(filename), make())
    message = str(refused.value)
    assert reason in message
    assert message and "\n" not in message and len(message) < 200


def test_a_doc_that_is_a_web_page_is_read_as_html_and_says_so():
    [article] = read_articles(Path("page.doc"), pages_made.furniture_page().encode())
    assert article.kind == "html"
    assert article.note == "a .doc file that is a web page, read as HTML"
    assert pages_made.COOKIE not in article.text


@pytest.mark.parametrize("text, span, place, date", [
    ("Port row\n\nOSLO, March 15 (Reuters) - Berg said the deal was over for now.",
     "OSLO, March 15 (Reuters) -", "OSLO", D(2019, 3, 15)),
    ("Port row\n\nLONDON - Berg said the deal was over and that talks would go on.",
     "LONDON -", "LONDON", None),
    ("Port row\n\nANKARA (AP) — Berg said the deal was over and talks would resume.",
     "ANKARA (AP) —", "ANKARA", None),
    ("Port row\n\n17 December 2018\n\nBerg said the deal was over and talks would resume.",
     "17 December 2018", "", D(2018, 12, 17)),
    ("Port row\n\nPublished: March 15, 2019 10:05 GMT - Berg said the deal was over for now.",
     "Published: March 15, 2019 10:05 GMT -", "", D(2019, 3, 15)),
    ("Port row\n\nBerg - the minister - said the deal was over and talks would resume.",
     None, None, None),
])
def test_the_opening_dateline_is_reported_by_its_span(text, span, place, date):
    [article] = read_articles(Path("story.txt"), ("date 2019-03-20\n" + text).encode())
    if span is None:
        assert article.dateline is None
        return
    d = article.dateline
    assert article.text[d.start:d.end] == span
    assert (d.place, d.date) == (place, date)


def test_a_dateline_dates_an_article_that_has_no_other_date():
    text = "Port row\n\nOSLO, March 15, 2019 (Reuters) - Berg said the deal was over for now.\n"
    [article] = read_articles(Path("story.txt"), text.encode())
    assert (article.published, article.published_basis) == (D(2019, 3, 15), "dateline")


def test_a_damaged_pdf_is_one_line_and_no_library_chatter(tmp_path):
    # In a process of its own: pytest's logging capture would hide what a terminal shows.
    import subprocess
    import sys

    data = makers.pdf(STORY_B)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[: len(data) - 30])
    code = ("from pathlib import Path\nfrom s400tracker.formats import read_articles, Refusal\n"
            f"p = Path({str(damaged)!r})\n"
            "try:\n    read_articles(p, p.read_bytes())\nexcept Refusal as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr == ""
    assert out.stdout.count("\n") <= 1
