"""Mailing-list queueing benchmark (issue 16 point 3): how long posting a message to a network list
of 10,000 subscribers takes in the request, i.e. until every batch is queued for the worker.

Run by hand (not a test), from the repository root:

    .venv/bin/python bench/mailing_list_send.py                  # SQLite file var/bench_mailing.sqlite3
    .venv/bin/python bench/mailing_list_send.py --database-url postgres://...
    .venv/bin/python bench/mailing_list_send.py --subscribers 10000 --runs 3

It migrates the database, builds (once) a network with a list of N confirmed subscribers
(bulk_create), then times `mailing.services.list_message_post` — the function the page and the API
call — with the database tasks backend (the default): validating, counting the recipients,
splitting them in batches (MAILING_LIST_BATCH_SIZE) and enqueuing one task per batch, deferred
to keep MAILING_LIST_RATE_PER_MINUTE. Nothing is sent: that is the worker's job. The queued
tasks and the message are deleted after each run. Prints each run, min and median, the load.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entrepairs.settings")
    os.environ["TASKS_BACKEND"] = "database"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(subscribers: int) -> object:
    from django.utils import timezone

    from entrepairs.mailing.models import MailingList, Subscription
    from entrepairs.networks.models import Level, Network
    from entrepairs.organisations.models import Organisation

    name = f"Bench list {subscribers}"
    existing = MailingList.objects.filter(name=name).first()
    if existing is not None:
        return existing
    org, _ = Organisation.objects.get_or_create(slug="bench-mailing", defaults={"name": "Bench"})
    network = Network.objects.create(name="Bench network", level=Level.REGIONAL, organisation=org)
    mlist = MailingList.objects.create(network=network, name=name)
    now = timezone.now()
    Subscription.objects.bulk_create(
        (
            Subscription(mailing_list=mlist, email=f"pro{i:05d}@example.org", confirmed_at=now)
            for i in range(subscribers)
        ),
        batch_size=2000,
    )
    return mlist


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench_mailing.sqlite3'}"
    )
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup(args.database_url)

    from django.conf import settings
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from entrepairs.core.services import SYSTEM
    from entrepairs.mailing import services
    from entrepairs.mailing.models import ListMessage

    mlist = build(args.subscribers)
    times = []
    for run in range(args.runs):
        start = time.perf_counter()
        message = services.list_message_post(
            mailing_list=mlist, subject="Dîner du réseau", body="Jeudi à 19 h.", by=SYSTEM
        )
        elapsed = time.perf_counter() - start
        queued = DBTaskResult.objects.filter(args_kwargs__args__0=str(message.pk)).count()
        times.append(elapsed)
        print(
            f"run {run + 1}: {elapsed * 1000:.0f} ms — {message.total:,} recipients, "
            f"{message.batches} batches, {queued} tasks queued"
        )
        DBTaskResult.objects.all().delete()
        ListMessage.objects.filter(pk=message.pk).delete()
    load = os.getloadavg()
    print(
        f"min {min(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms "
        f"({args.runs} runs; batch {settings.MAILING_LIST_BATCH_SIZE}, "
        f"{settings.MAILING_LIST_RATE_PER_MINUTE}/min)"
    )
    print(
        f"{connection.vendor}, Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )


if __name__ == "__main__":
    main()
