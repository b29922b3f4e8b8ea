"""Record a completion from the command line (e.g. a batch of an external training body's
attendance sheets): the same service and rules as the page and the API."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from entrepairs.people.models import Person
from entrepairs.training import services
from entrepairs.training.models import TrainingModule, TrainingSession


class Command(BaseCommand):
    help = "Record that a person completed a training module, as a coordinator of its organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--person", required=True, help="id of the person trained")
        parser.add_argument("--module", required=True, help="id of the training module")
        parser.add_argument("--on", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--by", required=True, help="id of the coordinator recording it")
        parser.add_argument("--session", help="id of the session attended")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            completion = services.completion_record(
                person=Person.objects.get(pk=options["person"]),
                module=TrainingModule.objects.get(pk=options["module"]),
                completed_on=options["on"],
                by=Person.objects.get(pk=options["by"]),
                session=(
                    TrainingSession.objects.get(pk=options["session"])
                    if options["session"]
                    else None
                ),
            )
        except (
            Person.DoesNotExist,
            TrainingModule.DoesNotExist,
            TrainingSession.DoesNotExist,
        ) as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        until = completion.expires_on or "-"
        self.stdout.write(
            f"{completion.person} {completion.module} {completion.completed_on} {until}"
        )
