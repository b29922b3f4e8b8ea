"""Bulk import of people from CSV or XLSX: read the file, check every row, then apply it all at once.

The browser, the API and the `import_people` command all call `read_table`, `validate_rows` and
`apply_import`, so the rules are written once. Nothing is written unless every row is clean, and
the whole file is applied in one transaction through `services.person_save` (which full_cleans,
sets roles and leaves an audit entry for each person created or changed).

Matching: a row updates the person of the organisation with the same e-mail, or else the same
external id; otherwise it creates a person. Columns missing from the file are left untouched.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from entrepairs.core import uploads
from entrepairs.core.services import SYSTEM, service
from entrepairs.organisations.models import Membership, Organisation, Role, Team
from entrepairs.organisations.services import refuse_own_role

from . import services
from .languages import language_code
from .models import EDITABLE_FIELDS, HALF_DAYS, Person, Profession
from .signals import ChangeWarning, NewPerson

MAX_YEARS = 70

# The columns, in the order exports write them: the editable fields, with the roles before
# the active flag.
COLUMNS = [*(f for f in EDITABLE_FIELDS if f != "is_active"), "roles", "is_active"]
# The columns' names in a file in the reader's language (the people page's export); the import
# reads them in French and English as well as the field names.
COLUMN_LABELS = {
    "first_name": _lazy("First name"),
    "last_name": _lazy("Last name"),
    "email": _lazy("E-mail"),
    "phone": _lazy("Phone"),
    "external_id": _lazy("External id"),
    "profession": _lazy("Profession"),
    "years_experience": _lazy("Years of experience"),
    "languages": _lazy("Languages"),
    "region": _lazy("Region"),
    "team": _lazy("Team"),
    "line_manager": _lazy("Line manager"),
    "availability": _lazy("Availability"),
    "roles": _lazy("Roles"),
    "is_active": _lazy("Active"),
}
REQUIRED = ["first_name", "last_name"]
IDENTIFIERS = ["email", "external_id"]
# What a column holds, in plain words, for the import page's guide (issue 15: the page listed
# first_name, email… to a French coordinator).
COLUMN_HELP = {
    "first_name": _lazy("Required."),
    "last_name": _lazy("Required."),
    "email": _lazy(
        "Required unless the file gives an external id. A person of the organisation with the "
        "same e-mail is updated, not added again."
    ),
    "phone": _lazy("Any way of writing it."),
    "external_id": _lazy(
        "Your own reference for the person (a staff number): required when there is no e-mail."
    ),
    "profession": _lazy("As the people page names it."),
    "years_experience": _lazy("A whole number."),
    "languages": _lazy("Separated by commas."),
    "region": _lazy("Free text."),
    "team": _lazy("The name of one of the organisation's teams."),
    "line_manager": _lazy("The e-mail or external id of the person's line manager."),
    "availability": _lazy("Half-days separated by commas, as the export writes them."),
    "roles": _lazy("Separated by commas, as the export writes them."),
    "is_active": _lazy("Yes or no."),
}


@dataclass(frozen=True)
class ColumnGuide:
    column: str  # the field name, for scripts (the API and the command read it too)
    label: str  # the header in the reader's language, as the blank file writes it
    help: str


def column_guide() -> list[ColumnGuide]:
    """The columns a file may have, named and explained in the active language: one home for the
    import page's guide and its blank file, next to `header_column` that reads them back."""
    return [ColumnGuide(c, str(COLUMN_LABELS[c]), str(COLUMN_HELP[c])) for c in COLUMNS]


def blank_file_rows() -> list[list[str]]:
    """A file to fill in: the header line, in the reader's language (read back in either)."""
    return [[guide.label for guide in column_guide()]]


