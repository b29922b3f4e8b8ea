"""Files people upload are read within limits, packed and unpacked, whatever they hold.

The hostile files are generated in memory (entrepairs/core/tests/spreadsheets.py). Memory is
measured with tracemalloc; no test measures time (the time budget is proved with a budget of 0).
"""

import tracemalloc

import pytest
from django.utils import translation

from entrepairs.core import uploads
from entrepairs.core.tests import spreadsheets as S

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _in_english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def refusal(data: bytes, filename: str = "people.xlsx", **limits) -> uploads.UploadError:
    with pytest.raises(uploads.UploadError) as refused:
        list(uploads.read_rows(data, filename, uploads.Limits.from_settings(**limits)))
    return refused.value


def peak_of(call) -> int:
    """Peak memory allocated by `call`; the modules the readers import are loaded first."""
    list(uploads.read_rows(S.people_workbook(1), "warm-up.xlsx"))
    tracemalloc.start()
    try:
        call()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_it_reads_a_clean_workbook_and_csv_at_the_row_limit(settings):
    rows = list(uploads.read_rows(S.people_workbook(settings.UPLOAD_MAX_ROWS), "p.xlsx"))
    assert len(rows) == settings.UPLOAD_MAX_ROWS + 1
    assert rows[:2] == [(1, ["first_name", "last_name", "external_id"]), (2, ["Ann", "Lee", "2"])]
    csv_rows = list(uploads.read_rows(S.csv_people(settings.UPLOAD_MAX_ROWS), "p.csv"))
    assert len(csv_rows) == settings.UPLOAD_MAX_ROWS + 1


def test_openpyxl_parses_xml_with_defusedxml():
    assert uploads.openpyxl_parses_with_defusedxml()


def test_it_refuses_a_one_row_sheet_of_two_million_cells_without_unpacking_it():
    bomb = S.workbook(S.sheet_xml(S.wide_row(2_000_000, values=True)))
    assert len(bomb) < 200_000
    error = None

    def read():
        nonlocal error
        error = refusal(bomb)

    assert peak_of(read) < 5 * MB
    assert error is not None
    assert error.code == "compression_ratio"
    assert "100 times" in error.message


def test_it_stops_a_wide_row_at_the_column_limit_even_when_the_packing_looks_normal():
    bomb = S.workbook(S.sheet_xml(S.wide_row(2_000_000, values=True)))
    error = None

    def read():
        nonlocal error
        error = refusal(bomb, compression_ratio=10**9)

    assert peak_of(read) < 20 * MB
    assert error is not None
    assert (error.code, error.message) == ("columns", "The file has more than 100 columns.")


def test_it_counts_empty_cells_against_the_cell_limit():
    sheet = S.workbook(S.sheet_xml(S.wide_row(50_001, values=False)))
    error = refusal(sheet, compression_ratio=10**9, cells=50_000)
    assert error is not None
    assert (error.code, error.message) == ("cells", "The file has more than 50,000 cells.")


def test_it_refuses_a_shared_strings_bomb_before_reading_it():
    bomb = S.workbook(
        S.sheet_xml(S.people_rows(1)), S.shared_strings_xml("x" for _ in range(3_000_000))
    )
    assert len(bomb) < 500_000
    error = None

    def read():
        nonlocal error
        error = refusal(bomb)

    assert peak_of(read) < 5 * MB
    assert error is not None
    assert error.code == "compression_ratio"
    # Were the packing judged normal, the table of texts is still refused for its unpacked size.
    error = refusal(bomb, compression_ratio=10**9)
    assert error is not None
    assert error.code == "shared_strings_bytes"
    assert error.message.startswith("Unpacked, the workbook's table of texts takes more than 10.0")


def test_it_refuses_a_zip_whose_parts_unpack_past_the_limit():
    sheet = S.sheet_xml(S.people_rows(1))
    big = S.workbook(sheet, parts={"xl/media/padding.bin": "0" * (3 * MB)})
    error = refusal(big, unpacked_bytes=2 * MB)
    assert error is not None
    assert (error.code, error.message.split(":")[0]) == (
        "unpacked_bytes",
        "Unpacked, the file takes more than 2.0\xa0MB",
    )


def test_it_refuses_a_zip_with_a_huge_declared_to_packed_ratio():
    bomb = S.workbook(S.sheet_xml(S.people_rows(1)), parts={"xl/media/zeros.bin": "0" * (40 * MB)})
    assert len(bomb) < 100_000
    error = None

    def read():
        nonlocal error
        error = refusal(bomb)

    assert peak_of(read) < 2 * MB
    assert error is not None
    assert error.code == "compression_ratio"


def test_it_never_unpacks_more_than_a_part_declares():
    # The sheet says it unpacks to 100 bytes and unpacks to 10 MB: reading stops at 100 bytes
    # (and the checksum then fails), whatever the part really holds.
    honest = S.people_workbook(100_000)
    lying = S.lie_about_size(honest, "xl/worksheets/sheet1.xml", 100)
    error = None

    def read():
        nonlocal error
        error = refusal(lying)

    assert peak_of(read) < 5 * MB
    assert error is not None
    assert error.message == "This file is not a valid Excel workbook (.xlsx)."


