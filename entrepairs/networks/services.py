"""Every write of networks, whatever the channel (page, API, demo): each enforces its rules.

Rules from seed 000 (networks of tutors at regional, national or transnational level) and issue
16 point 1: no organisation is enrolled in a network without its own coordinator's consent (the
network invites, the organisation's coordinator accepts; or the coordinator asks, an organiser
accepts); people of member organisations join by invitation (they accept) or by request (an
organiser accepts), and may leave at any time."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.notifications import Message, NotificationKind, msg, notify, resolve
from entrepairs.core.services import SYSTEM, service
from entrepairs.groups import services as group_services
from entrepairs.groups.models import GroupMember
from entrepairs.organisations.models import MANAGING_ROLES, Membership, Organisation
from entrepairs.organisations.services import require_coordinates
from entrepairs.people.models import Person

from . import notification_kinds as kinds
from .models import (
    FIELD_KEYS,
    Audience,
    Direction,
    DirectoryProfile,
    HostedGroup,
    Network,
    NetworkMember,
    NetworkOrganisation,
    NewsItem,
    Status,
)
from .selectors import member_organisation_ids, organisations_of

# --- notifications: an in-app title naming who and what, a short e-mail subject without names --


def _tell(
    people: Any,
    *,
    kind: NotificationKind,
    subject: Message,
    title: Message,
    link: str,
    organisation: Any,
    body: Message | None = None,
    about: Any = None,
) -> None:
    """Each person with an account gets the title in the app; the e-mail copy carries the short
    subject and a sentence pointing to the link only (DECISIONS.md "Confidentiality"). The
    sentence asks for an answer only where the link's page has one to give (an invitation, a
    request); an answer received is news (outside test of issue 15: « y répondre » on an
    acceptance)."""
    body = body or (ANSWERED if kind == kinds.ANSWER else TO_ANSWER)
    for person in people:
        if person.user_id is None or not person.is_active:
            continue
        notify(
            kind=kind,
            recipient=person.user,
            organisation=organisation if organisation is not None else person.organisation_id,
            subject=subject,
            title=title,
            body=body,
            link=link,
            about=about,
        )


def _resolve_asked(row: NetworkOrganisation | NetworkMember) -> None:
    """An invitation or a request was answered or withdrawn: nobody is asked any more to
    answer it (issue 15), whoever answered and on whichever channel."""
    if row.direction == Direction.INVITATION:
        resolve(kind=kinds.INVITATION, about=row)
    else:
        resolve(kind=kinds.REQUEST, about=row)


# The e-mail's sentence: what the reader does at the link.
TO_ANSWER = msg("Open Entrepairs to see it and answer.")
ANSWERED = msg("Open Entrepairs to see it.")


def _coordinators(organisation_id: Any) -> Any:
    holders = Membership.objects.active().filter(
        organisation_id=organisation_id, role__in=MANAGING_ROLES
    )
    return Person.objects.filter(pk__in=holders.values("person_id")).select_related("user")


def _organisers(network: Network, but: Any = None) -> list[Person]:
    people = network.organisers.select_related("user")
    return [p for p in people if but is None or p.pk != getattr(but, "pk", None)]


def _page(network: Network) -> str:
    return reverse("networks:detail", args=[network.pk])


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
    link = _open_link(network, organisation, Direction.INVITATION)
    _tell(
        _coordinators(organisation.pk),
        kind=kinds.INVITATION,
        subject=msg("An invitation to a network"),
        title=msg(
            "%(organisation)s is invited to the network %(network)s",
            organisation=organisation.name,
            network=network.name,
        ),
        link=reverse("networks:list"),
        organisation=organisation.pk,
        about=link,
    )
    return link


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
    link = _open_link(network, organisation, Direction.REQUEST)
    _tell(
        _organisers(network),
        kind=kinds.REQUEST,
        subject=msg("A request to join a network"),
        title=msg(
            "%(organisation)s asks to join the network %(network)s",
            organisation=organisation.name,
            network=network.name,
        ),
        link=_page(network),
        organisation=None,
        about=link,
    )
    return link


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
    _resolve_asked(link)
    names = {"organisation": link.organisation.name, "network": link.network.name}
    if link.direction == Direction.INVITATION:
        # The organisers learn the coordinator's answer.
        _tell(
            _organisers(link.network),
            kind=kinds.ANSWER,
            subject=msg("An answer about a network"),
            title=(
                msg("%(organisation)s accepted to join the network %(network)s", **names)
                if accept
                else msg("%(organisation)s declined to join the network %(network)s", **names)
            ),
            link=_page(link.network),
            organisation=None,
        )
    else:
        # The asking organisation's coordinators learn the organisers' answer.
        _tell(
            _coordinators(link.organisation_id),
            kind=kinds.ANSWER,
            subject=msg("An answer about a network"),
            title=(
                msg("The network %(network)s accepted %(organisation)s", **names)
                if accept
                else msg(
                    "The network %(network)s declined the request of %(organisation)s", **names
                )
            ),
            link=_page(link.network) if accept else reverse("networks:list"),
            organisation=link.organisation_id,
        )
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
    member = _open_member(network, person, Direction.INVITATION)
    _tell(
        [person],
        kind=kinds.INVITATION,
        subject=msg("An invitation to a network"),
        title=msg("You are invited to the network %(network)s", network=network.name),
        link=_page(network),
        organisation=None,
        about=member,
    )
    return member


@service
@transaction.atomic
def member_request(*, network: Network, by: Person | None) -> NetworkMember:
    """A person of a member organisation asks to join; an organiser accepts."""
    if by is None:
        raise ValidationError(
            {"person": _("Only people of the network's member organisations may join it.")}
        )
    member = _open_member(network, by, Direction.REQUEST)
    _tell(
        _organisers(network, but=by),
        kind=kinds.REQUEST,
        subject=msg("A request to join a network"),
        title=msg(
            "%(person)s asks to join the network %(network)s", person=by, network=network.name
        ),
        link=_page(network),
        organisation=None,
        about=member,
    )
    return member


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
    _resolve_asked(member)
    names = {"person": member.person, "network": member.network.name}
    if member.direction == Direction.INVITATION:
        _tell(
            _organisers(member.network, but=member.person),
            kind=kinds.ANSWER,
            subject=msg("An answer about a network"),
            title=(
                msg("%(person)s accepted to join the network %(network)s", **names)
                if accept
                else msg("%(person)s declined to join the network %(network)s", **names)
            ),
            link=_page(member.network),
            organisation=None,
        )
    else:
        _tell(
            [member.person],
            kind=kinds.ANSWER,
            subject=msg("An answer about a network"),
            title=(
                msg("Your request to join the network %(network)s is accepted", **names)
                if accept
                else msg("Your request to join the network %(network)s is declined", **names)
            ),
            link=_page(member.network) if accept else reverse("networks:list"),
            organisation=None,
        )
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
    was_pending = member.status == Status.PENDING
    member.status, member.decided_at = Status.LEFT, timezone.now()
    member.save()
    if was_pending:  # a request withdrawn, or an invitation turned down by leaving
        _resolve_asked(member)
    member.network.organisers.remove(member.person)
    # Who leaves takes their consent with them: coming back, their entry shares nothing again.
    DirectoryProfile.objects.filter(member=member).delete()
    return member


# --- news ----------------------------------------------------------------------------------------


def _clean_news(news: NewsItem) -> None:
    news.title, news.body = news.title.strip(), news.body.strip()
    news.full_clean()


@service
@transaction.atomic
def news_publish(
    *, network: Network, title: str, body: str, by: Any, published_on: date | None = None
) -> NewsItem:
    """An organiser publishes a piece of news for the network's members (issue 16 point 1)."""
    _require_organiser(by, network, "title")
    news = NewsItem(
        network=network,
        title=title,
        body=body,
        published_on=published_on or timezone.localdate(),
        author=by if isinstance(by, Person) else None,
    )
    _clean_news(news)
    news.save()
    return news


