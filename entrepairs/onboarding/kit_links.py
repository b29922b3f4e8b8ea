"""Signed links that let a welcome-kit provider without an account mark their item ready.

Issue 14 point 5: IT or facilities colleagues often have no account; their reminder e-mail
carries a link (django.core.signing) naming one item, its provider and a one-time id stored on
the item. The link expires, works once (the id is cleared when the item changes state) and
never opens anything else of the journey. Reading a link is here; the write is
services.kit_ready_by_link, which asks rules.can_tick_kit_item like the page and the API.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from entrepairs.core.links import absolute_url
from entrepairs.people.models import Person

from .models import KitCheck

SALT = "onboarding.kit-link"
MAX_AGE = datetime.timedelta(days=14)


class LinkInvalid(Exception):
    """Tampered, or naming an item that is gone: answered 404."""


class LinkExpired(Exception):
    """Older than MAX_AGE."""


class LinkSpent(Exception):
    """Already used (or the item changed state since it was sent)."""


@dataclass(frozen=True)
class KitLink:
    item: KitCheck
    provider: Person
    nonce: str


def kit_link_url(item: KitCheck) -> str:
    """An absolute link for the item's provider; reuses the item's unspent one-time id so every
    e-mail about the item carries a working link until one of them is used."""
    if item.link_nonce is None:
        item.link_nonce = uuid.uuid4()
        KitCheck.objects.filter(pk=item.pk).update(link_nonce=item.link_nonce)
    token = signing.dumps(
        {"k": str(item.pk), "p": str(item.provider_id), "n": str(item.link_nonce)},
        salt=SALT,
        compress=True,
    )
    return absolute_url(reverse("onboarding:kit_link", args=[token]))


def read_kit_link(token: str) -> KitLink:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    item = (
        KitCheck.objects.select_related("journey", "provider")
        .filter(pk=data.get("k"), provider_id=data.get("p"))
        .first()
    )
    if item is None or item.provider is None:
        raise LinkInvalid
    if item.link_nonce is None or str(item.link_nonce) != data.get("n") or item.is_ready:
        raise LinkSpent
    return KitLink(item=item, provider=item.provider, nonce=data["n"])
