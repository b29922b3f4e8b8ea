"""Messages sent once however often their job runs (a retry, two deliveries of one job).

    with send_once(f"announcement:{announcement.pk}:{subscriber.pk}") as due:
        if due:
            message.send()

The key is recorded in the same transaction as the sending: a second run blocks on the first's
row until it commits, then finds the key and sends nothing; a run that dies before committing
leaves no key, so its retry sends the message (at least once, at most twice only if the process
dies between the mail server's answer and the commit).
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Delivery


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@contextmanager
def send_once(key: str) -> Iterator[bool]:
    """Yield True when the message of `key` is still to be sent (then send it inside the block)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Delivery.objects.create(key=_digest(key))
        except IntegrityError:
            yield False
            return
        yield True


def was_sent(key: str) -> bool:
    return Delivery.objects.filter(key=_digest(key)).exists()


def prune_deliveries(*, older_than: timedelta = timedelta(days=90)) -> int:
    deleted, _ = Delivery.objects.filter(sent_at__lt=timezone.now() - older_than).delete()
    return deleted
