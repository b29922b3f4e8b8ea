"""Reading files people upload (CSV and XLSX) within fixed limits, whatever the packing.

Every path that reads a user's file goes through here: the people import in the browser, the API,
the `import_people` command and the background worker that applies large imports. The limits are
settings (`UPLOAD_MAX_*`, defaults below) and are checked while reading, so a file is refused as
soon as one is passed, with a message that names it, before anything is written:

- the file as uploaded: `UPLOAD_MAX_BYTES`;
- unpacked (an .xlsx is a zip): the sizes the zip declares, then the bytes really unpacked, counted
  while reading (`UPLOAD_MAX_UNPACKED_BYTES` in all; the table of texts of a workbook, which has to
  be held in memory, `UPLOAD_MAX_SHARED_STRINGS_BYTES`; the small parts read whole, 1 MB each); a
  part that unpacks to more than `MAX_COMPRESSION_RATIO` times its packed size is a zip bomb;
- rows with a value (besides the header line), columns, cells, characters per line and per cell;
- the time spent reading: `UPLOAD_MAX_SECONDS`, checked on the monotonic clock as rows come.

Workbooks are opened with openpyxl in read-only mode, which parses XML through defusedxml (no
entities, no DTD). openpyxl's own row iterator is not used for the sheet: it builds a whole row
(and, when a sheet declares no size, the whole sheet) before handing it over, and it parses the
table of texts and the styles without limits. Here the sheet is streamed element by element,
every finished element is dropped, and each cell is converted by openpyxl's own cell parser. The
size a sheet declares (`<dimension>`) is never read: only the cells really there count.
"""

import csv
import io
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Literal

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MB = 1024 * 1024
# A spreadsheet's XML packs 5 to 25 times; zip bombs pack about a thousand times.
MAX_COMPRESSION_RATIO = 100
# Small parts pack well too: the ratio is only judged for parts that unpack to more than this.
RATIO_FROM_BYTES = MB
# Parts parsed whole by openpyxl (content types, workbook, relationships): a few KB in real files.
MAX_PART_BYTES = MB
MAX_ZIP_ENTRIES = 1_000
# Excel's own limit for a cell; a CSV line may hold a few such cells at most.
MAX_CELL_CHARS = 32_767
MAX_LINE_CHARS = 65_536
# Real sheets nest elements a dozen deep and hold a handful of elements in a cell.
MAX_XML_DEPTH = 64
MAX_ELEMENTS_IN_CELL = 1_000
MAX_STYLES = 65_536


@dataclass(frozen=True)
class Limits:
    bytes: int
    unpacked_bytes: int
    shared_strings_bytes: int
    rows: int  # rows with a value, besides the header line
    columns: int
    cells: int
    seconds: float
    part_bytes: int = MAX_PART_BYTES
    compression_ratio: int = MAX_COMPRESSION_RATIO
    ratio_from_bytes: int = RATIO_FROM_BYTES
    zip_entries: int = MAX_ZIP_ENTRIES
    line_chars: int = MAX_LINE_CHARS
    cell_chars: int = MAX_CELL_CHARS

    @classmethod
    def from_settings(cls, **overrides: Any) -> "Limits":
        limits = cls(
            bytes=settings.UPLOAD_MAX_BYTES,
            unpacked_bytes=settings.UPLOAD_MAX_UNPACKED_BYTES,
            shared_strings_bytes=settings.UPLOAD_MAX_SHARED_STRINGS_BYTES,
            rows=settings.UPLOAD_MAX_ROWS,
            columns=settings.UPLOAD_MAX_COLUMNS,
            cells=settings.UPLOAD_MAX_CELLS,
            seconds=settings.UPLOAD_MAX_SECONDS,
        )
        return replace(limits, **overrides)


class UploadError(Exception):
    """The file cannot be read as a whole; `message` is for the person who sent it."""

    code = "unreadable"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class LimitExceeded(UploadError):
    """The file passes one of the limits; `code` names the limit (`rows`, `unpacked_bytes`...)."""


def _number(value: float) -> str:
    return number_format(value, force_grouping=True)


