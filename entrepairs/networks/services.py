"""Every write of networks, whatever the channel (page, API, demo): each enforces its rules.

Rules from seed 000 (networks of tutors at regional, national or transnational level) and issue
16 point 1: no organisation is enrolled in a network without its own coordinator's consent (the
network invites, the organisation's coordinator accepts; or the coordinator asks, an organiser
accepts); people of member organisations join by invitation (they accept) or by request (an
organiser accepts), and may leave at any time."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.services import SYSTEM, service
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.services import require_coordinates
from entrepairs.people.models import Person

from .models import (
    FIELD_KEYS,
    Audience,
    Direction,
    DirectoryProfile,
    Network,
    NetworkMember,
    NetworkOrganisation,
    Status,
)
from .selectors import member_organisation_ids, organisations_of


def _is_organiser(by: Any, network: Network) -> bool:
    return by is SYSTEM or (
        by is not None and by.is_active and network.organisers.filter(pk=by.pk).exists()
    )


def _require_organiser(by: Any, network: Network, field: str) -> None:
    if not _is_organiser(by, network):
        raise ValidationError({field: _("Only the network's organisers may do this.")})


def _check_member_person(network: Network, person: Person, field: str) -> None:
    if not person.is_active or not organisations_of(person) & member_organisation_ids(network):
        raise ValidationError(
            {field: _("Only people of the network's member organisations may join it.")}
        )


@service
@transaction.atomic
def network_create(
    *,
    organisation: Organisation,
    name: str,
    level: str,
    by: Any,
    description: str = "",
    open_to_requests: bool = False,
) -> Network:
    """A coordinator founds a network for their organisation: the organisation is its first
    member (its coordinator's own act is its consent), the founder its first organiser and
    member."""
    require_coordinates(
        by, organisation.pk, _("You do not coordinate this organisation."), "organisation"
    )
    network = Network(
        organisation=organisation,
        name=name.strip(),
        level=level,
        description=description,
        open_to_requests=open_to_requests,
    )
    network.full_clean()
    network.save()
    now = timezone.now()
    founder = by if isinstance(by, Person) else None
    NetworkOrganisation.objects.create(
        network=network,
        organisation=organisation,
        status=Status.ACCEPTED,
        direction=Direction.REQUEST,
        decided_by=founder,
        decided_at=now,
    )
    if founder is not None:
        network.organisers.add(founder)
        NetworkMember.objects.create(
            network=network,
            person=founder,
            status=Status.ACCEPTED,
            direction=Direction.REQUEST,
            decided_at=now,
        )
    return network


@service
@transaction.atomic
def network_update(
    *,
    network: Network,
    by: Any,
    name: str,
    level: str,
    description: str = "",
    open_to_requests: bool = False,
) -> Network:
    """An organiser changes the network's name, level, description or openness."""
    _require_organiser(by, network, "name")
    network.name, network.level = name.strip(), level
    network.description, network.open_to_requests = description, open_to_requests
    network.full_clean()
    network.save()
    return network


@service
@transaction.atomic
def organiser_add(*, network: Network, person: Person, by: Any) -> Network:
    """An organiser names another organiser among the network's members."""
    _require_organiser(by, network, "person")
    if not network.members.filter(person=person, status=Status.ACCEPTED).exists():
        raise ValidationError({"person": _("An organiser is first a member of the network.")})
    network.organisers.add(person)
    return network


def _link_for_update(network: Network, organisation: Organisation) -> NetworkOrganisation | None:
    return (
        NetworkOrganisation.objects.select_for_update()
        .filter(network=network, organisation=organisation)
        .first()
    )


def _open_link(network: Network, organisation: Organisation, direction: str) -> NetworkOrganisation:
    """A pending invitation or request; one already pending or accepted is refused."""
    link = _link_for_update(network, organisation)
    if link is not None and link.status == Status.ACCEPTED:
        raise ValidationError({"organisation": _("This organisation is already a member.")})
    if link is not None and link.status == Status.PENDING:
        raise ValidationError(
            {"organisation": _("An invitation or a request is already waiting for an answer.")}
        )
    if link is None:
        link = NetworkOrganisation(network=network, organisation=organisation)
    link.status, link.direction = Status.PENDING, direction
    link.decided_by, link.decided_at = None, None
    link.save()
    return link


@service
@transaction.atomic
def organisation_invite(
    *, network: Network, organisation: Organisation, by: Any
) -> NetworkOrganisation:
    """An organiser invites an organisation. It is not a member yet: it joins only when one of
    its own coordinators accepts (`link_answer`)."""
    _require_organiser(by, network, "organisation")
    return _open_link(network, organisation, Direction.INVITATION)


@service
@transaction.atomic
def organisation_request(
    *, network: Network, organisation: Organisation, by: Any
) -> NetworkOrganisation:
    """A coordinator asks for their organisation to join a network open to requests; an
    organiser accepts. The request is the organisation's consent."""
    require_coordinates(
        by, organisation.pk, _("You do not coordinate this organisation."), "organisation"
    )
    if not network.open_to_requests:
        raise ValidationError({"organisation": _("This network does not take requests.")})
    return _open_link(network, organisation, Direction.REQUEST)


@service
@transaction.atomic
def link_answer(*, link: NetworkOrganisation, accept: bool, by: Any) -> NetworkOrganisation:
    """The answer to a pending invitation or request. An invitation is answered only by a
    coordinator of the invited organisation (no organisation is enrolled without its own
    coordinator's consent); a request only by an organiser of the network."""
    link = NetworkOrganisation.objects.select_for_update().select_related("network").get(pk=link.pk)
    if link.status != Status.PENDING:
        raise ValidationError({"status": _("This invitation or request was already answered.")})
    if link.direction == Direction.INVITATION:
        require_coordinates(
            by,
            link.organisation_id,
            _("Only a coordinator of the invited organisation may answer its invitation."),
            "organisation",
        )
    else:
        _require_organiser(by, link.network, "organisation")
    link.status = Status.ACCEPTED if accept else Status.DECLINED
    link.decided_by = by if isinstance(by, Person) else None
    link.decided_at = timezone.now()
    link.save()
    return link


@service
@transaction.atomic
def link_leave(*, link: NetworkOrganisation, by: Any) -> NetworkOrganisation:
    """A coordinator takes their organisation out of a network: its people who are members
    through it alone leave with it (nothing stays half-enrolled)."""
    link = NetworkOrganisation.objects.select_for_update().select_related("network").get(pk=link.pk)
    require_coordinates(
        by, link.organisation_id, _("You do not coordinate this organisation."), "organisation"
    )
    if link.status != Status.ACCEPTED:
        raise ValidationError({"status": _("This organisation is not a member.")})
    link.status = Status.LEFT
    link.decided_by = by if isinstance(by, Person) else None
    link.decided_at = timezone.now()
    link.save()
    still = member_organisation_ids(link.network)
    now = timezone.now()
    for member in (
        link.network.members.select_for_update()
        .filter(status__in=[Status.ACCEPTED, Status.PENDING])
        .select_related("person")
    ):
        if not organisations_of(member.person) & still:
            member.status, member.decided_at = Status.LEFT, now
            member.save(update_fields=["status", "decided_at", "updated_at"])
            link.network.organisers.remove(member.person)
            DirectoryProfile.objects.filter(member=member).delete()
    return link


def _open_member(network: Network, person: Person, direction: str) -> NetworkMember:
    _check_member_person(network, person, "person")
    member = NetworkMember.objects.select_for_update().filter(network=network, person=person)
    row = member.first()
    if row is not None and row.status == Status.ACCEPTED:
        raise ValidationError({"person": _("This person is already a member.")})
    if row is not None and row.status == Status.PENDING:
        raise ValidationError(
            {"person": _("An invitation or a request is already waiting for an answer.")}
        )
    if row is None:
        row = NetworkMember(network=network, person=person)
    row.status, row.direction, row.decided_at = Status.PENDING, direction, None
    row.save()
    return row


@service
@transaction.atomic
def member_invite(*, network: Network, person: Person, by: Any) -> NetworkMember:
    """An organiser invites a person of a member organisation; the person accepts or not."""
    _require_organiser(by, network, "person")
    return _open_member(network, person, Direction.INVITATION)


@service
@transaction.atomic
def member_request(*, network: Network, by: Person | None) -> NetworkMember:
    """A person of a member organisation asks to join; an organiser accepts."""
    if by is None:
        raise ValidationError(
            {"person": _("Only people of the network's member organisations may join it.")}
        )
    return _open_member(network, by, Direction.REQUEST)


@service
@transaction.atomic
def member_answer(*, member: NetworkMember, accept: bool, by: Any) -> NetworkMember:
    """An invitation is answered by the invited person only, a request by an organiser only."""
    member = NetworkMember.objects.select_for_update().select_related("network").get(pk=member.pk)
    if member.status != Status.PENDING:
        raise ValidationError({"status": _("This invitation or request was already answered.")})
    if member.direction == Direction.INVITATION:
        if by is not SYSTEM and (by is None or by.pk != member.person_id):
            raise ValidationError(
                {"person": _("Only the invited person may answer their invitation.")}
            )
    else:
        _require_organiser(by, member.network, "person")
    if accept:
        _check_member_person(member.network, member.person, "person")
    member.status = Status.ACCEPTED if accept else Status.DECLINED
    member.decided_at = timezone.now()
    member.save()
    return member


@service
@transaction.atomic
def member_leave(*, member: NetworkMember, by: Any) -> NetworkMember:
    """A person leaves a network (or withdraws a pending request) whenever they choose; an
    organiser who leaves stops organising it."""
    member = NetworkMember.objects.select_for_update().select_related("network").get(pk=member.pk)
    if by is not SYSTEM and (by is None or by.pk != member.person_id):
        raise ValidationError({"person": _("Only the member may leave the network.")})
    if member.status not in (Status.ACCEPTED, Status.PENDING):
        raise ValidationError({"status": _("This person is not a member.")})
    member.status, member.decided_at = Status.LEFT, timezone.now()
    member.save()
    member.network.organisers.remove(member.person)
    # Who leaves takes their consent with them: coming back, their entry shares nothing again.
    DirectoryProfile.objects.filter(member=member).delete()
    return member


@service
@transaction.atomic
def directory_profile_update(
    *, member: NetworkMember, by: Any, presentation_text: str | None = None, **audiences: str
) -> DirectoryProfile:
    """A member chooses, detail by detail, with whom their directory entry shares it: nobody,
    the people who share a group with them, or the network (issue 16 point 2: nothing shared
    without the member's consent; changeable at any time). Only the member sets their own
    entry, and only while an accepted member. `audiences`: `<detail>=<audience>` for the
    details to change (`email="network"`), `presentation_text` the presentation; an unknown detail or audience is refused by name
    and nothing is written."""
    member = NetworkMember.objects.select_for_update().get(pk=member.pk)
    if by is SYSTEM or by is None or by.pk != member.person_id:
        raise ValidationError({"member": _("Only the member chooses what their entry shares.")})
    if member.status != Status.ACCEPTED:
        raise ValidationError({"member": _("Only the network's members have an entry.")})
    errors: dict[str, Any] = {}
    for key, value in audiences.items():
        if key not in FIELD_KEYS:
            errors[key] = _("Unknown detail: the directory shares %(details)s.") % {
                "details": ", ".join(FIELD_KEYS)
            }
        elif value not in Audience.values:
            errors[key] = _(
                "“%(value)s” is not a valid choice: choose nobody, the people of my groups or "
                "the network."
            ) % {"value": value}
    if errors:
        raise ValidationError(errors)
    profile, _created = DirectoryProfile.objects.get_or_create(member=member)
    for key, value in audiences.items():
        setattr(profile, f"{key}_audience", value)
    if presentation_text is not None:
        profile.presentation = presentation_text.strip()
    profile.full_clean()
    profile.save()
    return profile
