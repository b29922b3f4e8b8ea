"""A network's directory as a CSV file (issue 16 point 2: members exchange contact details):
exactly the rows and details the directory page shows the viewer (selectors.directory_for), so a
detail its owner does not share with the viewer is never in the file."""

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from entrepairs.people.imports import escape_cell

from .selectors import DirectoryEntry


def directory_csv(entries: Iterable[DirectoryEntry]) -> str:
    """Columns in the reader's language; an empty cell where a detail is not shared with them."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # French spreadsheets read « ; » by default
    writer.writerow(
        [
            _("First name"),
            _("Last name"),
            _("E-mail"),
            _("Phone"),
            _("Organisation"),
            _("Profession"),
            _("Region"),
            _("Languages"),
            _("Years of experience"),
            _("Short presentation"),
        ]
    )
    for e in entries:
        values = [
            e.first_name,
            e.last_name,
            e.email or "",
            e.phone or "",
            e.organisation or "",
            e.profession_label,
            e.region or "",
            ", ".join(e.language_names),
            "" if e.experience is None else str(e.experience),
            e.presentation or "",
        ]
        writer.writerow([escape_cell(v) for v in values])
    return out.getvalue()
