"""Hostile report files, generated small on disk: far cells, ZIP and stream bombs, many pages.

Each builder takes its size as a parameter, so that tests build a case just past a limit and
bench/hostile_files.py builds the issue's full-size cases from the same code.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable

__all__ = [
    "billion_laughs",
    "docx_with_body",
    "pdf_pages",
    "pdf_stream_bomb",
    "pdf_with_contents",
    "pdf_with_encoded_content",
    "with_member_cut",
    "xlsx_with_cells",
    "zip_lying_about_size",
]

_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{target}"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_with_cells(
    cells: Iterable[tuple[int, int, str]], *, prologue: str = "", copies: int = 1
) -> bytes:
    """A minimal workbook whose one sheet holds text `cells` given as (row, column, text).

    `prologue` goes before the sheet's root element (a DTD, for instance); `copies` > 1
    makes as many sheets holding the same cells.
    """
    rows: dict[int, list[tuple[int, str]]] = {}
    for row, column, text in cells:
        rows.setdefault(row, []).append((column, text))
    body = "".join(
        f'<row r="{row}">'
        + "".join(
            f'<c r="{_column(column)}{row}" t="inlineStr"><is><t>{text}</t></is></c>'
            for column, text in sorted(rows[row])
        )
        + "</row>"
        for row in sorted(rows)
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prologue}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _XLSX_TYPES)
        package.writestr("_rels/.rels", _RELS.format(target="xl/workbook.xml"))
        if copies == 1:
            package.writestr("xl/workbook.xml", _WORKBOOK)
            package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        else:
            numbers = range(1, copies + 1)
            package.writestr(
                "xl/workbook.xml",
                _WORKBOOK.replace(
                    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/>',
                    "".join(f'<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>' for n in numbers),
                ),
            )
            package.writestr(
                "xl/_rels/workbook.xml.rels",
                _WORKBOOK_RELS.replace(
                    _WORKBOOK_RELS[
                        _WORKBOOK_RELS.index("<Relationship ") : _WORKBOOK_RELS.index(
                            "</Relationships>"
                        )
                    ],
                    "".join(
                        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
                        f'officeDocument/2006/relationships/worksheet" '
                        f'Target="worksheets/sheet{n}.xml"/>'
                        for n in numbers
                    ),
                ),
            )
        for number in range(1, copies + 1):
            package.writestr(f"xl/worksheets/sheet{number}.xml", sheet)
    return out.getvalue()


def with_member_cut(data: bytes, member: str, keep: int) -> bytes:
    """`data` (a ZIP) with `member` cut to its first `keep` bytes, a valid ZIP still."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package,
    ):
        for info in source.infolist():
            content = source.read(info)
            package.writestr(info.filename, content[:keep] if info.filename == member else content)
    return out.getvalue()


def billion_laughs(root: str) -> str:
    """A DTD whose entity &a9; expands to a billion "lol"s, for a document whose root is `root`."""
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f"<!DOCTYPE {root} [{entities}]>"


def docx_with_body(paragraphs: int, *, text: str = "政府信息公开", chunk: int = 10_000) -> bytes:
    """A DOCX whose document.xml holds `paragraphs` identical paragraphs, written in chunks.

    A million paragraphs inflate to about 60 MB from about 100 KB: a ZIP bomb built honestly
    (the sizes in its headers are true).
    """
    from docx import Document

    base = io.BytesIO()
    Document().save(base)
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(base) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package,
    ):
        for info in source.infolist():
            if info.filename != "word/document.xml":
                package.writestr(info, source.read(info))
                continue
            xml = source.read(info)
            head = xml.split(b"<w:body>", 1)[0]
            with package.open("word/document.xml", "w", force_zip64=True) as stream:
                stream.write(head + b"<w:body>")
                left = paragraphs
                block = paragraph * chunk
                while left >= chunk:
                    stream.write(block)
                    left -= chunk
                stream.write(paragraph * left)
                stream.write(b"<w:sectPr/></w:body></w:document>")
    return out.getvalue()


def zip_lying_about_size(data: bytes, member: str, *, claimed: int) -> bytes:
    """`data` (a ZIP) with `member`'s uncompressed size stated as `claimed` in both its local
    header and the central directory (the stream itself is unchanged)."""
    archive = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo(member)
    if info.file_size >= 0xFFFFFFFF or info.compress_size >= 0xFFFFFFFF:
        raise ValueError("ZIP64 members are not patched")
    # Local file header: the uncompressed size sits at offset 22.
    struct.pack_into("<I", archive, info.header_offset + 22, claimed)
    # Central directory: find this member's entry by its header offset (at entry offset 42).
    start = 0
    signature = b"PK\x01\x02"
    while (start := archive.find(signature, start)) != -1:
        name_length = struct.unpack_from("<H", archive, start + 28)[0]
        offset = struct.unpack_from("<I", archive, start + 42)[0]
        name = bytes(archive[start + 46 : start + 46 + name_length]).decode()
        if offset == info.header_offset and name == member:
            struct.pack_into("<I", archive, start + 24, claimed)
            break
        start += 4
    return bytes(archive)


# --- PDF ----------------------------------------------------------------------------------------


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of `objects` (numbered from 1; object 1 is the catalogue)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    out += trailer.encode()
    return bytes(out)


def _stream(content: bytes, *, compressed: bool = False, filters: bytes = b"") -> bytes:
    if compressed:
        filters = b"/FlateDecode"
    extra = b" /Filter " + filters if filters else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def pdf_with_encoded_content(encoded: bytes, filters: bytes) -> bytes:
    """A one-page PDF whose content stream is `encoded` with `filters` (a name or an array
    of names, as the stream's /Filter states it)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        _stream(encoded, filters=filters),
    ]
    return _pdf(objects)


def pdf_pages(count: int, *, ruled: bool = True) -> bytes:
    """A PDF of `count` pages, each with a line of text and (if `ruled`) two vertical rules,
    which make the reader look for tables on every page."""
    rules = b"72 600 m 72 500 l S 300 600 m 300 500 l S 72 600 m 300 600 l S " if ruled else b""
    return pdf_with_contents(
        [
            rules + b"BT /F1 12 Tf 72 700 Td (Page %d of the report) Tj ET" % (page + 1)
            for page in range(count)
        ]
    )


def pdf_with_contents(contents: list[bytes]) -> bytes:
    """A PDF with one page per content stream (compressed), Helvetica as /F1."""
    font = 3
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b""]
    objects[font - 1] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    kids = []
    count = len(contents)
    for content in contents:
        objects.append(_stream(zlib.compress(content), compressed=True))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, len(objects))
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
        count,
        b" ".join(b"%d 0 R" % kid for kid in kids),
    )
    return _pdf(objects)


def pdf_stream_bomb(inflated: int) -> bytes:
    """A one-page PDF whose content stream is a line of text followed by `inflated` bytes of
    spaces, compressed (about 1 MB per GiB)."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET\n")]
    block = b" " * (1 << 20)
    left = inflated
    while left > 0:
        parts.append(packer.compress(block[: min(left, len(block))]))
        left -= len(block)
    parts.append(packer.flush())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        _stream(b"".join(parts), compressed=True),
    ]
    return _pdf(objects)
