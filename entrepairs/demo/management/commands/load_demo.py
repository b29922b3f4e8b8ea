"""`manage.py load_demo [--size small|national] [--reset]`: demo logins or the benchmark data set."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from entrepairs.core import listcache
from entrepairs.core.audit import audit_context
from entrepairs.demo import generator


class Command(BaseCommand):
    help = "Load the small demo world (one login per role) or the national benchmark data set."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=["small", "national"], default="small")
        parser.add_argument("--reset", action="store_true", help="Delete and rebuild the data set.")
        parser.add_argument(
            "--large-organisation",
            action="store_true",
            help="Small set: add an organisation of 5,000 staff for onboarding (about 10 s).",
        )
        parser.add_argument(
            "--people", type=int, default=50_000, help="National set: number of people."
        )
        parser.add_argument(
            "--organisations", type=int, default=200, help="National set: number of organisations."
        )
        parser.add_argument(
            "--force-in-production",
            action="store_true",
            help="Load it although ENTREPAIRS_ENV=production (a staging copy, never real data).",
        )

    def handle(
        self,
        *args: Any,
        size: str,
        reset: bool,
        people: int,
        organisations: int,
        large_organisation: bool = False,
        force_in_production: bool = False,
        **options: Any,
    ) -> None:
        if settings.PRODUCTION and not force_in_production:
            # The demo creates an administrator whose password is printed in the README.
            raise CommandError(
                "load_demo refuses to run in production (ENTREPAIRS_ENV=production): it creates "
                "accounts, an administrator among them, whose password is public. On a staging "
                "copy that holds no real data, add --force-in-production."
            )
        started = time.monotonic()
        with audit_context(source="command"):
            if size == "small":
                world = generator.load_small(
                    reset=reset, large_organisation=large_organisation, log=self.stdout.write
                )
            else:
                try:
                    world = generator.load_national(
                        people=people,
                        organisations=organisations,
                        reset=reset,
                        log=self.stdout.write,
                    )
                except ValueError as exc:
                    raise CommandError(str(exc)) from exc
        # bulk_create and update() send no signals: cached list pages must go.
        listcache.invalidate()
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
        if world.logins:
            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for all: {generator.DEMO_PASSWORD}):")
            width = max(len(login.role) for login in world.logins)
            for login in world.logins:
                self.stdout.write(
                    f"  {login.role.ljust(width)}  {login.email}  {login.password}  {login.who}"
                )
            self.stdout.write(
                "Two-factor sign-in is off for every demo role; an organisation turns it on in its "
                "settings page (roles that must use two-factor authentication)."
            )
        if world.token:
            self.stdout.write(
                f"API access token for {generator.BENCH_COORDINATOR_EMAIL}: {world.token}"
            )
