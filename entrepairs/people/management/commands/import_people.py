"""manage.py import_people FILE --organisation SLUG [--commit] [--as EMAIL]

Prints the preview (one line per row, with its errors) and exits 1 when the file has errors, or
cannot be read, or passes one of the upload limits (UPLOAD_MAX_*, as in the browser and the API).
Only with --commit, and only when every row is clean, are the people written.
"""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from entrepairs.core import uploads
from entrepairs.core.audit import audit_context
from entrepairs.core.permissions import check
from entrepairs.organisations.models import Organisation
from entrepairs.people import imports
from entrepairs.people.rules import NewPersonOf


def organisation_by_slug(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise CommandError(f"No organisation with the short name {slug!r}.")
    return organisation


def acting_user(email: str | None) -> Any:
    if not email:
        return None
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user with the e-mail {email!r}.")
    return user


class Command(BaseCommand):
    help = "Check a CSV or XLSX file of people and, with --commit, import it into an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--organisation", required=True, help="Short name (slug) of the organisation."
        )
        parser.add_argument(
            "--commit", action="store_true", help="Write the people when the file is clean."
        )
        parser.add_argument(
            "--as",
            dest="as_email",
            help="E-mail of the user doing the import (checked and audited).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_by_slug(options["organisation"])
        user = acting_user(options["as_email"])
        if user is not None and not check(
            user, "people.import_person", NewPersonOf(organisation.pk)
        ):
            raise CommandError(f"{user.email} may not import people into {organisation.slug}.")
        path: Path = options["file"]
        try:
            # No more than the upload limit is read, as in the browser and the API.
            data = uploads.read_path(path)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        except uploads.UploadError as exc:
            raise CommandError(exc.message) from exc
        with audit_context(source="command", actor=user):
            try:
                preview = imports.import_people(
                    data=data,
                    filename=path.name,
                    organisation=organisation,
                    commit=options["commit"],
                    by=user,
                )
            except uploads.UploadError as exc:
                raise CommandError(exc.message) from exc
        self._print(preview)
        if not preview.valid:
            raise CommandError("The file has errors: nothing was imported.")
        if preview.applied:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{preview.to_create} created, {preview.to_update} updated ({preview.unchanged} without changes)."
                )
            )
        else:
            self.stdout.write(
                "The file is clean. Nothing was written: run again with --commit to import it."
            )

    def _print(self, preview: imports.ImportPreview) -> None:
        self.stdout.write(f"{'line':>5}  {'action':<8} {'name':<32} errors / changes")
        for row in preview.rows:
            action = row.action if row.errors or row.action == "create" or row.changes else "same"
            detail = "; ".join(f"{col}: {msg}" for col, msgs in row.errors.items() for msg in msgs)
            line = f"{row.line:>5}  {action:<8} {row.name[:32]:<32} "
            if detail:
                self.stdout.write(line + self.style.ERROR(detail))
            else:
                self.stdout.write(line + ", ".join(row.changes))
            for warning in row.warnings:
                # Applied all the same: the org chart is a fact (people.services.line_manager_warnings).
                self.stdout.write(
                    self.style.WARNING(f"{'':>5}  warning: {warning.message} {warning.fix}")
                )
        if preview.ignored:
            self.stdout.write(f"Ignored columns: {', '.join(preview.ignored)}")
        self.stdout.write(preview.summary())