def _exceeded(limit: str, **values: Any) -> LimitExceeded:
    messages = {
        "bytes": _("The file is larger than %(max)s."),
        "unpacked_bytes": _(
            "Unpacked, the file takes more than %(max)s: it is refused. "
            "Remove unused sheets and pictures, or split the file."
        ),
        "compression_ratio": _(
            "The file is packed far more tightly than a spreadsheet can be (a part unpacks to "
            "more than %(max)s times its packed size): it is refused."
        ),
        "zip_entries": _("The workbook holds more than %(max)s parts: it is refused."),
        "part_bytes": _("Unpacked, a part of the workbook takes more than %(max)s: it is refused."),
        "shared_strings_bytes": _(
            "Unpacked, the workbook's table of texts takes more than %(max)s: it is refused. "
            "Split the file."
        ),
        "rows": _("The file has more than %(max)s rows."),
        "columns": _("The file has more than %(max)s columns."),
        "cells": _("The file has more than %(max)s cells."),
        "line_chars": _("Line %(line)s of the file is longer than %(max)s characters."),
        "cell_chars": _("A cell on line %(line)s is longer than %(max)s characters."),
        "seconds": _(
            "Reading the file took more than %(max)s seconds: it is refused. "
            "Split it into smaller files."
        ),
    }
    return LimitExceeded(messages[limit] % values, code=limit)


def _size_limit(limit: str, value: int) -> LimitExceeded:
    return _exceeded(limit, max=filesizeformat(value))


class Budget:
    """The time a file may take to read, checked on the monotonic clock as the reading goes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() >= self.deadline:
            raise _exceeded("seconds", max=_number(self.seconds))


# ---------------------------------------------------------------------------------------------
# Getting the bytes


def check_size(size: int | None, limits: Limits | None = None) -> None:
    limits = limits or Limits.from_settings()
    if size is not None and size > limits.bytes:
        raise _size_limit("bytes", limits.bytes)


def read_upload(upload: Any, limits: Limits | None = None) -> bytes:
    """The bytes of an uploaded file, never more than the limit (a wrong `size` changes nothing)."""
    limits = limits or Limits.from_settings()
    check_size(upload.size, limits)
    upload.seek(0)
    data = upload.read(limits.bytes + 1)
    check_size(len(data), limits)
    return data


def read_path(path: Path, limits: Limits | None = None) -> bytes:
    """The bytes of a file on disk (command line), never more than the limit."""
    limits = limits or Limits.from_settings()
    with path.open("rb") as file:
        data = file.read(limits.bytes + 1)
    check_size(len(data), limits)
    return data


# ---------------------------------------------------------------------------------------------
# Rows


XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def is_workbook(data: bytes, filename: str = "") -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == ZIP_MAGIC


def read_rows(
    data: bytes, filename: str = "", limits: Limits | None = None
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells as text) of each row with a value, of a CSV file or a workbook's first sheet.

    A generator: limits are checked as rows come, so the caller never holds more than the rows
    already read. Raises UploadError (LimitExceeded for a limit) as soon as the file is refused.
    """
    limits = limits or Limits.from_settings()
    check_size(len(data), limits)
    budget = Budget(limits.seconds)
    if not data.strip():
        raise UploadError(_("The file is empty."), code="empty")
    if filename.lower().endswith(".xls") or data[:8] == XLS_MAGIC:
        raise UploadError(
            _("Old Excel files (.xls) are not supported: save the file as .xlsx or CSV."),
            code="format",
        )
    if is_workbook(data, filename):
        return _xlsx_rows(data, limits, budget)
    return _csv_rows(data, limits, budget)


