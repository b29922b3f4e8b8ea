"""manage.py export_people --organisation SLUG --format csv|xlsx -o FILE"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from entrepairs.core.permissions import check
from entrepairs.people import exports
from entrepairs.people.models import Person
from entrepairs.people.rules import NewPersonOf
from entrepairs.people.selectors import exportable_people

from .import_people import acting_user, organisation_by_slug


class Command(BaseCommand):
    help = "Export an organisation's people to CSV or XLSX, in the columns the import reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--organisation", required=True, help="Short name (slug) of the organisation."
        )
        parser.add_argument("--format", choices=list(exports.FORMATS), default="csv")
        parser.add_argument(
            "-o", "--output", type=Path, help="File to write; standard output when left out."
        )
        parser.add_argument("--as", dest="as_email", help="Export only what this user may manage.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_by_slug(options["organisation"])
        user = acting_user(options["as_email"])
        if user is None:
            people = Person.objects.filter(organisation=organisation)
        elif check(user, "people.export_person", NewPersonOf(organisation.pk)):
            people = exportable_people(user, organisation=organisation)
        else:
            raise CommandError(f"{user.email} may not export the people of {organisation.slug}.")
        data = exports.export_people(people, options["format"])
        if options["output"]:
            options["output"].write_bytes(data)
            self.stderr.write(f"Wrote {options['output']}.")
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
