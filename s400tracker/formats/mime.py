"""E-mail (.eml) and saved web archives (.mhtml/.mht), both MIME messages (standard library).

An .mhtml is a web page with its images: its HTML part (quoted-printable or base64, in its
charset) goes to the HTML reader. An .eml alert gives the article it carries: the plain-text
part when there is one, else the HTML part through the HTML reader; never the headers; the
signature ('-- ' and below) and the newsletter footer (unsubscribe, manage preferences, view in
browser, 'you are receiving this') are cut. Subject is the title, the sender's name the outlet;
the Date header dates the article only when its text has no date of its own (a mail is sent
after the news it carries).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import re

from s400tracker.formats.model import METADATA, UNDATED, Draft, Refusal

_FOOTER = re.compile(
    r"unsubscribe|opt[ -]out|manage (?:your )?(?:subscription|preferences|alerts|e-?mail)"
    r"|update your (?:preferences|subscription)|view (?:this (?:e-?mail|message) )?in (?:your |a )?browser"
    r"|you (?:are receiving|received|have received|receive) this|this (?:e-?mail|message) was sent to"
    r"|forward (?:this )?to a friend|privacy policy|no longer wish to receive|all rights reserved"
    r"|add us to your address book|sent from my ",
    re.IGNORECASE)
_SIGNATURE = re.compile(r"^-- ?$")


def read_mime(data: bytes, suffix: str) -> list[Draft]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    html_part = _first_part(message, "text/html")
    plain_part = _first_part(message, "text/plain")
    is_page = suffix in (".mht", ".mhtml") or (
        suffix != ".eml" and message.get_content_type() == "multipart/related")
    if is_page:
        if html_part is None:
            raise Refusal("a web archive without a web page in it")
        return _page(html_part, message, kind="mhtml")
    subject = _header(message, "subject")
    sender = email.utils.parseaddr(_header(message, "from"))[0]
    sent = _date(_header(message, "date"))
    if plain_part is not None and _content(plain_part).strip():
        body = _clean_mail_text(_content(plain_part))
        if not body.strip():
            raise Refusal("an e-mail without article text")
        text = (f"{subject}\n\n{body}" if subject and not body.startswith(subject) else body)
        drafts = [Draft(text=text, title=subject, kind="eml")]
    elif html_part is not None:
        drafts = _page(html_part, message, kind="eml")
        for d in drafts:
            d.text = _clean_mail_text(d.text)
            d.title = d.title or subject
    else:
        raise Refusal("an e-mail without a text or HTML part")
    for d in drafts:
        d.outlet = d.outlet or sender
        if d.published is None and sent is not None:
            d.published, d.published_basis, d.date_last = sent, METADATA, True
    return drafts


def _page(part, message, *, kind: str) -> list[Draft]:
    from s400tracker.formats.html import read_html

    drafts = read_html(_content(part), kind=kind)
    location = _header(message, "snapshot-content-location") or _header(part, "content-location")
    for d in drafts:
        d.url = d.url or location
    return drafts


def _first_part(message, content_type: str):
    for part in message.walk():
        if part.get_content_type() == content_type and not part.is_attachment():
            return part
    return None


def _content(part) -> str:
    # A part without a charset (a browser's .mhtml page) is decoded as its page declares.
    if part.get_param("charset") is None and part.get_content_type() == "text/html":
        content = part.get_payload(decode=True) or b""
    else:
        try:
            content = part.get_content()
        except (LookupError, ValueError):   # an unknown charset: read it as browsers would
            content = part.get_payload(decode=True) or b""
    if isinstance(content, bytes):
        from s400tracker.formats.html import decode_html

        content = decode_html(content)
    return content


def _header(message, name: str) -> str:
    try:
        return str(message.get(name, "") or "").strip()
    except (ValueError, TypeError):
        return ""


def _date(value: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(value).date() if value else None
    except (TypeError, ValueError, IndexError):
        return None


def _clean_mail_text(text: str) -> str:
    """The mail's text without its signature and newsletter footer: from the first footer line
    in the last third of the mail (or a '-- ' line anywhere) everything below goes; footer lines
    higher up go alone."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = []
    tail_from = int(len(lines) * 2 / 3)
    for i, line in enumerate(lines):
        if _SIGNATURE.match(line):
            break
        if _FOOTER.search(line):
            if i >= tail_from:
                break
            continue
        kept.append(line.rstrip())
    if _hard_wrapped(kept):
        from s400tracker.formats.layout import reflow

        out = "\n\n".join(reflow(kept))
    else:
        out = re.sub(r"\n{3,}", "\n\n", "\n".join(kept).strip())
    return out + "\n" if out else ""


def _hard_wrapped(lines: list[str]) -> bool:
    """A mail written with its lines broken at 72 to 80 characters, paragraphs among them."""
    lengths = [len(x) for x in lines if x.strip()]
    return bool(lengths) and max(lengths) <= 80 and sum(n >= 60 for n in lengths) >= 3
