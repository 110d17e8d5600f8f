"""Reading never touches the network, and a plain .txt loads none of the readers' libraries."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from s400tracker.formats import read_articles
from tests.formats import exports_made, makers, pages_made


def _no_network(*args, **kwargs):
    raise AssertionError(f"a reader tried the network: {args[:2]}")


@pytest.mark.parametrize("filename, make", [
    ("page.html", lambda: pages_made.furniture_page().encode()),
    ("haber.htm", pages_made.cp1254_page),
    ("page.mhtml", pages_made.mhtml),
    ("alert.eml", lambda: pages_made.eml(makers.STORY_B)),
    ("feed.xml", pages_made.rss),
    ("feed.atom", pages_made.atom),
    ("factiva.html", lambda: exports_made.factiva_html().encode()),
    ("story.pdf", lambda: makers.pdf(makers.STORY_B)),
])
def test_no_reader_touches_the_network(monkeypatch, filename, make):
    data = make()   # made before the network goes, so only reading is watched
    for name in ("connect", "connect_ex", "sendto", "sendall", "send"):
        monkeypatch.setattr(socket.socket, name, _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)
    import urllib.request

    monkeypatch.setattr(urllib.request, "urlopen", _no_network)
    try:
        import urllib3

        monkeypatch.setattr(urllib3.PoolManager, "urlopen", _no_network)
        monkeypatch.setattr(urllib3.connectionpool.HTTPConnectionPool, "urlopen", _no_network)
    except ImportError:
        pass
    assert read_articles(Path(filename), data)


_HEAVY = ("trafilatura", "htmldate", "lxml", "justext", "courlan", "pypdf", "striprtf",
          "charset_normalizer", "urllib3", "dateparser")


def test_reading_a_plain_text_article_loads_no_reader_library(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("\n\n".join(makers.STORY_A) + "\n", encoding="utf-8")
    code = (
        "import sys, json; from pathlib import Path\n"
        "from s400tracker.formats import read_articles\n"
        f"p = Path({str(article)!r}); [a] = read_articles(p, p.read_bytes())\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(_HEAVY)!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