def test_it_counts_what_a_part_really_unpacks_against_its_limit():
    class Endless:
        def read(self, size):
            return b"x" * size

        def close(self):
            pass

    class Archive:
        def counted(self, n):
            pass

    part = uploads._CountedPart(Endless(), Archive(), "part_bytes", 1000)  # type: ignore[arg-type]  # a test double
    with pytest.raises(uploads.LimitExceeded) as refused:
        part.read()
    assert refused.value.code == "part_bytes"


def test_it_refuses_a_workbook_with_too_many_parts():
    parts = {f"xl/media/{n}.txt": "" for n in range(1_001)}
    error = refusal(S.workbook(S.sheet_xml(S.people_rows(1)), parts=parts))
    assert error is not None
    assert (error.code, error.message) == (
        "zip_entries",
        "The workbook holds more than 1,000 parts: it is refused.",
    )


def test_it_refuses_a_hundred_thousand_rows_early_in_bounded_memory():
    for data, name in ((S.people_workbook(100_000), "p.xlsx"), (S.csv_people(100_000), "p.csv")):
        error = None

        def read(data=data, name=name):
            nonlocal error
            error = refusal(data, name)

        assert peak_of(read) < 20 * MB
        assert error is not None
        assert (error.code, error.message) == ("rows", "The file has more than 10,000 rows.")


def test_it_refuses_a_csv_with_a_giant_line():
    data = b"first_name,last_name,email\n" + b"a" * (1024 * 1024) + b"\n"
    error = refusal(data, "p.csv")
    assert error is not None
    assert (error.code, error.message) == (
        "line_chars",
        "Line 2 of the file is longer than 65,536 characters.",
    )


def test_it_refuses_a_csv_value_spread_over_many_lines():
    data = b'first_name,last_name\nAnn,"' + b"x\n" * 100_000 + b'"\n'
    assert refusal(data, "p.csv").code == "line_chars"


def test_it_refuses_a_csv_past_the_column_and_cell_limits():
    wide = ("first_name," + ",".join(f"c{n}" for n in range(100)) + "\n").encode()
    assert refusal(wide, "p.csv").message == "The file has more than 100 columns."
    # Empty cells after the last value are not columns.
    trailing = b"first_name,last_name" + b"," * 500 + b"\nAnn,Lee\n"
    assert len(list(uploads.read_rows(trailing, "p.csv"))) == 2
    assert refusal(S.csv_people(100), "p.csv", cells=200).code == "cells"


def test_it_refuses_a_cell_longer_than_excel_allows():
    sheet = S.sheet_xml(
        ['<row r="1"><c t="inlineStr"><is><t>' + "x" * 40_000 + "</t></is></c></row>"]
    )
    error = refusal(S.workbook(sheet))
    assert error is not None
    assert error.message == "A cell on line 1 is longer than 32,767 characters."


@pytest.mark.parametrize("name", ["p.csv", "p.xlsx"])
def test_it_stops_reading_when_the_time_budget_is_spent(name):
    data = S.csv_people(10) if name.endswith("csv") else S.people_workbook(10)
    error = refusal(data, name, seconds=0)
    assert error is not None
    assert (error.code, error.message) == (
        "seconds",
        "Reading the file took more than 0 seconds: it is refused. Split it into smaller files.",
    )


def test_it_ignores_the_size_a_sheet_declares():
    rows, strings = list(S.people_rows(2)), list(S.shared_strings_xml(["Ann", "Lee"]))
    small = S.workbook(S.sheet_xml(rows, "A1"), strings)
    assert len(list(uploads.read_rows(small, "p.xlsx"))) == 3
    huge = S.workbook(S.sheet_xml(rows, "A1:XFD1048576"), strings)
    assert list(uploads.read_rows(huge, "p.xlsx"))[-1] == (3, ["Ann", "Lee", "3"])


def test_it_refuses_entities_and_deep_nesting_in_a_workbook():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<worksheet xmlns="{S.MAIN}"><sheetData><row r="1"><c t="inlineStr"><is><t>&b;</t>'
        "</is></c></row></sheetData></worksheet>"
    )
    assert (
        refusal(S.workbook([laughs])).message == "This file is not a valid Excel workbook (.xlsx)."
    )
    deep = S.sheet_xml(["<x>" * 100 + "</x>" * 100])
    assert refusal(S.workbook(deep)).message == "This file is not a valid Excel workbook (.xlsx)."


def test_it_reads_dates_by_their_style():
    sheet = S.sheet_xml(['<row r="1"><c s="1"><v>45000</v></c><c><v>45000</v></c></row>'])
    assert list(uploads.read_rows(S.workbook(sheet), "p.xlsx")) == [
        (1, ["2023-03-15T00:00:00", "45000"])
    ]


def test_it_names_the_limit_in_french(settings):
    with translation.override("fr"):
        error = refusal(S.csv_people(100_000), "p.csv")
    assert error is not None
    assert error.message == "Le fichier a plus de 10\u202f000 lignes." or error.message == (
        "Le fichier a plus de 10\xa0000 lignes."
    )
