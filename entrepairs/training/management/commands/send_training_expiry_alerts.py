"""Warn people whose required training expires soon, and their coordinators (run daily by the
scheduler or cron): the same service as any other channel; each completion is alerted once."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.training import services
from entrepairs.training.selectors import ALERT_DAYS


class Command(BaseCommand):
    help = "Notify each person whose required training expires within --days days, and the coordinators of its organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=ALERT_DAYS, help="days ahead")
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.expiry_alerts_send(
            today=options["today"] or timezone.localdate(), days=options["days"], by=SYSTEM
        )
        self.stdout.write(f"{sent}")
