"""End a coach pairing, or give one's feedback on it, from the command line: the same services
and rules as the page and the API (a coordinator ends; each of the pair gives feedback once,
after the end)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from entrepairs.core.audit import audit_context
from entrepairs.people.models import Person

from ... import services
from ...models import CoachPairing


class Command(BaseCommand):
    help = (
        "End a coach pairing (as a coordinator) or give one's feedback on it (as one of the pair)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        end = actions.add_parser("end", help="end an active pairing with a reason")
        end.add_argument("--pairing", required=True, help="id of the pairing")
        end.add_argument("--by", required=True, help="id of the coordinator ending it")
        end.add_argument(
            "--reason", required=True, choices=CoachPairing.EndReason.values, help="why it ends"
        )
        end.add_argument("--note", default="", help="confidential note (the coordinators only)")
        feedback = actions.add_parser("feedback", help="give one's feedback on an ended pairing")
        feedback.add_argument("--pairing", required=True, help="id of the pairing")
        feedback.add_argument("--by", required=True, help="id of the coach or the new tutor")
        feedback.add_argument("--rating", required=True, type=int, help="from 1 to 5")
        feedback.add_argument("--comment", default="", help="read by the coordinators")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            pairing = CoachPairing.objects.get(pk=options["pairing"])
            by = Person.objects.select_related("user").get(pk=options["by"])
            with audit_context(source="command"):
                if options["action"] == "end":
                    done = services.pairing_end(
                        pairing=pairing, by=by, reason=options["reason"], note=options["note"]
                    )
                else:
                    done = services.pairing_feedback(
                        pairing=pairing,
                        by=by,
                        rating=options["rating"],
                        comment=options["comment"],
                    )
        except (CoachPairing.DoesNotExist, Person.DoesNotExist, ValidationError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError("; ".join(messages)) from exc
        self.stdout.write(f"{done.pk} {done.state}")
