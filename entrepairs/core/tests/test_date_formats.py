"""One way of writing dates on French pages and documents (outside test of issue 15, F14: « 16 oct.
2026 », « 16/10/2026 » and ISO side by side for the same kind of field). The app's decision
(core.dates.shown_date, core.french.long_date): a date in a sentence, a heading or a detail is
long and in words (`|long_date`: « 1er mai 2027 », « samedi 1er mai 2027 »); a date in a table,
a list of records or a record's name is short and numeric (`|date:"SHORT_DATE_FORMAT"`:
16/10/2026). Both follow the reader's language; no template writes a format of its own."""

import re
from datetime import date
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
# The language's named formats, the year alone (a chart's axis) and ISO in a <time datetime> attribute.
ALLOWED = {"SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "Y", "c"}
DATE_FILTER = re.compile(r"\|date:[\"']([^\"']*)[\"']")
# A date field printed with no filter shows Django's default (« 16 octobre 2026 », no « 1er »).
BARE_DATE = re.compile(r"\{\{\s*[a-z_][\w.]*(?:_on|_date|_until|_at)\s*\}\}")
BARE_IN_SENTENCE = re.compile(
    r"\{%\s*blocktrans(?:late)?\b[^%]*\b\w+=[a-z_][\w.]*(?:_on|_date|_until|_at)(?=[\s%])"
)


# Templates owned by another branch while this test was written (coaching, training): the lead
# removes them from here once merged with their fix.
ELSEWHERE: set[str] = set()


def _templates() -> list[Path]:
    found = [
        path
        for path in sorted(ROOT.glob("*/templates/**/*.html"))
        if path.relative_to(ROOT).parts[0] not in ELSEWHERE
    ]
    assert len(found) > 100
    return found


def test_templates_write_dates_in_the_languages_named_formats_only() -> None:
    found = [
        f"{path.relative_to(ROOT)}: |date:{fmt!r}"
        for path in _templates()
        for fmt in DATE_FILTER.findall(path.read_text())
        if fmt not in ALLOWED
    ]
    assert not found, (
        "a date in a sentence: |long_date; in a table or a list: "
        '|date:"SHORT_DATE_FORMAT"\n' + "\n".join(found)
    )


def test_no_template_prints_a_date_field_without_saying_how() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in _templates()
        for pattern in (BARE_DATE, BARE_IN_SENTENCE)
        for match in pattern.finditer(path.read_text())
    ]
    assert not found, "\n".join(found)


def test_long_in_a_sentence_short_in_a_table_in_french_and_in_english() -> None:
    page = Template('{% load french %}{{ d|long_date }} | {{ d|date:"SHORT_DATE_FORMAT" }}')
    with translation.override("fr"):
        assert page.render(Context({"d": date(2026, 10, 1)})) == "1er octobre 2026 | 01/10/2026"
    with translation.override("en"):
        text = page.render(Context({"d": date(2026, 10, 1)}))
    assert "2026-10-01" not in text and "1er" not in text


# Python that writes a date for a reader with a format of its own (« %d/%m/%Y » is a French
# date on an English page: outside test of issue 15, « My trainings »).
LITERAL_IN_PYTHON = re.compile(
    r"strftime\(|\{[\w.()]+:%[^}]*\}|(?<!\w)date_format\([^()]*(?:\([^()]*\))?[^()]*\)"
)
NAMED = re.compile(
    r"date_format\(.*,\s*\"(?:SHORT_DATE_FORMAT|SHORT_DATETIME_FORMAT|"
    r"DATE_FORMAT|MONTH_DAY_FORMAT|YEAR_MONTH_FORMAT)\"|date_format\(value, fmt\)"
)
# Dates written for machines, not readers: file names, e-invoice fields, keys, input widgets.
MACHINE = {
    "training/certificate.py",  # the certificate's file name
    "contracts/facturx.py",  # Factur-X's own date format (102: YYYYMMDD)
    "groups/views/sessions.py",  # the attendance sheet's file name
    "groups/periods.py",  # a period's key
    "core/widgets.py",  # an <input type="date"> value (ISO, any language)
    "core/models.py",  # the scheduler's and worker's ticks, for administrators' logs
    "people/exports.py",  # an export's file name
    "core/api/fields.py",  # the French example of what the API accepts (DATE_INPUT_FORMATS)
}


def test_python_writes_dates_for_readers_in_the_languages_named_formats_only() -> None:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        if "/tests/" in f"/{where}" or "migrations" in where or where in MACHINE:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if LITERAL_IN_PYTHON.search(line) and not NAMED.search(line):
                found.append(f"{where}:{number}: {line.strip()}")
    assert not found, "core.dates.shown_date / core.french.long_date:\n" + "\n".join(found)
