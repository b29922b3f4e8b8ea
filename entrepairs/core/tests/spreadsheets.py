"""Workbooks and CSV files written by hand for the upload tests, the hostile ones included.

Everything is generated in memory and streamed through the compressor, so a file that unpacks to
tens of megabytes takes a few hundred kilobytes and no disk.
"""

import io
import struct
import zipfile
from collections.abc import Iterable

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="{CT}.styles+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" Type="{RELS}/officeDocument"
 Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>
<sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_RELS}">
<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="{RELS}/styles" Target="styles.xml"/>
</Relationships>"""
# Style 1 shows a date (built-in format 14).
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>
</styleSheet>"""


def sheet_xml(rows: Iterable[str], dimension: str = "") -> Iterable[str]:
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
    if dimension:
        yield f'<dimension ref="{dimension}"/>'
    yield "<sheetData>"
    yield from rows
    yield "</sheetData></worksheet>"


def shared_strings_xml(items: Iterable[str]) -> Iterable[str]:
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}">'
    yield from (f"<si><t>{item}</t></si>" for item in items)
    yield "</sst>"


def workbook(
    sheet: Iterable[str],
    shared_strings: Iterable[str] | None = None,
    *,
    parts: dict[str, str] | None = None,
) -> bytes:
    """An .xlsx with one sheet; each part is streamed through the compressor in chunks."""
    contents: dict[str, Iterable[str]] = {
        "[Content_Types].xml": [CONTENT_TYPES],
        "_rels/.rels": [ROOT_RELS],
        "xl/workbook.xml": [WORKBOOK],
        "xl/_rels/workbook.xml.rels": [WORKBOOK_RELS],
        "xl/styles.xml": [STYLES],
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared_strings_xml([])
        if shared_strings is None
        else shared_strings,
    }
    contents.update({name: [text] for name, text in (parts or {}).items()})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, chunks in contents.items():
            with archive.open(name, "w") as part:
                buffer: list[str] = []
                size = 0
                for chunk in chunks:
                    buffer.append(chunk)
                    size += len(chunk)
                    if size > 1 << 20:
                        part.write("".join(buffer).encode())
                        buffer, size = [], 0
                part.write("".join(buffer).encode())
    return out.getvalue()


def people_rows(count: int, *, start: int = 2) -> Iterable[str]:
    """A header (first_name, last_name, external_id) then `count` people, as sheet rows."""
    yield (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>first_name</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>last_name</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>external_id</t></is></c></row>'
    )
    for n in range(start, start + count):
        yield (
            f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c><c r="B{n}" t="s"><v>1</v></c>'
            f'<c r="C{n}"><v>{n}</v></c></row>'
        )


def people_workbook(count: int) -> bytes:
    return workbook(sheet_xml(people_rows(count)), shared_strings_xml(["Ann", "Lee"]))


def wide_row(cells: int, *, values: bool) -> Iterable[str]:
    """One row of `cells` cells, without coordinates (a sheet may leave them out)."""
    yield '<row r="1">'
    cell = "<c><v>1</v></c>" if values else "<c/>"
    for _ in range(cells // 10_000):
        yield cell * 10_000
    yield cell * (cells % 10_000)
    yield "</row>"


def lie_about_size(data: bytes, name: str, declared: int) -> bytes:
    """The same zip, with the uncompressed size `name` declares (central directory) replaced."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(name)
    assert info.file_size < 0xFFFFFFFF, "only for parts without zip64 sizes"
    raw = bytearray(data)
    header = raw.find(b"PK\x01\x02")
    while header != -1:
        name_length = struct.unpack_from("<H", raw, header + 28)[0]
        if raw[header + 46 : header + 46 + name_length].decode() == name:
            struct.pack_into("<I", raw, header + 24, declared)
            return bytes(raw)
        header = raw.find(b"PK\x01\x02", header + 4)
    raise AssertionError(f"{name} not in the central directory")


def csv_people(count: int) -> bytes:
    lines = ["first_name,last_name,external_id"]
    lines += [f"Ann,Lee,{n}" for n in range(count)]
    return ("\n".join(lines) + "\n").encode()