class _Counter:
    """Rows, cells and the row limit, shared by both formats."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.rows = 0
        self.cells = 0

    def add_cells(self, n: int) -> None:
        self.cells += n
        if self.cells > self.limits.cells:
            raise _exceeded("cells", max=_number(self.limits.cells))

    def add_row(self) -> None:
        self.rows += 1
        # The first row with a value is the header line.
        if self.rows > self.limits.rows + 1:
            raise _exceeded("rows", max=_number(self.limits.rows))


# --- CSV ---------------------------------------------------------------------------------------


def _csv_rows(data: bytes, limits: Limits, budget: Budget) -> Iterator[tuple[int, list[str]]]:
    text = _decode(data)
    if "\x00" in text:
        raise UploadError(
            _("This file is not a CSV text file (it contains binary data)."), code="format"
        )
    delimiter = _delimiter(text, limits)
    # The csv module's only guard is a global one: no field longer than a line.
    csv.field_size_limit(limits.line_chars)
    lines = _Lines(text, limits, budget)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    count = _Counter(limits)
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            lines.record_done()
            filled = len(cells)
            while filled and not cells[filled - 1].strip():
                filled -= 1
            if not filled:
                continue
            if filled > limits.columns:
                raise _exceeded("columns", max=_number(limits.columns))
            count.add_cells(filled)
            if any(len(cell) > limits.cell_chars for cell in cells[:filled]):
                raise _exceeded("cell_chars", line=line, max=_number(limits.cell_chars))
            count.add_row()
            # Trailing empty cells are kept: a line with more values than the header is an error.
            yield line, cells if len(cells) <= limits.columns else cells[:filled]
    except csv.Error as exc:
        raise UploadError(
            _("The CSV file is malformed near line %(line)d (%(reason)s).")
            % {"line": reader.line_num, "reason": exc},
            code="malformed",
        ) from exc


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page; cp1252 leaves a few bytes undefined.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


_NOT_NEWLINE = re.compile(r"[^\r\n]")


def _delimiter(text: str, limits: Limits) -> str:
    found = _NOT_NEWLINE.search(text)
    start = found.start() if found else 0
    first_line = text[start : start + limits.line_chars + 1].split("\n", 1)[0]
    return max([",", ";", "\t"], key=lambda d: _count_outside_quotes(first_line, d))


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


class _Lines:
    """The file's lines for the csv reader, each checked for length and time before it is parsed."""

    def __init__(self, text: str, limits: Limits, budget: Budget) -> None:
        self.lines = iter(io.StringIO(text, newline=""))
        self.limits, self.budget = limits, budget
        self.number = 0
        self.record = 0  # characters of the record being read (a quoted value may span lines)

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.number += 1
        self.record += len(line)
        self.budget.check()
        if self.record > self.limits.line_chars:
            raise _exceeded("line_chars", line=self.number, max=_number(self.limits.line_chars))
        return line

    def record_done(self) -> None:
        self.record = 0


# --- XLSX --------------------------------------------------------------------------------------


class _Unreadable(Exception):
    """The workbook's structure is not what a spreadsheet program writes."""


def _invalid_workbook() -> UploadError:
    return UploadError(_("This file is not a valid Excel workbook (.xlsx)."), code="format")


def _xlsx_rows(data: bytes, limits: Limits, budget: Budget) -> Iterator[tuple[int, list[str]]]:
    try:
        archive = _BoundedZip(io.BytesIO(data), limits=limits, budget=budget)
    except UploadError:
        raise
    except Exception as exc:  # zipfile raises many kinds (BadZipFile, OSError, ValueError...)
        raise _invalid_workbook() from exc
    try:
        yield from _BoundedWorkbook(archive, limits, budget).rows()
    except UploadError:
        raise
    except Exception as exc:  # openpyxl and the XML parser raise many kinds too
        raise _invalid_workbook() from exc
    finally:
        archive.close()


class _BoundedZip(zipfile.ZipFile):
    """A zip whose declared sizes are checked on opening, and whose parts are counted as they unpack."""

    def __init__(self, file: IO[bytes], *, limits: Limits, budget: Budget) -> None:
        super().__init__(file)
        self.limits, self.budget = limits, budget
        self.unpacked = 0
        # Parts read by streaming, and their own limits; any other part is read whole.
        self.caps: dict[str, tuple[str, int]] = {}
        infos = self.infolist()
        if len(infos) > limits.zip_entries:
            raise _exceeded("zip_entries", max=_number(limits.zip_entries))
        if sum(info.file_size for info in infos) > limits.unpacked_bytes:
            raise _size_limit("unpacked_bytes", limits.unpacked_bytes)
        for info in infos:
            if (
                info.file_size > limits.ratio_from_bytes
                and info.file_size > limits.compression_ratio * max(info.compress_size, 1)
            ):
                raise _exceeded("compression_ratio", max=_number(limits.compression_ratio))

    def open(self, name: Any, mode: Literal["r", "w"] = "r", pwd: Any = None, **kwargs: Any) -> Any:  # type: ignore[override]
        opened = super().open(name, mode, pwd, **kwargs)
        if mode != "r":
            return opened
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        limit, cap = self.caps.get(info.filename, ("part_bytes", self.limits.part_bytes))
        if info.file_size > cap:
            opened.close()
            raise _size_limit(limit, cap)
        return _CountedPart(opened, self, limit, cap)

    def counted(self, n: int) -> None:
        self.unpacked += n
        if self.unpacked > self.limits.unpacked_bytes:
            raise _size_limit("unpacked_bytes", self.limits.unpacked_bytes)
        self.budget.check()


