"""Web pages, feeds and mails made by the tests, about the invented port dispute."""

from __future__ import annotations

import base64
import quopri

from tests.formats.makers import STORY_A, STORY_B

RELATED_HEADLINE = "Ostmark minister said harbour talks were doomed, insiders claim"
COOKIE = "We use cookies to improve your experience. Accept all cookies to keep reading."
NAV = ["Home", "World", "Politics", "Business", "Sport", "Weather"]


def furniture_page() -> str:
    nav = "".join(f'<li><a href="/{x.lower()}">{x}</a></li>' for x in NAV)
    body = "".join(f"<p>{p}</p>" for p in STORY_A[1:]) + (
        "<p>Officials in both capitals expect the dispute to reach the regional court in "
        "April, a step neither government has taken since the border treaty of 1987 was "
        "signed by their predecessors.</p>")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{STORY_A[0]} | The Harbour Times</title>
<meta property="og:site_name" content="The Harbour Times">
<meta property="og:title" content="{STORY_A[0]}">
<meta property="article:published_time" content="2019-03-14T10:05:00+01:00">
<link rel="canonical" href="https://harbour-times.example/world/valdoria-port">
</head><body>
<header><nav class="main-nav"><ul>{nav}</ul></nav></header>
<div id="cookie-banner" class="cookie-consent"><p>{COOKIE}</p><button>Accept</button></div>
<main><article><h1>{STORY_A[0]}</h1>
<p class="byline">By Mira Holt</p><time datetime="2019-03-14">14 March 2019</time>
{body}</article>
<aside class="related-links"><h3>Related</h3><ul>
<li><a href="/a">{RELATED_HEADLINE}</a></li>
<li><a href="/b">Valdoria said to weigh new tariffs on Ostmark fish</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Reader42 said: this deal is a disgrace and everyone knows it.</p></div></section>
</main>
<footer><p>Subscribe to our newsletter</p><p>© 2019 The Harbour Times. All rights reserved.</p></footer>
</body></html>"""


TURKISH = [
    "Dışişleri Bakanı Ayşe Yıldız liman anlaşmasını eleştirdi",
    "Dışişleri Bakanı Ayşe Yıldız, Ostmark ile imzalanan liman anlaşmasının \"kabul "
    "edilemez\" olduğunu söyledi ve görüşmelerin sürmesi gerektiğini belirtti.",
    "Yıldız, çarşamba günü düzenlenen basın toplantısında İstanbul'daki gazetecilere konuştu "
    "ve bakanlığın ayrıntılı bir açıklama yapacağını ifade etti.",
]


def cp1254_page() -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in TURKISH[1:])
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1254">'
            f"<title>{TURKISH[0]}</title></head><body><article><h1>{TURKISH[0]}</h1>{paras}"
            "</article></body></html>")
    return page.encode("cp1254")


def rss() -> bytes:
    return """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Times - World</title><link>https://harbour-times.example/</link>
<item><title>Valdoria condemns Ostmark port deal</title>
<link>https://harbour-times.example/a</link><pubDate>Thu, 14 Mar 2019 10:05:00 +0100</pubDate>
<description>&lt;p&gt;Foreign minister Anna Berg said the agreement was &lt;b&gt;"a mistake we will correct"&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;She spoke after a cabinet meeting.&lt;/p&gt;</description></item>
<item><title>Ostmark rejects criticism of harbour accord</title>
<link>https://harbour-times.example/b</link><pubDate>Fri, 15 Mar 2019 18:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Trade minister Piet Lund said the accord would stand.</p>]]></content:encoded></item>
<item><title>Court date set in harbour dispute</title>
<link>https://harbour-times.example/c</link><pubDate>Mon, 18 Mar 2019 08:00:00 GMT</pubDate>
<description>The regional court said it would hear the case in April.</description></item>
</channel></rss>""".encode()


def atom() -> bytes:
    return """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ostmark Daily</title>
