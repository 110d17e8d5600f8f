"""Files of every format, made by the tests from invented stories (no committed binaries).

The stories are about an invented port dispute between Valdoria and Ostmark in 2019."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

STORY_A = [
    "Valdoria condemns Ostmark port deal",
    "VALDORIA CITY, March 14 (Harbour Wire) - Valdoria's foreign minister Anna Berg said on "
    "Thursday the port agreement signed by Ostmark was \"a mistake we will correct\".",
    "\"We were not consulted,\" Berg told reporters after a four-hour cabinet meeting.",
]
STORY_B = [
    "Ostmark rejects criticism of harbour accord",
    "Ostmark's trade minister Piet Lund said on Friday that the harbour accord would stand "
    "and that Valdoria had been informed in January.",
    "\"The accord serves both nations,\" Lund said in a statement.",
]


# --- Word and OpenDocument ------------------------------------------------------------------

def docx(paragraphs: list[str]) -> bytes:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>'
                   for p in paragraphs)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{body}<w:sectPr/></w:body></w:document>")
    return _zip({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": document,
    })


def odt(paragraphs: list[str], heading: str | None = None) -> bytes:
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    head = f'<text:h text:outline-level="1">{escape(heading)}</text:h>' if heading else ""
    # Two spaces as ODF writes them (<text:s/>), a footnote that is no part of the article.
    paras = "".join(
        f"<text:p>{escape(p).replace('  ', ' <text:s/>')}"
        + ('<text:note><text:note-body><text:p>Footnote text.</text:p></text:note-body></text:note>'
           if i == 0 else "") + "</text:p>"
        for i, p in enumerate(paragraphs))
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               f'xmlns:text="{text_ns}"><office:body><office:text>{head}{paras}'
               "</office:text></office:body></office:document-content>")
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content},
                stored_first=True)


def _zip(parts: dict[str, str], stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i, (name, content) in enumerate(parts.items()):
            method = zipfile.ZIP_STORED if stored_first and i == 0 else zipfile.ZIP_DEFLATED
            z.writestr(zipfile.ZipInfo(name), content, compress_type=method)
    return out.getvalue()


def plain_zip() -> bytes:
    return _zip({"notes/a.txt": "hello", "notes/b.txt": "world"})


# --- PDF -------------------------------------------------------------------------------------

def pdf(lines: list[str] | None, *, image_only: bool = False) -> bytes:
    """A one-page PDF written by hand: each line a text line in Helvetica, or (image_only) a
    page that only paints an image, as a scan does."""
    if image_only:
        content = b"q 200 0 0 100 50 600 cm /Im1 Do Q"
        resources = b"<< /XObject << /Im1 5 0 R >> >>"
    else:
        ops = [b"BT /F1 11 Tf 14 TL 50 780 Td"]
        for line in lines or []:
            safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(b"(" + safe.encode("cp1252") + b") Tj T*")
        ops.append(b"ET")
        content = b"\n".join(ops)
        resources = b"<< /Font << /F1 5 0 R >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R /Resources "
        + resources + b" >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    if image_only:
        pixels = bytes([128]) * (4 * 2)
        objects.append(b"<< /Type /XObject /Subtype /Image /Width 4 /Height 2 /ColorSpace "
                       b"/DeviceGray /BitsPerComponent 8 /Length 8 >>\nstream\n" + pixels
                       + b"\nendstream")
    else:
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                       b"/Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


def encrypted_pdf(lines: list[str]) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf(lines))))
    writer.encrypt(user_password="harbour", owner_password="harbour-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- RTF -------------------------------------------------------------------------------------

def rtf(paragraphs: list[str], codepage: int = 1252) -> bytes:
    """An RTF file as Word writes one: 8-bit letters as \\'xx in the code page, others as \\uN."""
    def encode(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ord(ch) < 128:
                out.append(ch)
            else:
                try:
                    b = ch.encode(f"cp{codepage}")
                    out.append("".join(f"\\'{x:02x}" for x in b))
                except UnicodeEncodeError:
                    out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
        return "".join(out)
    body = "".join(f"{{\\pard\\plain {encode(p)}\\par}}\n" for p in paragraphs)
    return (f"{{\\rtf1\\ansi\\ansicpg{codepage}\\deff0{{\\fonttbl{{\\f0\\fswiss Arial;}}}}\n"
            f"{{\\info{{\\title Export}}}}\n{body}}}").encode("ascii")