class _CountedPart:
    """A part of the zip as it unpacks: never more than its limit, whatever its header says."""

    CHUNK = 64 * 1024

    def __init__(self, raw: Any, archive: _BoundedZip, limit: str, cap: int) -> None:
        self.raw, self.archive, self.limit, self.cap = raw, archive, limit, cap
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        if size is None or size < 0:
            chunks = []
            while chunk := self.read(self.CHUNK):
                chunks.append(chunk)
            return b"".join(chunks)
        chunk = self.raw.read(min(size, self.cap + 1 - self.read_bytes))
        self.read_bytes += len(chunk)
        if self.read_bytes > self.cap:
            raise _size_limit(self.limit, self.cap)
        self.archive.counted(len(chunk))
        return chunk

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> "_CountedPart":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _xml_events(source: Any, budget: Budget, keep: str | None = None) -> Iterator[tuple[str, Any]]:
    """(event, element) of an XML part, streamed through defusedxml.

    Each element is dropped from its parent once its end has been seen (so the tree never grows),
    except the elements inside a `keep` element (a cell, a text), dropped with it.
    """
    from defusedxml.ElementTree import iterparse

    stack: list[Any] = []
    kept_at = 0  # depth of the open `keep` element, 0 when none is open
    kept = 0
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            stack.append(element)
            if len(stack) > MAX_XML_DEPTH:
                raise _Unreadable("too deep")
            if kept_at:
                kept += 1
                if kept > MAX_ELEMENTS_IN_CELL:
                    raise _Unreadable("too many elements in one cell")
            elif element.tag == keep:
                kept_at, kept = len(stack), 0
            yield event, element
            continue
        depth = len(stack)
        stack.pop()
        budget.check()
        yield event, element
        if kept_at and depth > kept_at:
            continue  # inside the kept element: dropped with it
        if depth == kept_at:
            kept_at = 0
        if stack:
            stack[-1].remove(element)


