"""The attack corpus: hostile and broken inputs, built in memory (nothing large is stored).

Each builder returns the bytes of one attack file; ``canary`` is a URL whose server counts
the requests it receives (see ``conftest.py``), and ``secret`` a local file whose text must
never appear in anything read. The corpus reports of ``tests/corpus`` are the carriers, so an
attack that is *not* refused still has a report around it.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

CORPUS = Path(__file__).parents[1] / "corpus"
SEED_TEXT = (CORPUS / "000.txt").read_text(encoding="utf-8")
HTML_PAGE = (CORPUS / "014.html").read_bytes()
DOCX = (CORPUS / "103.docx").read_bytes()
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADING = "一、总体情况"
"""A section heading: enough for a reader to take a text as a report."""


def docx_with(document: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """The corpus Word file with its ``document.xml`` replaced and ``extra`` entries added."""
    source = zipfile.ZipFile(io.BytesIO(DOCX))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml" and document is not None:
                data = document
            target.writestr(name, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def document_xml() -> bytes:
    return zipfile.ZipFile(io.BytesIO(DOCX)).read("word/document.xml")


def word_body(inner: str, prolog: str = "") -> bytes:
    """A ``document.xml`` whose body is ``inner`` (after a DOCTYPE or other ``prolog``)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}" xmlns:xi="http://www.w3.org/2001/XInclude"><w:body>'
        f"<w:p><w:r><w:t>{HEADING}</w:t></w:r></w:p>{inner}</w:body></w:document>"
    ).encode()


def html_page(body: str, prolog: str = "") -> bytes:
    return f"{prolog}<html><head></head><body><p>{HEADING}</p>{body}</body></html>".encode()


# --- entities and external resources ---------------------------------------------------------


def xxe_file_prolog(secret: Path, root: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'


def xxe_network_prolog(canary: str, root: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{canary}/entity">]>'


def external_dtd_prolog(canary: str, root: str) -> str:
    return f'<!DOCTYPE {root} SYSTEM "{canary}/external.dtd">'


def parameter_entity_prolog(canary: str, root: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY % remote SYSTEM "{canary}/parameter.dtd"> %remote;]>'


def billion_laughs_prolog(root: str) -> str:
    entities = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    entities.extend(
        f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    )
    return f"<!DOCTYPE {root} [{''.join(entities)}]>"


def quadratic_prolog(root: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY big "{"x" * 100_000}">]>'


QUADRATIC_BODY = "&big;" * 20_000
"""20,000 references to a 100 KB entity: 2 GB if expanded."""


def xinclude(target: str) -> str:
    return f'<xi:include href="{target}" parse="text"/>'


# --- nesting ---------------------------------------------------------------------------------


def deep_html(depth: int) -> bytes:
    return html_page("<div>" * depth + "<p>二、主动公开政府信息情况</p>" + "</div>" * depth)


def deep_docx(depth: int) -> bytes:
    wrapped = "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth
    return docx_with(word_body(wrapped))


# --- zip archives ----------------------------------------------------------------------------


def zip_bomb(unpacked: int = 200 * 2**20) -> bytes:
    """A Word file whose ``document.xml`` unpacks to ``unpacked`` bytes of spaces."""
    out = io.BytesIO()
    chunk = b" " * 2**20
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            for _ in range(unpacked // len(chunk)):
                handle.write(chunk)
            handle.write(b"</w:body></w:document>")
    return out.getvalue()


def lying_zip_bomb(unpacked: int = 100 * 2**20, declared: int = 20_000) -> bytes:
    """A zip bomb whose headers declare a small ``document.xml`` that unpacks to ``unpacked``.

    The sizes are rewritten in the local header and the central directory, so only reading
    the stream finds the truth.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = b"<w:document><w:body>" + b" " * unpacked + b"</w:body></w:document>"
    stream = compressor.compress(body) + compressor.flush()
    name = b"word/document.xml"
    crc = zlib.crc32(body)
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(stream), declared, len(name), 0
    )
    central = struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(stream),
        declared,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    directory = central + name
    offset = len(local) + len(name) + len(stream)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), offset, 0)
    return local + name + stream + directory + end


def many_entries(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", word_body(""))
        for i in range(count):
            archive.writestr(f"word/media/{i}.bin", b"")
    return out.getvalue()


def declared_entries(count: int) -> bytes:
    """A small archive whose end record declares ``count`` entries (zip64 when over 65,534)."""
    data = bytearray(docx_with())
    end = data.rfind(b"PK\x05\x06")
    if count < 0xFFFF:
        struct.pack_into("<2H", data, end + 8, count, count)
        return bytes(data)
    directory_size, directory_offset = struct.unpack_from("<2L", data, end + 12)
    record = struct.pack(
        "<4sQ2H2L4Q",
        b"PK\x06\x06",
        44,
        45,
        45,
        0,
        0,
        count,
        count,
        directory_size,
        directory_offset,
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end, 1)
    struct.pack_into("<2H", data, end + 8, 0xFFFF, 0xFFFF)
    return bytes(data[:end]) + record + locator + bytes(data[end:])


ZIP_SLIP_NAMES = ("../../evil.txt", "/tmp/evil-absolute.txt", "..\\..\\evil.txt", "C:/evil.txt")


def zip_slip(name: str) -> bytes:
    return docx_with(extra={name: b"written outside the folder"})


# --- text ------------------------------------------------------------------------------------


def gbk_declared_utf8_html() -> bytes:
    page = HTML_PAGE.decode("utf-8").replace("<head>", '<head><meta charset="utf-8">', 1)
    if '<meta charset="utf-8">' not in page:
        page = '<meta charset="utf-8">' + page
    return page.encode("gb18030")


def gbk_with_utf8_bom_text() -> bytes:
    return b"\xef\xbb\xbf" + SEED_TEXT.encode("gb18030")


def with_cell(text: str, cell: str) -> str:
    """The seed report with its first ``1`` cell printed as ``cell``."""
    assert "\t1\n" in text
    return text.replace("\t1\n", f"\t{cell}\n", 1)


TEN_THOUSAND_DIGITS = "9" * 10_000
BILLION_EXPONENT = "1E+1000000000"


# --- PDF -------------------------------------------------------------------------------------


def truncated_pdf() -> bytes:
    data = (CORPUS / "001.pdf").read_bytes()
    return data[: len(data) // 3]


def encrypted_pdf() -> bytes:
    """A PDF with an encryption dictionary in its trailer (the standard security handler)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 "
        b"/O <" + b"00" * 32 + b"> /U <" + b"00" * 32 + b"> >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R "
        f"/ID [<{'ab' * 16}> <{'ab' * 16}>] >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)
