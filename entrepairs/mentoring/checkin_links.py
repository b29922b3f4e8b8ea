"""Signed, expiring check-in links (issue 14, point 4): the youth and the guardian usually have no
account, so the coordinator e-mails them a link to their own check-in. The link is signed with the
check-in's id (django.core.signing): it reaches that check-in only, works until the check-in is
recorded, and expires after CHECKIN_LINK_DAYS. The e-mail names nobody (DECISIONS.md)."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.audit import refusals_audited
from entrepairs.core.links import absolute_url
from entrepairs.core.mail import recipient_language
from entrepairs.core.services import SYSTEM, service

from .models import CheckIn
from .rules import CheckInLink, guardians_of, match_rights, viewer_of
from .services import person_of

SALT = "entrepairs.mentoring.checkin-link"


def link_max_age() -> timedelta:
    return timedelta(days=getattr(settings, "CHECKIN_LINK_DAYS", 14))


def checkin_link_token(checkin: CheckIn) -> str:
    return signing.dumps({"c": str(checkin.pk), "p": checkin.party}, salt=SALT, compress=True)


def checkin_link_url(checkin: CheckIn) -> str:
    return absolute_url(reverse("mentoring:checkin_link", args=[checkin_link_token(checkin)]))


class UnknownLink(Exception):
    """A link that was never signed here (tampered or invented): the pages and the API answer
    404, as for any address that leads nowhere."""


def checkin_for_link(token: str) -> tuple[CheckIn, CheckInLink]:
    """The check-in a link reaches and its bearer. UnknownLink if tampered; a ValidationError
    (`token`) if expired or already answered."""
    try:
        data = signing.loads(token, salt=SALT, max_age=link_max_age())
    except signing.SignatureExpired as exc:
        raise ValidationError(
            {"token": _("This link has expired: ask the mentoring coordinator for a new one.")}
        ) from exc
    except signing.BadSignature as exc:
        raise UnknownLink from exc
    checkin = (
        CheckIn.objects.select_related("match__programme")
        .filter(pk=data.get("c"), party=data.get("p"))
        .first()
    )
    if checkin is None:
        raise UnknownLink
    if checkin.done_on is not None:
        raise ValidationError(
            {"token": _("This check-in is already recorded: this link no longer works. Thank you!")}
        )
    return checkin, CheckInLink(checkin.pk)


def _addresses(checkin: CheckIn) -> list[list[str]]:
    """Where the party's link goes, each address with the language to write in (core.mail): the
    youth's own address, or the guardian's (each youth's in a group match; the link works once,
    for the first who answers)."""
    youths = checkin.match.youths.select_related("person__user", "guardian")
    people: list[Any] = []
    for y in youths:  # both adoptive parents of a couple hold the guardian role (rules)
        people += [y.person] if checkin.party == CheckIn.Party.YOUTH else guardians_of(y)
    found = {p.email: recipient_language(p) for p in people if p is not None and p.email}
    return [[address, found[address]] for address in sorted(found)]


@service
@refusals_audited("checkin_link", target="checkin")
@transaction.atomic
def checkin_link_send(*, checkin: CheckIn, by: Any) -> int:
    """E-mail the youth or the guardian the link to their own check-in. Only those who manage the
    match (the programme's coordinators and the youth's agency) send it; a mentor's check-in is
    filled in signed in. Returns how many addresses it went to."""
    from .tasks import send_checkin_link

    checkin = CheckIn.objects.select_for_update(of=("self",)).get(pk=checkin.pk)
    if by is not SYSTEM and not match_rights(viewer_of(by), checkin.match).allows("checkin_link"):
        raise PermissionDenied(
            _("Only the programme's coordinators and the youth's agency send a check-in link.")
        )
    if checkin.party == CheckIn.Party.MENTOR:
        raise ValidationError(
            {"checkin": _("The mentor fills in the mentor's check-in signed in: no link.")}
        )
    if checkin.done_on is not None:
        raise ValidationError({"checkin": _("This check-in is already recorded.")})
    addresses = _addresses(checkin)
    if not addresses:
        raise ValidationError(
            {
                "checkin": _(
                    "No e-mail address is known for this party: record their answers on their "
                    "behalf, as they tell them."
                )
            }
        )
    checkin.link_sent_at = timezone.now()
    checkin.save(update_fields=["link_sent_at", "updated_at"])
    checkin.match.log("checkin_link_sent", by=person_of(by), data={"party": checkin.party})
    url = checkin_link_url(checkin)
    days = link_max_age().days
    transaction.on_commit(lambda: send_checkin_link.enqueue(addresses, url, days))
    return len(addresses)
