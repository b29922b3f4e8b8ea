"""Export of people to CSV and XLSX, with exactly the columns the import reads, so a file re-imports cleanly.

Who is exported is decided by the caller with the same rules as the list: `selectors.exportable_people`.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from entrepairs.organisations.models import Membership

from .imports import COLUMNS, escape_cell
from .models import Person, PersonQuerySet

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _ordered(people: PersonQuerySet) -> PersonQuerySet:
    return (
        people.select_related("team", "line_manager")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.only("person_id", "organisation_id", "role"),
            )
        )
        .order_by("organisation_id", "last_name", "first_name", "id")
    )


def person_row(person: Person) -> list[str]:
    manager = person.line_manager
    roles = sorted(
        {m.role for m in person.memberships.all() if m.organisation_id == person.organisation_id}
    )
    values = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "external_id": person.external_id,
        "profession": person.profession,
        "years_experience": "" if person.years_experience is None else str(person.years_experience),
        "languages": ", ".join(person.languages or []),
        "region": person.region,
        "team": person.team.name if person.team else "",
        # A manager with neither e-mail nor external id cannot be named in a file.
        "line_manager": (manager.email or manager.external_id) if manager else "",
        "availability": ", ".join(person.availability or []),
        "roles": ", ".join(roles),
        "is_active": "yes" if person.is_active else "no",
    }
    return [escape_cell(values[column]) for column in COLUMNS]


def rows(people: PersonQuerySet) -> Iterator[list[str]]:
    yield list(COLUMNS)
    for person in _ordered(people).iterator(chunk_size=500):
        yield person_row(person)


def to_csv(lines: Iterable[list[str]]) -> bytes:
    # A byte-order mark makes Excel open UTF-8 with its accents intact.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(lines)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(lines: Iterable[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("people")
    for line in lines:
        # Every value is text (phone numbers keep their leading zeros), and escape_cell has put a
        # quote before any leading "=", so openpyxl writes no formula.
        sheet.append(line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_people(people: PersonQuerySet, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}")
    return to_csv(rows(people)) if fmt == "csv" else to_xlsx(rows(people))


def filename(fmt: str, organisation: Any = None) -> str:
    scope = organisation.slug if organisation is not None else "all"
    return f"people-{scope}-{timezone.localdate():%Y%m%d}.{fmt}"
