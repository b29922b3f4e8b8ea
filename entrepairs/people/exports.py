"""Export of people to CSV and XLSX, with exactly the columns the import reads, so a file re-imports cleanly.

Who is exported is decided by the caller with the same rules as the list: `selectors.exportable_people`.

Two forms of one file: `labelled` (the people page's download) names columns and values in the
reader's language (« Prénom », « Métier : Éducateur·rice », « lundi matin », « oui »); otherwise
(the API and the command, for scripts) columns are the stable field names and values the codes
(`first_name`, `educator`, `mon-am`, `yes`). The import reads both, in French or English.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.organisations.models import Membership, Role

from .imports import COLUMN_LABELS, COLUMNS, escape_cell
from .languages import language_labels
from .models import Person, PersonQuerySet
from .models.person import half_day_label

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


def person_row(person: Person, *, labelled: bool = False) -> list[str]:
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
    if labelled:
        values.update(
            {
                "profession": str(person.get_profession_display()) if person.profession else "",
                "languages": ", ".join(language_labels(person.languages)),
                "availability": ", ".join(half_day_label(h) for h in person.availability or []),
                "roles": ", ".join(str(Role(r).label) for r in roles),
                "is_active": _("yes") if person.is_active else _("no"),
            }
        )
    return [escape_cell(values[column]) for column in COLUMNS]


def rows(people: PersonQuerySet, *, labelled: bool = False) -> Iterator[list[str]]:
    yield [str(COLUMN_LABELS[c]) for c in COLUMNS] if labelled else list(COLUMNS)
    for person in _ordered(people).iterator(chunk_size=500):
        yield person_row(person, labelled=labelled)


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


def export_people(people: PersonQuerySet, fmt: str, *, labelled: bool = False) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}")
    lines = rows(people, labelled=labelled)
    return to_csv(lines) if fmt == "csv" else to_xlsx(lines)


def filename(fmt: str, organisation: Any = None) -> str:
    scope = organisation.slug if organisation is not None else "all"
    return f"people-{scope}-{timezone.localdate():%Y%m%d}.{fmt}"
