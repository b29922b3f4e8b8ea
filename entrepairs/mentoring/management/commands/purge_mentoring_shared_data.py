"""Run the end-of-retention purge of mentoring by hand (the nightly task does it on its own):
the same function as the task (retention.purge_due). `--dry-run` lists what would be erased."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from entrepairs.core.audit import audit_context
from entrepairs.mentoring.retention import purge_due


class Command(BaseCommand):
    help = (
        "Erase what was shared with the mentors of the matches whose retention period "
        "(the sharing agreement's days after the end) is over."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be erased, erase nothing"
        )
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context(source="command"):
            matches, purged = purge_due(options["today"], dry_run=options["dry_run"])
        self.stdout.write(
            _("Would be erased (dry run), nothing written:") if options["dry_run"] else _("Erased:")
        )
        for label, count in (
            (_("Matches past their retention period"), matches),
            (_("Contact log entries"), purged.contacts),
            (_("Mentor check-in notes"), purged.mentor_checkins),
            (_("Progress notes by the mentor"), purged.mentor_notes),
            (_("Situation summaries for the mentor"), purged.situation_summaries),
        ):
            self.stdout.write(f"  {label} : {count}")
