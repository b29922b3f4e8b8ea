"""The rest of a side: contracts (a quote, a signed agreement with an issued invoice and a line
waiting to be invoiced), announcements (draft and published), calendar feeds (one live feed per
person, one revoked). Side A's organisation is the provider; the client is another organisation
whose coordinator is the extra role `coordinator_client_org`."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from entrepairs.core.services import SYSTEM

from .world import Side, _person, marker

BANDS = [{"from": 1, "to": None, "hourly_rate": "90"}]
RHYTHM = [{"from": 1, "to": None, "discount_percent": "0"}]


def _held(group: Any, number: int, days_ago: int, site: Any) -> Any:
    from entrepairs.groups.models import Session

    start = timezone.now() - timedelta(days=days_ago)
    return Session.objects.create(
        group=group,
        number=number,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        status=Session.Status.HELD,
        site=site,
        room="Salle",
    )


def add_business_feeds(side: Side, *, site: Any) -> None:
    from entrepairs.contracts import services as business
    from entrepairs.contracts.models import Contract, PriceGrid
    from entrepairs.groups import services as groups
    from entrepairs.groups.models import CalendarFeed
    from entrepairs.mailing import services as mailing
    from entrepairs.mailing.models import Announcement
    from entrepairs.organisations.models import Organisation, Role

    tag, t, org, P = side.tag, side.tag.lower(), side.org, side.people
    client = Organisation.objects.create(name=marker(tag, "client"), slug=f"client-{t}")
    P["coordinator_client_org"] = _person(client, "Cora", f"Cliente{t}", role=Role.COORDINATOR)

    # --- contracts: org is the provider, its facilitator named on them ---
    # A quote and an invoice need the seller's legal identity (contracts.identity), an invoice
    # the client's SIRET too.
    Organisation.objects.filter(pk=org.pk).update(
        siret="12345678200010", address="1 rue du Test, 59000 Lille", vat_exempt_training=True
    )
    Organisation.objects.filter(pk=client.pk).update(siret="98765432400027")
    org.refresh_from_db()
    client.refresh_from_db()
    grid = business.price_grid_save(
        grid=PriceGrid(
            provider=org, name=f"Grille {tag}", beneficiary_bands=BANDS, rhythm_bands=RHYTHM
        ),
        by=SYSTEM,
    )
    terms: dict[str, Any] = {
        "provider": org,
        "provider_person": P["facilitator"],
        "client": client,
        "price_grid": grid,
        "session_hours": Decimal("3"),
        "sessions_per_year": 10,
        "beneficiaries": 6,
    }
    quote = business.contract_save(contract=Contract(**terms), by=SYSTEM)
    contract_group = groups.group_create(
        organisation=org,
        name=marker(tag, "contractgroup"),
        kind="supervision",
        facilitators=[P["facilitator"]],
        created_by=P["coordinator"],
    )
    contract_group.organisations.add(client)
    _held(contract_group, 1, 30, site)
    agreement = business.contract_save(contract=Contract(**terms, group=contract_group), by=SYSTEM)
    # Signed before its held session, which its period then covers (contracts.periods).
    agreement = business.contract_sign(
        contract=agreement, by=SYSTEM, signed_at=timezone.now() - timedelta(days=60)
    )
    invoice_number, _total, _lines = business.contract_invoice(contract=agreement, by=SYSTEM)
    waiting = _held(contract_group, 2, 10, site)
    business.invoice_line_for(session=waiting)  # a held session waiting for the next invoice

    # --- announcements by the coordinator ---
    published = mailing.announcement_save(
        announcement=Announcement(
            provider=org, title=marker(tag, "announcepub"), body="Atelier ouvert"
        ),
        author=P["coordinator"],
        by=SYSTEM,
    )
    mailing.announcement_publish(announcement=published, by=SYSTEM)
    draft = mailing.announcement_save(
        announcement=Announcement(
            provider=org, title=marker(tag, "announcedraft"), body="Brouillon"
        ),
        author=P["coordinator"],
        by=SYSTEM,
    )

    subscriber = f"abonne.{t}@exemple.test"
    mailing.subscribe(provider=org, email=subscriber)  # an outsider on the newsletter list

    # --- calendar feeds: each person's own (a manager's covers their staff) ---
    feeds: dict[str, str] = {}
    for role, person in P.items():
        scope = CalendarFeed.Scope.MANAGER if role.startswith("manager") else "member"
        _feed, feeds[role] = groups.calendar_feed_create(person=person, scope=scope)
    feed = CalendarFeed.objects.get(person=P["professional"], revoked_at__isnull=True)
    revoked, revoked_secret = groups.calendar_feed_create(
        person=P["professional_other"], scope="manager"
    )
    groups.calendar_feed_revoke(feed=revoked)

    side.objects.update(
        client=client,
        quote=quote,
        agreement=agreement,
        announcepub=published,
        announcedraft=draft,
        feed=feed,
    )
    side.objects["invoice_number"] = invoice_number
    side.objects["subscriber_email"] = subscriber
    side.objects["feeds"] = feeds
    side.objects["revoked_secret"] = revoked_secret


def add_people_admin(side: Side) -> None:
    """The professional's membership (its line on their page, as the page prints it) and a
    colleague of their team with no account yet, to be invited (line manager: the manager)."""
    from django.conf import settings
    from django.utils import translation

    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    P, org, t = side.people, side.org, side.tag.lower()
    membership = Membership.objects.get(person=P["professional"], organisation=org)
    with translation.override(settings.LANGUAGE_CODE):
        side.objects["membership_line"] = f"{Role.PROFESSIONAL.label} — {org.name}"
    invitee = Person.objects.create(
        organisation=org,
        first_name="Ines",
        last_name=f"Invitee{t}",
        email=f"ines.invitee{t}@{org.slug}.test",
        team=P["professional"].team,
        line_manager=P["manager"],
    )
    Membership.objects.create(person=invitee, organisation=org, role=Role.PROFESSIONAL)
    side.objects.update(membership=membership, invitee=invitee)
