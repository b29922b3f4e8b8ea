"""One way of writing dates on French pages and documents (outside test of issue 15, F14: « 16 oct.
2026 », « 16/10/2026 » and ISO side by side for the same kind of field). The app's decision
(core.dates.shown_date, core.french.long_date): a date in a sentence, a heading or a detail is
long and in words (`|long_date`: « 1er mai 2027 », « samedi 1er mai 2027 »); a date in a table,
a list of records or a record's name is short and numeric (`|date:"SHORT_DATE_FORMAT"`:
16/10/2026). Both follow the reader's language; no template writes a format of its own."""

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.tasks import task_backends
from django.template import Context, Template
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, get_format

from entrepairs.core.dates import shown_date
from entrepairs.core.french import long_date

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


# -- English is day first too (issue 15: « Wednesday 20 January 2027 » next to « Oct. 26, 2026 »
# and « 11/29/2026 » on English pages). entrepairs/formats/en/formats.py holds the decision.

MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# The American ways: « Nov. 29 », « November 29, 2026 », « 11/29/2026 », « 2:30 p.m. ».
US_STYLE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s\d"
    rf"|\b(?:{MONTH_NAMES})\s\d{{1,2}}(?:st|nd|rd|th)?,\s\d{{4}}"
    r"|\b(?:1[0-2]|0?[1-9])/(?:1[3-9]|2\d|3[01])/\d{2,4}\b"
    r"|\b\d{1,2}(?::\d\d)?\s?[ap]\.m\.|\bnoon\b|\bmidnight\b"
)
# A day after the 12th, so that a month-first date cannot pass for a day-first one.
LATE_IN_MONTH = datetime(2026, 11, 29, 14, 30)


def _us_dates(text: str) -> list[str]:
    return [match.group(0) for match in US_STYLE.finditer(text)]


def test_the_us_style_catcher_catches_the_american_ways() -> None:
    for american in ("Oct. 26, 2026", "November 29, 2026", "11/29/2026", "2:30 p.m.", "noon"):
        assert _us_dates(f"Due {american} here"), american
    assert not _us_dates("Due 29 November 2026, 29/11/2026 14:30, Wednesday 20 January 2027")


def test_every_named_format_is_day_first_and_24_hour_in_english() -> None:
    with translation.override("en"):
        shown = {
            name: date_format(LATE_IN_MONTH, name)
            for name in (
                "DATE_FORMAT",
                "SHORT_DATE_FORMAT",
                "DATETIME_FORMAT",
                "SHORT_DATETIME_FORMAT",
                "TIME_FORMAT",
                "MONTH_DAY_FORMAT",
                "YEAR_MONTH_FORMAT",
            )
        }
        worded = long_date(LATE_IN_MONTH, "l j F Y")
    assert shown == {
        "DATE_FORMAT": "29 November 2026",
        "SHORT_DATE_FORMAT": "29/11/2026",
        "DATETIME_FORMAT": "29 November 2026, 14:30",
        "SHORT_DATETIME_FORMAT": "29/11/2026 14:30",
        "TIME_FORMAT": "14:30",
        "MONTH_DAY_FORMAT": "29 November",
        "YEAR_MONTH_FORMAT": "November 2026",
    }
    assert worded == "Sunday 29 November 2026"


def test_the_french_formats_stay_as_they_were() -> None:
    with translation.override("fr"):
        assert date_format(LATE_IN_MONTH, "DATE_FORMAT") == "29 novembre 2026"
        assert date_format(LATE_IN_MONTH, "SHORT_DATE_FORMAT") == "29/11/2026"
        assert date_format(LATE_IN_MONTH, "SHORT_DATETIME_FORMAT") == "29/11/2026 14:30"
        assert shown_date(date(2026, 11, 29)) == "29/11/2026"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_typed_date_is_read_day_first_never_month_first(language: str) -> None:
    """01/02/2027 is the 1st of February for every reader: reading it month first, as Django's own
    English does, would silently move a session by a month."""
    with translation.override(language):
        inputs = get_format("DATE_INPUT_FORMATS") + get_format("DATETIME_INPUT_FORMATS")
        assert not [fmt for fmt in inputs if fmt.startswith("%m") or "%m/%d" in fmt]
        assert forms.DateField().clean("01/02/2027") == date(2027, 2, 1)
        assert forms.DateField().clean("2027-02-01") == date(2027, 2, 1)
        moment = forms.DateTimeField().clean("01/02/2027 09:15")
    assert timezone.localtime(moment).replace(tzinfo=None) == datetime(2027, 2, 1, 9, 15)


@pytest.fixture
def immediate_tasks(settings: Any) -> Any:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    task_backends._settings = None  # type: ignore[attr-defined]  # reload from the setting
    yield
    task_backends._settings = None  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_an_english_mail_and_page_carry_no_us_style_date(
    world: Any, client_for: Any, immediate_tasks: Any, mailoutbox: Any
) -> None:
    from entrepairs.core.notifications import msg, notify
    from entrepairs.core.tests.notifying import EXAMPLE, LINK

    user = world.coordinator.user
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    with TestCase.captureOnCommitCallbacks(execute=True), translation.override("fr"):
        notify(
            recipient=user,
            kind=EXAMPLE,
            subject=msg(
                "Your training “%(module)s” expires on %(date)s",
                module="PSC1",
                date=LATE_IN_MONTH.date(),
            ),
            body=msg("Open the compliance table to plan the renewal."),
            link=LINK,
            organisation=world.org_a,
        )
    (mail,) = mailoutbox
    assert "29 November 2026" in mail.subject
    assert not _us_dates(mail.subject + mail.body), mail.subject + mail.body

    client = client_for(world.coordinator)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "29 November 2026" in page
    with translation.override("en"):
        assert long_date(timezone.now(), "j F Y") in page  # when it arrived
    assert not _us_dates(page)