# Header spellings accepted, compared after `_norm` (lower case, no accents, "_" for spaces).
_ALIASES: dict[str, list[str]] = {
    "first_name": ["firstname", "first", "given_name", "prenom"],
    "last_name": ["lastname", "last", "surname", "family_name", "nom", "nom_de_famille"],
    "email": [
        "e_mail",
        "mail",
        "email_address",
        "courriel",
        "adresse_e_mail",
        "adresse_email",
        "adresse_mail",
    ],
    "phone": ["telephone", "tel", "phone_number", "portable", "mobile"],
    "external_id": [
        "external_id",
        "externalid",
        "id_externe",
        "identifiant_externe",
        "identifiant",
        "matricule",
    ],
    "profession": ["metier", "job", "fonction"],
    "years_experience": [
        "years_of_experience",
        "experience",
        "experience_years",
        "annees_experience",
        "annees_d_experience",
        "annees_dexperience",
    ],
    "languages": ["language", "langues", "langue"],
    "region": [],
    "team": ["equipe"],
    "line_manager": [
        "manager",
        "responsable",
        "n+1",
        "responsable_hierarchique",
        "superieur",
        "superieur_hierarchique",
    ],
    "availability": ["availabilities", "disponibilite", "disponibilites"],
    "roles": ["role"],
    "is_active": ["active", "actif", "active?", "actif?", "actif_ve"],
}

_DAY_ALIASES = {
    "lun": "mon",
    "mar": "tue",
    "mer": "wed",
    "jeu": "thu",
    "ven": "fri",
    "sam": "sat",
    "dim": "sun",
}
_PART_ALIASES = {
    "matin": "am",
    "apres-midi": "pm",
    "aprem": "pm",
    "am": "am",
    "pm": "pm",
    "morning": "am",
    "afternoon": "pm",
}
_TRUE = {"1", "true", "yes", "y", "x", "oui", "o", "vrai"}
_FALSE = {"0", "false", "no", "n", "non", "faux"}
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")
# Spreadsheet programs run cells that start like a formula; exports escape them with a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-][\d\s().]*")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-'’.·]+", "_", text).strip("_")


HEADER_NAMES: dict[str, str] = {}
for _column, _spellings in _ALIASES.items():
    for _spelling in [_column, *_spellings]:
        HEADER_NAMES[_norm(_spelling)] = _column


def header_column(raw: str) -> str | None:
    """The column a header names: a field name, an alias, or its label in French or English."""
    found = HEADER_NAMES.get(_norm(raw))
    if found is None:
        for language in ("fr", "en"):
            with translation.override(language):
                labels = {_norm(str(label)): c for c, label in COLUMN_LABELS.items()}
            found = labels.get(_norm(raw))
            if found:
                break
    return found


class ImportFileError(uploads.UploadError):
    """The file as a whole cannot be read: nothing can be checked row by row."""


@dataclass
class Table:
    headers: dict[str, str]  # column -> header as written in the file
    rows: list[tuple[int, dict[str, str], int]]  # (line, values by column, number of cells)
    width: int = 0  # cells in the header line; 0 when extra cells are harmless (workbooks)
    ignored: list[str] = field(default_factory=list)


@dataclass
class RowResult:
    line: int
    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    action: str = "create"
    person: Person | None = None
    cleaned: dict[str, Any] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    # What a new line manager breaks elsewhere (a group where the new chain sits): shown, the
    # row is still applied (`services.line_manager_warnings`).
    warnings: list[ChangeWarning] = field(default_factory=list)

    def error(self, column: str, message: str) -> None:
        self.errors.setdefault(column, []).append(message)

    @property
    def name(self) -> str:
        return f"{self.values.get('first_name', '')} {self.values.get('last_name', '')}".strip()


