"""Record a mentor's screening step from the command line (e.g. a batch of background-check
answers): the same service as the page and the API (services.screening_record), which moves the
mentor's status (applied → screening → training → approved) the same way."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from entrepairs.mentoring import services
from entrepairs.mentoring.models import Mentor, ScreeningStep
from entrepairs.people.models import Person


class Command(BaseCommand):
    help = "Record a mentor's screening step, as a coordinator of the programme's organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mentor", required=True, help="id of the mentor")
        parser.add_argument("--kind", required=True, choices=ScreeningStep.Kind.values)
        parser.add_argument("--outcome", required=True, choices=ScreeningStep.Outcome.values)
        parser.add_argument("--on", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
        parser.add_argument("--referee", default="", help="the referee's name (a reference)")
        parser.add_argument("--by", required=True, help="id of the coordinator recording it")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            mentor = Mentor.objects.select_related("person", "programme").get(pk=options["mentor"])
            step = services.screening_record(
                mentor=mentor,
                kind=options["kind"],
                outcome=options["outcome"],
                done_on=options["on"],
                referee=options["referee"],
                by=Person.objects.get(pk=options["by"]),
            )
        except (Mentor.DoesNotExist, Person.DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else exc.args
            raise CommandError("; ".join(str(m) for m in messages)) from exc
        mentor.refresh_from_db()
        self.stdout.write(f"{step.get_kind_display()} {step.outcome} → {mentor.status}")