<entry><title>Ostmark rejects criticism of harbour accord</title>
<link rel="alternate" href="https://ostmark-daily.example/1"/>
<published>2019-03-15T18:00:00Z</published><updated>2019-03-16T08:00:00Z</updated>
<author><name>Lena Vik</name></author>
<content type="html">&lt;p&gt;Trade minister Piet Lund said the accord would stand.&lt;/p&gt;</content></entry>
<entry><title>Valdoria recalls envoy</title><link href="https://ostmark-daily.example/2"/>
<updated>2019-03-17T09:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Valdoria said it had recalled its envoy for consultations.</p></div></content></entry>
</feed>""".encode()


FOOTER = [
    "You are receiving this alert because you subscribed to Harbour Times alerts.",
    "Unsubscribe: https://harbour-times.example/unsubscribe?id=77",
    "Manage your preferences | View this email in your browser",
]


def eml(story: list[str], wrap: bool = False) -> bytes:
    import textwrap

    body = story[1:] if not wrap else ["\n".join(textwrap.wrap(p, 72)) for p in story[1:]]
    plain = "\n\n".join(body) + "\n\n" + "\n".join(FOOTER) + "\n"
    html = "".join(f"<p>{p}</p>" for p in story[1:]) + "".join(f"<p>{f}</p>" for f in FOOTER)
    return f"""From: Harbour Times Alerts <alerts@harbour-times.example>
To: analyst@example.org
Subject: {story[0]}
Date: Fri, 15 Mar 2019 07:30:00 +0000
Message-ID: <alert-77@harbour-times.example>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

{base64.encodebytes(plain.encode()).decode()}
--BOUNDARY
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

{quopri.encodestring(html.encode()).decode()}
--BOUNDARY--
""".encode()


def mhtml() -> bytes:
    page = furniture_page().replace("Valdoria's", "Valdoria’s")   # a curly apostrophe, in UTF-8
    qp = quopri.encodestring(page.encode("utf-8")).decode()
    return f"""From: <Saved by Blink>
Snapshot-Content-Location: https://harbour-times.example/world/valdoria-port
Subject: {STORY_A[0]}
Date: Thu, 14 Mar 2019 12:00:00 -0000
MIME-Version: 1.0
Content-Type: multipart/related; type="text/html"; boundary="----MultipartBoundary--abc"

------MultipartBoundary--abc
Content-Type: text/html
Content-ID: <frame-1@mhtml.blink>
Content-Transfer-Encoding: quoted-printable
Content-Location: https://harbour-times.example/world/valdoria-port

{qp}
------MultipartBoundary--abc
Content-Type: image/png
Content-Transfer-Encoding: base64
Content-Location: https://harbour-times.example/logo.png

iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
------MultipartBoundary--abc--
""".replace("\n", "\r\n").encode()


def _story_b_paragraphs() -> str:
    return "".join(f"<p>{p}</p>" for p in STORY_B[1:]) + (
        "<p>Officials in both capitals expect the dispute to reach the regional court in April "
        "this year, the first case of its kind.</p>")


def json_ld_page() -> bytes:
    """Metadata only in the page's JSON-LD (no Open Graph, no <time>)."""
    return f"""<html><head><title>Ostmark rejects criticism - Ostmark Daily</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{STORY_B[0]}", "datePublished": "2019-03-15T18:00:00Z",
"publisher": {{"@type": "Organization", "name": "Ostmark Daily"}},
"author": {{"@type": "Person", "name": "Lena Vik"}}}}</script></head>
<body><div class="menu"><a href="/">Home</a> <a href="/ports">Ports</a></div>
<div class="story"><h1>{STORY_B[0]}</h1>{_story_b_paragraphs()}</div></body></html>""".encode()


def time_only_page() -> bytes:
    """The date only in a <time> element."""
    return f"""<html><head><title>{STORY_B[0]}</title></head><body><article>
<h1>{STORY_B[0]}</h1><p>Published <time datetime="2019-03-15T18:00">15 March</time></p>
{_story_b_paragraphs()}</article></body></html>""".encode()