@dataclass
class ImportPreview:
    organisation: Organisation
    columns: list[str]
    headers: dict[str, str]
    ignored: list[str]
    rows: list[RowResult]
    # Filled by apply_import when it ran.
    applied: bool = False

    @property
    def valid(self) -> bool:
        return not any(row.errors for row in self.rows)

    @property
    def to_create(self) -> int:
        return sum(1 for row in self.rows if row.action == "create" and not row.errors)

    @property
    def to_update(self) -> int:
        return sum(1 for row in self.rows if row.action == "update" and not row.errors)

    @property
    def unchanged(self) -> int:
        return sum(
            1 for row in self.rows if row.action == "update" and not row.changes and not row.errors
        )

    @property
    def with_errors(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def warnings(self) -> list[tuple[int, ChangeWarning]]:
        """(line, warning) for every row: what the new line managers break elsewhere."""
        return [(row.line, warning) for row in self.rows for warning in row.warnings]

    def warnings_by_line(self) -> dict[str, list[dict[str, Any]]]:
        return {
            str(row.line): [warning.as_dict() for warning in row.warnings]
            for row in self.rows
            if row.warnings
        }

    def summary(self) -> str:
        return ngettext(
            "%(n)d row: %(create)d to create, %(update)d to update, %(errors)d with errors",
            "%(n)d rows: %(create)d to create, %(update)d to update, %(errors)d with errors",
            len(self.rows),
        ) % {
            "n": len(self.rows),
            "create": self.to_create,
            "update": self.to_update,
            "errors": self.with_errors,
        }

    @property
    def header_labels(self) -> list[str]:
        return [self.headers[c] for c in self.columns]

    def display_rows(self) -> list[dict[str, Any]]:
        """Rows shaped for the preview table: every cell with its state, errors with the file's header."""
        out = []
        for row in self.rows:
            cells = [
                {
                    "value": row.values.get(c, ""),
                    "error": c in row.errors,
                    "changed": c in row.changes,
                }
                for c in self.columns
            ]
            errors = [
                (self.headers.get(column, _("line") if column == "row" else column), message)
                for column, messages in row.errors.items()
                for message in messages
            ]
            out.append({"row": row, "cells": cells, "errors": errors})
        return out

    def errors_by_line(self) -> dict[str, dict[str, list[str]]]:
        return {str(row.line): row.errors for row in self.rows if row.errors}


# ---------------------------------------------------------------------------------------------
# Reading the file


def read_table(data: bytes, filename: str = "") -> Table:
    """Read a CSV (any of UTF-8, UTF-8 with BOM, cp1252; `,` `;` or tab) or an XLSX workbook.

    The file is read through `core.uploads` within the upload limits (size packed and unpacked,
    rows, columns, cells, time): a file past any of them is refused with its message.
    """
    try:
        # A cell right of the named columns is a note, not a value split by a stray separator.
        check_width = not uploads.is_workbook(data, filename.lower())
        return _to_table(uploads.read_rows(data, filename), check_width=check_width)
    except ImportFileError:
        raise
    except uploads.UploadError as exc:
        raise ImportFileError(exc.message, code=exc.code) from exc


def _to_table(grid: Iterator[tuple[int, list[str]]], *, check_width: bool) -> Table:
    """The header line names the columns; the rows are read one by one as the reader gives them."""
    first = next(grid, None)
    if first is None:
        raise ImportFileError(_("The file is empty."))
    _header_line, header_cells = first
    headers: dict[str, str] = {}
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, raw in enumerate(header_cells):
        raw = raw.strip().lstrip("\ufeff")
        if not raw:
            continue
        column = header_column(raw)
        if column is None:
            ignored.append(raw)
        elif column in headers:
            raise ImportFileError(
                _("The columns “%(a)s” and “%(b)s” are the same column (%(column)s).")
                % {"a": headers[column], "b": raw, "column": COLUMN_LABELS[column]}
            )
        else:
            headers[column] = raw
            positions[column] = index
    missing = [c for c in REQUIRED if c not in headers]
    if missing:
        raise ImportFileError(
            _(
                "Missing required columns: %(columns)s. The first line of the file must name the columns."
            )
            % {"columns": ", ".join(str(COLUMN_LABELS[c]) for c in missing)}
        )
    if not any(c in headers for c in IDENTIFIERS):
        raise ImportFileError(
            _("The file needs an “%(email)s” or an “%(external_id)s” column to tell people apart.")
            % {"email": COLUMN_LABELS["email"], "external_id": COLUMN_LABELS["external_id"]}
        )
    rows = []
    for line, cells in grid:
        values = {
            c: _unescape(cells[i].strip()) if i < len(cells) else "" for c, i in positions.items()
        }
        filled = len(cells)
        while filled and not str(cells[filled - 1]).strip():
            filled -= 1
        rows.append((line, values, filled))
    if not rows:
        raise ImportFileError(_("The file has column names but no rows to import."))
    width = len(header_cells) if check_width else 0
    return Table(headers=headers, rows=rows, width=width, ignored=ignored)


def _unescape(value: str) -> str:
    """Undo the quote an export puts before cells that look like formulas."""
    if len(value) > 1 and value[0] == "'" and value[1] in _FORMULA_START:
        return value[1:]
    return value


def escape_cell(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (phone numbers stay as they are)."""
    if value and value[0] in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


# ---------------------------------------------------------------------------------------------
# Checking the rows


@dataclass
class _Lookups:
    """What the checks need about the organisation, loaded in a few queries."""

    people: dict[Any, Person]
    by_email: dict[str, Person]
    by_external_id: dict[str, Person]
    teams: dict[str, Team]
    roles: dict[Any, set[str]]
    professions: dict[str, str]
    role_names: dict[str, str]

    @classmethod
    def load(cls, organisation: Organisation) -> "_Lookups":
        people = {p.pk: p for p in Person.objects.filter(organisation=organisation)}
        roles: dict[Any, set[str]] = defaultdict(set)
        for person_id, role in Membership.objects.filter(
            organisation=organisation, person__organisation=organisation
        ).values_list("person_id", "role"):
            roles[person_id].add(role)
        return cls(
            people=people,
            by_email={p.email.strip().lower(): p for p in people.values() if p.email},
            by_external_id={p.external_id.strip(): p for p in people.values() if p.external_id},
            teams={_norm(t.name): t for t in Team.objects.filter(organisation=organisation)},
            roles=roles,
            professions=_choice_names(Profession.choices),
            role_names=_choice_names(Role.choices),
        )


def _refuse_own_roles(rows: list[RowResult], look: _Lookups, by: Any) -> None:
    """Nobody gives themselves a role, by a file either (`refuse_own_role`, security review F7):
    the row that adds a role to the importer is refused; dropping one is allowed."""
    for row in rows:
        wanted = row.cleaned.get("roles")
        if (
            row.person is None
            or not wanted
            or not set(wanted) - look.roles.get(row.person.pk, set())
        ):
            continue
        try:
            refuse_own_role(person=row.person, by=by, field="roles")
        except ValidationError as exc:
            for message in exc.message_dict["roles"]:
                row.error("roles", message)


def _refuse_own_team(rows: list[RowResult], by: Any) -> None:
    """Nobody moves themselves into a team by a file either (`services.refuse_own_team`)."""
    for row in rows:
        team = row.cleaned.get("team")
        if row.person is None or team is None:
            continue
        try:
            services.refuse_own_team(person=row.person, team_id=team.pk, by=by)
        except ValidationError as exc:
            for message in exc.message_dict["team"]:
                row.error("team", message)


def _choice_names(choices: list[tuple[str, Any]]) -> dict[str, str]:
    """Codes and labels (in English and French) of a set of choices, each pointing to the code."""
    names: dict[str, str] = {}
    for language in ("en", "fr"):
        with translation.override(language):
            for code, label in choices:
                names[_norm(str(label))] = code
    for code, _label in choices:
        names[_norm(code)] = code
    return names


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;|\n]", text) if part.strip()]


def validate_rows(table: Table, organisation: Organisation, *, by: Any) -> ImportPreview:
    """Check every row against the file and the organisation's people and teams; write nothing.
    `by` is who imports: a row giving them a role is refused (`_refuse_own_roles`)."""
    look = _Lookups.load(organisation)
    columns = [c for c in COLUMNS if c in table.headers]
    rows = [RowResult(line=line, values=values) for line, values, _width in table.rows]
    for row, (_line, _values, width) in zip(rows, table.rows, strict=True):
        if table.width and width > table.width:
            row.error(
                "row",
                _("This line has %(n)d values but the header names %(m)d columns.")
                % {"n": width, "m": table.width},
            )
        _clean_fields(row, columns, look)
    _match_people(rows, look)
    _resolve_line_managers(rows, columns, look)
    for row in rows:
        if row.action == "update" and row.person is not None:
            row.changes = _changes(row, look)
    _refuse_own_roles(rows, look, by)
    _refuse_own_team(rows, by)
    _warn_line_managers(rows, look)
    return ImportPreview(
        organisation=organisation,
        columns=columns,
        headers=table.headers,
        ignored=table.ignored,
        rows=rows,
    )


def _clean_fields(row: RowResult, columns: list[str], look: _Lookups) -> None:
    values, cleaned = row.values, row.cleaned
    for column, limit in (
        ("first_name", 100),
        ("last_name", 100),
        ("phone", 40),
        ("external_id", 100),
        ("region", 100),
    ):
        if column not in columns:
            continue
        text = values[column]
        if column in REQUIRED and not text:
            row.error(column, _("This value is required."))
        elif len(text) > limit:
            row.error(column, _("At most %(n)d characters.") % {"n": limit})
        cleaned[column] = text
    if "email" in columns:
        email = values["email"].lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.error(
                    "email",
                    _("“%(value)s” is not a valid e-mail address.") % {"value": values["email"]},
                )
        cleaned["email"] = email
    if not values.get("email") and not values.get("external_id"):
        row.error(
            "email" if "email" in columns else "external_id", _("Give an e-mail or an external id.")
        )
    if "profession" in columns:
        text = values["profession"]
        code = look.professions.get(_norm(text)) if text else ""
        if code is None:
            row.error(
                "profession",
                _("Unknown profession “%(value)s”. Use one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(Profession.values)},
            )
        cleaned["profession"] = code or ""
    if "years_experience" in columns:
        text = values["years_experience"].replace(",", ".")
        years: int | None = None
        if text:
            try:
                number = float(text)
                if not number.is_integer() or not 0 <= number <= MAX_YEARS:
                    raise ValueError
                years = int(number)
            except ValueError:
                row.error(
                    "years_experience",
                    _(
                        "Years of experience must be a whole number from 0 to %(max)d, not “%(value)s”."
                    )
                    % {"max": MAX_YEARS, "value": values["years_experience"]},
                )
        cleaned["years_experience"] = years
    if "languages" in columns:
        languages = list(dict.fromkeys(language_code(text) for text in _split(values["languages"])))
        bad = [code for code in languages if not _LANGUAGE.fullmatch(code)]
        if bad:
            row.error(
                "languages",
                _("Not language codes: %(codes)s. Use codes such as fr, en, ar.")
                % {"codes": ", ".join(bad)},
            )
        cleaned["languages"] = languages
    if "team" in columns:
        name = values["team"]
        team = look.teams.get(_norm(name)) if name else None
        if name and team is None:
            row.error("team", _("No team named “%(name)s” in this organisation.") % {"name": name})
        cleaned["team"] = team
    if "availability" in columns:
        slots, bad = set(), []
        # Half-days by code ("mon-am tue-pm") or by name (« lundi matin, mardi après-midi »,
        # the page's export in French; "Monday morning" in English).
        for item in re.split(r"[,;|\n]+", values["availability"].strip()):
            named = _half_day(item) if item.strip() else None
            for part in [item] if named else re.split(r"\s+", item.strip()):
                if part:
                    slot = named or _half_day(part)
                    if slot:
                        slots.add(slot)
                    else:
                        bad.append(part)
        if bad:
            row.error(
                "availability",
                _(
                    "Unknown half-days: %(slots)s. Write them as “Monday morning”, "
                    "“Tuesday afternoon”… (or mon-am … sun-pm)."
                )
                % {"slots": ", ".join(bad)},
            )
        cleaned["availability"] = [h for h in HALF_DAYS if h in slots]
    if "roles" in columns:
        names = _split(values["roles"])
        bad = [n for n in names if _norm(n) not in look.role_names]
        if bad:
            row.error(
                "roles",
                _("Unknown roles: %(roles)s. Use one of: %(choices)s.")
                % {"roles": ", ".join(bad), "choices": ", ".join(Role.values)},
            )
        # An empty cell leaves roles as they are: removing roles by omission could lock people out.
        cleaned["roles"] = (
            sorted({look.role_names[_norm(n)] for n in names if _norm(n) in look.role_names})
            or None
        )
    if "is_active" in columns:
        text = values["is_active"].strip().lower()
        if text and text not in _TRUE | _FALSE:
            row.error(
                "is_active", _("Write yes or no, not “%(value)s”.") % {"value": values["is_active"]}
            )
        cleaned["is_active"] = None if not text or text not in _TRUE | _FALSE else text in _TRUE


def _half_day(text: str) -> str | None:
    text = _norm(text).replace("_", "-")
    day, _sep, part = text.partition("-")
    day = _DAY_ALIASES.get(day[:3], day[:3]) if len(day) >= 3 else day
    part = _PART_ALIASES.get(part, part)
    slot = f"{day}-{part}"
    return slot if slot in HALF_DAYS else None


def _match_people(rows: list[RowResult], look: _Lookups) -> None:
    """Find the existing person each row updates, and refuse identifiers used twice or by someone else."""
    seen: dict[tuple[str, str], list[RowResult]] = defaultdict(list)
    for row in rows:
        email, external_id = row.values.get("email", "").lower(), row.values.get("external_id", "")
        if email:
            seen[("email", email)].append(row)
        if external_id:
            seen[("external_id", external_id)].append(row)
        by_email = look.by_email.get(email) if email else None
        by_external_id = look.by_external_id.get(external_id) if external_id else None
        if by_email and by_external_id and by_email.pk != by_external_id.pk:
            row.error(
                "email",
                _(
                    "This e-mail belongs to %(other)s, but the external id “%(id)s” belongs to %(person)s."
                )
                % {"other": by_email, "id": external_id, "person": by_external_id},
            )
        row.person = by_email or by_external_id
        row.action = "update" if row.person else "create"
    for (column, _value), same in seen.items():
        if len(same) > 1:
            for row in same:
                others = ", ".join(str(r.line) for r in same if r is not row)
                label = _("e-mail") if column == "email" else _("external id")
                row.error(
                    column,
                    _("The same %(what)s is on line %(lines)s.") % {"what": label, "lines": others},
                )
    by_person: dict[Any, list[RowResult]] = defaultdict(list)
    for row in rows:
        if row.person is not None:
            by_person[row.person.pk].append(row)
    for same in by_person.values():
        if len(same) > 1:
            for row in same:
                others = ", ".join(str(r.line) for r in same if r is not row)
                row.error(
                    "row",
                    _("This line and line %(lines)s update the same person (%(person)s).")
                    % {"lines": others, "person": row.person},
                )


def _node(row: RowResult, index: int) -> tuple[str, Any]:
    return ("p", row.person.pk) if row.person is not None else ("r", index)


def _resolve_line_managers(rows: list[RowResult], columns: list[str], look: _Lookups) -> None:
    """Line managers are named by e-mail or external id, of a row of the file or of someone already there.

    The whole chart after the import (people not in the file keep their manager) must have no cycle.
    """
    file_keys: dict[str, tuple[str, Any]] = {}
    for index, row in enumerate(rows):
        for key in (row.values.get("email", "").lower(), row.values.get("external_id", "")):
            if key:
                file_keys.setdefault(key, _node(row, index))
    managers: dict[tuple[str, Any], tuple[str, Any] | None] = {
        ("p", pk): (("p", p.line_manager_id) if p.line_manager_id in look.people else None)
        for pk, p in look.people.items()
    }
    if "line_manager" not in columns:
        return
    for index, row in enumerate(rows):
        reference = row.values["line_manager"].strip()
        node = _node(row, index)
        target: tuple[str, Any] | None = None
        if reference:
            target = file_keys.get(reference.lower()) or file_keys.get(reference)
            if target is None:
                existing = look.by_email.get(reference.lower()) or look.by_external_id.get(
                    reference
                )
                target = ("p", existing.pk) if existing else None
            if target is None:
                row.error(
                    "line_manager",
                    _(
                        "Nobody in this organisation or in this file has the e-mail or external id “%(value)s”."
                    )
                    % {"value": reference},
                )
            elif target == node:
                row.error("line_manager", _("A person cannot be their own line manager."))
                target = None
        row.cleaned["line_manager"] = target
        managers[node] = target
    names = {_node(row, i): row.name or str(row.line) for i, row in enumerate(rows)}
    for index, row in enumerate(rows):
        start = _node(row, index)
        chain, current = [start], managers.get(start)
        while current is not None and current not in chain:
            chain.append(current)
            current = managers.get(current)
        if current == start and len(chain) > 1:
            path = " → ".join(names.get(n) or str(look.people[n[1]]) for n in [*chain, start])
            row.error(
                "line_manager",
                _("This would create a cycle in line management: %(path)s.") % {"path": path},
            )


def _warn_line_managers(rows: list[RowResult], look: _Lookups) -> None:
    """The warnings the new line managers of the file would raise once written (the dry run
    shows what the real run reports): the chart after the import, people the file creates
    included, since they may link two people who sit in one group."""
    keys = {("r", i): NewPerson(row.line) for i, row in enumerate(rows) if row.person is None}

    def key(node: tuple[str, Any]) -> Any:
        return keys.get(node, node[1])

    changes: dict[Any, tuple[Any, Any]] = {}
    by_key: dict[Any, RowResult] = {}
    for index, row in enumerate(rows):
        if "line_manager" not in row.cleaned or "line_manager" in row.errors:
            continue
        target = row.cleaned["line_manager"]
        old = row.person.line_manager_id if row.person is not None else None
        new = key(target) if target is not None else None
        # A person the file creates is always named, even without a manager: another row may
        # have them as manager, and the chart must know where their chain stops.
        if new != old or row.person is None:
            me = key(_node(row, index))
            changes[me] = (old, new)
            by_key[me] = row
    if not any(row.person is not None for row in by_key.values()):
        return  # only new people: nobody's chain in a group can have changed
    for warning in services.line_manager_warnings(changes=changes, written=False):
        by_key[warning.person].warnings.append(warning)


_SIMPLE_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "external_id",
    "profession",
    "years_experience",
    "languages",
    "region",
    "availability",
]


def _changes(row: RowResult, look: _Lookups) -> list[str]:
    person, cleaned = row.person, row.cleaned
    assert person is not None
    changed = [
        f
        for f in _SIMPLE_FIELDS
        if f in cleaned and f != "availability" and getattr(person, f) != cleaned[f]
    ]
    # Half-days are a set: the same slots in another order are no change.
    if "availability" in cleaned and set(person.availability or []) != set(cleaned["availability"]):
        changed.append("availability")
    if "team" in cleaned and person.team_id != (cleaned["team"].pk if cleaned["team"] else None):
        changed.append("team")
    if "line_manager" in cleaned:
        target = cleaned["line_manager"]
        if target is None:
            if person.line_manager_id is not None:
                changed.append("line_manager")
        elif target[0] == "r" or target[1] != person.line_manager_id:
            changed.append("line_manager")
    if cleaned.get("is_active") is not None and cleaned["is_active"] != person.is_active:
        changed.append("is_active")
    if cleaned.get("roles") is not None and set(cleaned["roles"]) != look.roles.get(
        person.pk, set()
    ):
        changed.append("roles")
    return changed


# ---------------------------------------------------------------------------------------------
# Applying


class _Rollback(Exception):
    pass


def preview_import(
    *, data: bytes, filename: str, organisation: Organisation, by: Any
) -> ImportPreview:
    """Read and check a file; raises ImportFileError when the file itself cannot be read. `by`
    is who imports (an account)."""
    return validate_rows(read_table(data, filename), organisation, by=by)


@service
def apply_import(*, preview: ImportPreview) -> ImportPreview:
    """Write a clean preview in one transaction; on any failure nothing is written.

    Rows are saved managers first so a line manager created by the file exists before their reports.
    A changed manager that would briefly close a loop with a manager the file removes later is set
    in a second pass, once every other change is in place.
    """
    if not preview.valid:
        raise ValueError("Only a preview without errors can be applied.")
    rows = preview.rows
    nodes = {_node(row, i): row for i, row in enumerate(rows)}
    saved: dict[tuple[str, Any], Person] = {}

    def depth(row: RowResult) -> int:
        level, target, hops = 0, row.cleaned.get("line_manager"), 0
        while target is not None and target[0] == "r" and hops <= len(rows):
            level, hops = level + 1, hops + 1
            target = nodes[target].cleaned.get("line_manager")
        return level

    order = sorted(range(len(rows)), key=lambda i: depth(rows[i]))
    current = {
        p.pk: p.line_manager_id for p in Person.objects.filter(organisation=preview.organisation)
    }
    before = dict(current)
    deferred: list[tuple[RowResult, Person, Any]] = []
    try:
        with transaction.atomic():
            for index in order:
                row = rows[index]
                if row.action == "update" and not row.changes:
                    continue
                person = row.person or Person(organisation=preview.organisation)
                _assign(person, row)
                target = row.cleaned.get("line_manager", ("keep",))
                if target != ("keep",):
                    manager_id = (
                        None
                        if target is None
                        else (saved[target].pk if target[0] == "r" else target[1])
                    )
                    if (
                        manager_id is not None
                        and person.pk
                        and _reaches(current, manager_id, person.pk)
                    ):
                        deferred.append((row, person, manager_id))
                        manager_id = None
                    person.line_manager_id = manager_id
                _save(row, person)
                saved[_node(row, index)] = person
                current[person.pk] = person.line_manager_id
            for row, person, manager_id in deferred:
                person.line_manager_id = manager_id
                _save(row, person)
            _warn_written(rows, saved, before)
    except _Rollback:
        return preview
    except IntegrityError:
        rows[0].error(
            "row",
            _("The people of this organisation changed while importing; upload the file again."),
        )
        return preview
    preview.applied = True
    return preview


def _warn_written(
    rows: list[RowResult], saved: dict[tuple[str, Any], Person], before: dict[Any, Any]
) -> None:
    """Once every row is written, ask once for all new line managers (not once per row: the
    chart is only whole at the end); the coordinators of each group concerned are notified."""
    changes: dict[Any, tuple[Any, Any]] = {}
    by_key: dict[Any, RowResult] = {}
    for index, row in enumerate(rows):
        person = saved.get(_node(row, index))
        # People the file created sit in no group, and whoever they manage changed manager.
        if person is None or person.pk not in before:
            continue
        if before[person.pk] == person.line_manager_id:
            continue
        changes[person.pk] = (before.get(person.pk), person.line_manager_id)
        by_key[person.pk] = row
    for row in rows:
        row.warnings = []
    for warning in services.line_manager_warnings(changes=changes, written=True):
        by_key[warning.person].warnings.append(warning)


def _reaches(managers: dict[Any, Any], start: Any, goal: Any) -> bool:
    seen = set()
    while start is not None and start not in seen:
        if start == goal:
            return True
        seen.add(start)
        start = managers.get(start)
    return False


def _assign(person: Person, row: RowResult) -> None:
    cleaned = row.cleaned
    for name in _SIMPLE_FIELDS:
        if name in cleaned:
            setattr(person, name, cleaned[name])
    if "team" in cleaned:
        person.team = cleaned["team"]
    if cleaned.get("is_active") is not None:
        person.is_active = cleaned["is_active"]


def _save(row: RowResult, person: Person) -> None:
    try:
        # Roles are only rewritten when they change (one query and savepoint less per update).
        roles = (
            row.cleaned.get("roles") if row.action == "create" or "roles" in row.changes else None
        )
        # The preview checked e-mails and external ids against the file and the database.
        # Every caller checked `people.import_person` on this organisation (page, API, command,
        # and the page or API that queued a background run).
        services.person_save(
            person=person, roles=roles, check_unique=False, by=SYSTEM, announce=False
        )
    except ValidationError as exc:
        for column, messages in exc.message_dict.items():
            for message in messages:
                row.error(column if column in COLUMNS else "row", message)
        raise _Rollback from exc


def import_people(
    *, data: bytes, filename: str, organisation: Organisation, commit: bool, by: Any
) -> ImportPreview:
    """Check a file and, with commit=True and no error, apply it. The one entry point for all callers."""
    preview = preview_import(data=data, filename=filename, organisation=organisation, by=by)
    if commit and preview.valid:
        apply_import(preview=preview)
    return preview