@service
@transaction.atomic
def news_update(
    *, news: NewsItem, title: str, body: str, by: Any, published_on: date | None = None
) -> NewsItem:
    """An organiser of the network corrects a piece of news."""
    news = NewsItem.objects.select_for_update().select_related("network").get(pk=news.pk)
    _require_organiser(by, news.network, "title")
    news.title, news.body = title, body
    news.published_on = published_on or news.published_on
    _clean_news(news)
    news.save()
    return news


@service
@transaction.atomic
def news_delete(*, news: NewsItem, by: Any) -> None:
    """An organiser of the network removes a piece of news."""
    news = NewsItem.objects.select_for_update().select_related("network").get(pk=news.pk)
    _require_organiser(by, news.network, "title")
    news.delete()


# --- groups hosted by a network (the groups module's rules through its own services) -----------


def _require_network_member(network: Network, person: Person, field: str) -> None:
    if not network.members.filter(person=person, status=Status.ACCEPTED).exists():
        raise ValidationError(
            {
                field: _(
                    "%(name)s is not a member of the network: only its members sit in the groups it hosts."
                )
                % {"name": person}
            }
        )


@service
@transaction.atomic
def hosted_group_create(
    *,
    network: Network,
    organisation: Organisation,
    name: str,
    kind: str,
    facilitators: list[Person],
    by: Any,
    organisations: list[Organisation] | None = None,
    description: str = "",
    hard_questions: bool = False,
) -> HostedGroup:
    """An organiser starts a group hosted by the network. Its organisations are member
    organisations of the network, its facilitators members of the network; everything else is
    the groups module's (`groups.services.group_create`: who sets it up and leads it, the
    hierarchy rule, co-ownership asked to the other organisations, which agree or not)."""
    _require_organiser(by, network, "name")
    members = member_organisation_ids(network)
    for org in [organisation, *(organisations or [])]:
        if org.pk not in members:
            raise ValidationError(
                {
                    "organisation": _(
                        "%(organisation)s is not a member organisation of the network."
                    )
                    % {"organisation": org.name}
                }
            )
    for person in facilitators:
        _require_network_member(network, person, "facilitators")
    group = group_services.group_create(
        organisation=organisation,
        name=name,
        kind=kind,
        facilitators=facilitators,
        created_by=by if isinstance(by, Person) else None,
        organisations=organisations,
        description=description,
        hard_questions=hard_questions,
    )
    return HostedGroup.objects.create(network=network, group=group)