class _BoundedWorkbook:
    """The first sheet of a workbook, read with openpyxl's read-only reader within the limits."""

    def __init__(self, archive: _BoundedZip, limits: Limits, budget: Budget) -> None:
        from openpyxl.reader.excel import ExcelReader

        self.archive, self.limits, self.budget = archive, limits, budget
        # ExcelReader opens the zip itself; it is given the bounded one instead.
        reader = ExcelReader.__new__(ExcelReader)
        reader.archive = archive
        reader.valid_files = archive.namelist()
        reader.read_only = True
        reader.keep_vba = False
        reader.data_only = True
        reader.keep_links = False  # external links hold whole cached workbooks
        reader.rich_text = False
        reader.shared_strings = []
        self.reader = reader

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        from openpyxl.worksheet._reader import WorkSheetParser
        from openpyxl.xml.constants import SHARED_STRINGS

        reader = self.reader
        reader.read_manifest()
        reader.read_workbook()
        sheet_path = next(
            (
                rel.target
                for _sheet, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type
            ),
            None,
        )
        if sheet_path is None:
            raise UploadError(_("The workbook has no sheet."), code="format")
        date_formats, timedelta_formats = self._styles()
        strings_part = reader.package.find(SHARED_STRINGS)
        strings = self._shared_strings(strings_part.PartName[1:]) if strings_part else []
        cells = WorkSheetParser(
            None,
            strings,
            data_only=True,
            epoch=reader.wb.epoch,
            date_formats=date_formats,
            timedelta_formats=timedelta_formats,
        )
        self.archive.caps[sheet_path] = ("unpacked_bytes", self.limits.unpacked_bytes)
        with self.archive.open(sheet_path) as source:
            yield from self._sheet_rows(source, cells)

    def _styles(self) -> tuple[set[int], set[int]]:
        """Which cell styles are dates or durations: all openpyxl needs of the styles to read values."""
        from openpyxl.styles.numbers import (
            builtin_format_code,
            is_date_format,
            is_timedelta_format,
        )
        from openpyxl.xml.constants import ARC_STYLE, SHEET_MAIN_NS

        if ARC_STYLE not in self.reader.valid_files:
            return set(), set()
        ns = f"{{{SHEET_MAIN_NS}}}"
        custom: dict[int, str] = {}
        cell_formats: list[int] = []
        in_cell_xfs = False
        self.archive.caps[ARC_STYLE] = ("unpacked_bytes", self.limits.unpacked_bytes)
        with self.archive.open(ARC_STYLE) as source:
            for event, element in _xml_events(source, self.budget):
                tag = element.tag
                if tag == ns + "cellXfs":
                    in_cell_xfs = event == "start"
                elif event != "start":
                    continue
                elif tag == ns + "numFmt":
                    custom[int(element.get("numFmtId"))] = element.get("formatCode", "")
                elif tag == ns + "xf" and in_cell_xfs:
                    cell_formats.append(int(element.get("numFmtId", 0)))
                if len(custom) + len(cell_formats) > MAX_STYLES:
                    raise _Unreadable("too many styles")
        dates, durations = set(), set()
        for index, format_id in enumerate(cell_formats):
            code = custom[format_id] if format_id in custom else builtin_format_code(format_id)
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
        return dates, durations

    def _shared_strings(self, path: str) -> list[str]:
        """The workbook's table of texts, which cells point into: it has to be in memory whole."""
        from openpyxl.xml.constants import SHEET_MAIN_NS

        ns = f"{{{SHEET_MAIN_NS}}}"
        strings: list[str] = []
        self.archive.caps[path] = ("shared_strings_bytes", self.limits.shared_strings_bytes)
        with self.archive.open(path) as source:
            for event, element in _xml_events(source, self.budget, keep=ns + "si"):
                if event != "end" or element.tag != ns + "si":
                    continue
                # Plain text, or runs of formatted text; phonetic guides (rPh) are not the text.
                plain = element.find(ns + "t")
                parts = [plain.text or ""] if plain is not None else []
                parts += [run.findtext(ns + "t") or "" for run in element.findall(ns + "r")]
                strings.append("".join(parts).replace("x005F_", ""))
                if len(strings) > self.limits.cells:
                    raise _exceeded("cells", max=_number(self.limits.cells))
        return strings

    def _sheet_rows(self, source: Any, cells: Any) -> Iterator[tuple[int, list[str]]]:
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.xml.constants import SHEET_MAIN_NS

        ns = f"{{{SHEET_MAIN_NS}}}"
        row_tag, cell_tag = ns + "row", ns + "c"
        limits = self.limits
        count = _Counter(limits)
        values: dict[int, str] = {}
        for event, element in _xml_events(source, self.budget, keep=cell_tag):
            tag = element.tag
            if event == "start":
                if tag == row_tag:
                    number = element.get("r")
                    cells.row_counter = int(number) if number else cells.row_counter + 1
                    cells.col_counter = 0
                    values = {}
                continue
            if tag == cell_tag:
                count.add_cells(1)
                if len(element) == 0:
                    # No value: only its place counts (openpyxl's parser would give None).
                    coordinate = element.get("r")
                    cells.col_counter = (
                        coordinate_to_tuple(coordinate)[1] if coordinate else cells.col_counter + 1
                    )
                    continue
                cell = cells.parse_cell(element)
                text = cell_text(cell["value"])
                if not text.strip():
                    continue
                if cell["column"] > limits.columns:
                    raise _exceeded("columns", max=_number(limits.columns))
                if len(text) > limits.cell_chars:
                    raise _exceeded(
                        "cell_chars", line=cells.row_counter, max=_number(limits.cell_chars)
                    )
                values[cell["column"]] = text
            elif tag == row_tag and values:
                count.add_row()
                yield cells.row_counter, [values.get(i, "") for i in range(1, max(values) + 1)]
                values = {}


def cell_text(value: Any) -> str:
    """A workbook value as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def openpyxl_parses_with_defusedxml() -> bool:
    """openpyxl parses XML with defusedxml when it is installed (and OPENPYXL_DEFUSEDXML is not False)."""
    import defusedxml.ElementTree
    import openpyxl.xml.functions

    return bool(
        openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse
        and openpyxl.xml.functions.fromstring is defusedxml.ElementTree.fromstring
    )