def _may_add(by: Any, hosted: HostedGroup) -> bool:
    return _is_organiser(by, hosted.network) or (
        isinstance(by, Person) and by.pk in hosted.group.facilitator_ids()
    )


@service
@transaction.atomic
def hosted_group_member_add(*, hosted: HostedGroup, person: Person, by: Any) -> GroupMember:
    """An organiser of the network or a facilitator of the group adds a member of the network;
    `groups.services.member_add` then applies every group rule (size, closed membership, the
    organisations that co-own it, and nobody with their line manager, direct or indirect)."""
    hosted = HostedGroup.objects.select_related("network", "group").get(pk=hosted.pk)
    if not _may_add(by, hosted):
        raise ValidationError(
            {
                "person": _(
                    "Only the network's organisers or the group's facilitators add its members."
                )
            }
        )
    _require_network_member(hosted.network, person, "person")
    added = group_services.member_add(
        group=hosted.group, person=person, by=by if isinstance(by, Person) else None
    )
    # Their request to join, if they asked, is answered.
    resolve(kind=kinds.GROUP_JOIN, about=(hosted, person))
    return added


@service
@transaction.atomic
def hosted_group_ask_to_join(*, hosted: HostedGroup, by: Person | None) -> None:
    """A member of the network asks to join a group it hosts: its facilitators are told and add
    them (`hosted_group_member_add`), as a group's members are always added by its facilitators
    or coordinators, never by themselves (groups.services.member_add)."""
    hosted = HostedGroup.objects.select_related("network", "group").get(pk=hosted.pk)
    if by is None:
        raise ValidationError({"person": _("Only the network's members may ask to join.")})
    _require_network_member(hosted.network, by, "person")
    group = hosted.group
    if group.members.filter(person=by).exclude(status=GroupMember.Status.LEFT).exists():
        raise ValidationError({"person": _("%(name)s is already in this group.") % {"name": by}})
    if by.pk in group.facilitator_ids():
        raise ValidationError({"person": _("A facilitator cannot also be a participant.")})
    _tell(
        group.facilitators.select_related("user"),
        kind=kinds.GROUP_JOIN,
        subject=msg("A request to join a hosted group"),
        title=msg(
            "%(person)s asks to join the group %(group)s of the network %(network)s",
            person=by,
            group=group.name,
            network=hosted.network.name,
        ),
        link=_page(hosted.network),
        organisation=None,
        # Answered by adding them (the page's "Add a member of the network to a group").
        body=msg("Open Entrepairs to add them to the group if you agree."),
        about=(hosted, by),
    )


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
