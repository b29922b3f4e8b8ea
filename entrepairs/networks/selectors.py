"""The reads of networks shared by pages and API: what a viewer may see, one object for an
action (invisible and missing are one 404)."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import SERVED_ROLES, Membership, Organisation
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people.languages import language_code, language_labels
from entrepairs.people.models import Person, Profession

from .models import (
    FIELD_KEYS,
    Direction,
    HostedGroup,
    Network,
    NetworkMember,
    NetworkOrganisation,
    NewsItem,
    Status,
)
from .rules import (
    directory_shown_q,
    group_mates,
    hosted_visible_q,
    link_visible_q,
    member_visible_q,
    network_visible_q,
    news_visible_q,
)


def networks_for(viewer: Any) -> QuerySet[Network]:
    """The networks the viewer sees, with what a list shows (organisers, accepted organisations,
    the number of members) fetched in a fixed number of queries."""
    viewer = viewer_for(viewer)
    return (
        Network.objects.filter(network_visible_q(viewer))
        .annotate(
            # A correlated count (one index range per network) rather than a GROUP BY over the
            # join: at 50,000 members the join cost 20-30 ms on every page of a network.
            members_count=Coalesce(
                Subquery(
                    NetworkMember.objects.filter(network=OuterRef("pk"), status=Status.ACCEPTED)
                    .order_by()
                    .values("network")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            )
        )
        .prefetch_related(
            "organisers",
            Prefetch(
                "links",
                queryset=NetworkOrganisation.objects.filter(status=Status.ACCEPTED).select_related(
                    "organisation"
                ),
                to_attr="accepted_links",
            ),
        )
        .order_by("name", "id")
    )


def open_networks_for(viewer: Any) -> QuerySet[Network]:
    """Networks open to requests that an organisation the viewer coordinates is not in yet (nor
    asked or invited to): their name, level and description only."""
    viewer = viewer_for(viewer)
    managed = viewer.managed_orgs
    if not managed:
        return Network.objects.none()
    engaged = NetworkOrganisation.objects.filter(
        organisation_id__in=managed, status__in=[Status.PENDING, Status.ACCEPTED]
    ).values("network_id")
    return (
        Network.objects.filter(open_to_requests=True)
        .exclude(pk__in=engaged)
        .exclude(network_visible_q(viewer))
        .order_by("name", "id")
    )


def links_for(viewer: Any) -> QuerySet[NetworkOrganisation]:
    viewer = viewer_for(viewer)
    return (
        NetworkOrganisation.objects.filter(link_visible_q(viewer))
        .select_related("network", "organisation")
        .order_by("network__name", "organisation__name", "id")
    )


def invitations_for(viewer: Any) -> QuerySet[NetworkOrganisation]:
    """The invitations an organisation the viewer coordinates has to answer."""
    viewer = viewer_for(viewer)
    return links_for(viewer).filter(
        organisation_id__in=viewer.managed_orgs,
        status=Status.PENDING,
        direction=Direction.INVITATION,
    )


def members_for(viewer: Any) -> QuerySet[NetworkMember]:
    viewer = viewer_for(viewer)
    return (
        NetworkMember.objects.filter(member_visible_q(viewer))
        .select_related("network", "person")
        .order_by("network__name", "person__last_name", "person__first_name", "id")
    )


def person_invitations_for(viewer: Any) -> QuerySet[NetworkMember]:
    viewer = viewer_for(viewer)
    return members_for(viewer).filter(
        person_id=viewer.person_id, status=Status.PENDING, direction=Direction.INVITATION
    )


def member_organisation_ids(network: Network) -> set[Any]:
    return set(
        network.links.filter(status=Status.ACCEPTED).values_list("organisation_id", flat=True)
    )


def organisations_of(person: Person) -> set[Any]:
    """The organisations a person works in (roles held; a person served works in none)."""
    return set(
        Membership.objects.active()
        .filter(person=person)
        .exclude(role__in=SERVED_ROLES)
        .values_list("organisation_id", flat=True)
    )


def coordinated_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations the user coordinates: those they may found a network for, ask to join
    with, answer invitations for (the services decide)."""
    return Organisation.objects.filter(pk__in=viewer_for(user).managed_orgs).order_by("name")


def invitable_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations a network may invite: every organisation of the platform (their names are
    not confidential; the invitation waits for their coordinator's consent)."""
    return (
        Organisation.objects.order_by("name")
        if viewer_for(user).person_id
        else (Organisation.objects.none())
    )


def invitable_people(user: Any) -> QuerySet[Person]:
    """People an organiser may invite: those who work in the member organisations of the
    networks they organise (the service checks the network at hand)."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return Person.objects.none()
    orgs = NetworkOrganisation.objects.filter(
        status=Status.ACCEPTED, network__organisers=viewer.person_id
    ).values("organisation_id")
    holders = (
        Membership.objects.active().filter(organisation_id__in=orgs).exclude(role__in=SERVED_ROLES)
    )
    return Person.objects.filter(pk__in=holders.values("person_id"), is_active=True).order_by(
        "last_name", "first_name"
    )


def people_of_members(network: Network) -> QuerySet[Any]:
    """Ids of the people who work in the network's member organisations."""
    return (
        Membership.objects.active()
        .filter(organisation_id__in=member_organisation_ids(network))
        .exclude(role__in=SERVED_ROLES)
        .values("person_id")
    )


def get_network_for(user: Any, pk: Any) -> Network:
    return get_visible_or_404(networks_for(user), pk=pk)


def get_open_network_for(user: Any, pk: Any) -> Network:
    """A network the viewer's organisation may ask to join: visible to it as open (404 else)."""
    return get_visible_or_404(open_networks_for(user), pk=pk)


def get_link_for(user: Any, pk: Any) -> NetworkOrganisation:
    return get_visible_or_404(links_for(user), pk=pk)


def get_member_for(user: Any, pk: Any) -> NetworkMember:
    return get_visible_or_404(members_for(user), pk=pk)


def news_for(viewer: Any) -> QuerySet[NewsItem]:
    """The news of the networks the viewer sees, newest first."""
    viewer = viewer_for(viewer)
    return (
        NewsItem.objects.filter(news_visible_q(viewer))
        .select_related("network", "author")
        .order_by("-published_on", "-created_at", "id")
    )


def get_news_for(user: Any, pk: Any) -> NewsItem:
    return get_visible_or_404(news_for(user), pk=pk)


def hosted_groups_for(viewer: Any) -> QuerySet[HostedGroup]:
    """The groups hosted by the networks the viewer sees: their frame only (name, kind,
    schedule), whatever the viewer's place in the group; the group's content stays behind the
    groups module's own rules."""
    from entrepairs.groups.models import Session

    viewer = viewer_for(viewer)
    return (
        HostedGroup.objects.filter(hosted_visible_q(viewer))
        .select_related("network", "group")
        .prefetch_related(
            "group__facilitators",
            Prefetch(
                "group__sessions",
                queryset=Session.objects.upcoming().order_by("starts_at"),
                to_attr="upcoming_sessions",
            ),
        )
        .order_by("group__name", "id")
    )


def get_hosted_group_for(user: Any, pk: Any) -> HostedGroup:
    return get_visible_or_404(hosted_groups_for(user), pk=pk)


def network_member_people(network: Network) -> QuerySet[Person]:
    """The network's accepted members who may sit in a group it hosts (the groups module then
    applies its own rules)."""
    accepted = network.members.filter(status=Status.ACCEPTED).values("person_id")
    return Person.objects.filter(pk__in=accepted, is_active=True).order_by(
        "last_name", "first_name"
    )


def hosted_groups_page(network: Network, viewer: Viewer, organiser: bool) -> list[HostedGroup]:
    """The network's hosted groups with, for each, whether the viewer sits in it, may open it
    (the groups module's rule) and may add members to it (rules.adds_to_hosted)."""
    from entrepairs.groups.models import GroupMember
    from entrepairs.groups.selectors import groups_visible_to

    from .rules import adds_to_hosted

    hosted = list(hosted_groups_for(viewer).filter(network=network))
    ids = [h.group_id for h in hosted]
    opens = (
        set(groups_visible_to(viewer).filter(pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )
    sits = (
        set(
            GroupMember.objects.filter(group_id__in=ids, person_id=viewer.person_id)
            .exclude(status=GroupMember.Status.LEFT)
            .values_list("group_id", flat=True)
        )
        if viewer.person_id and ids
        else set()
    )
    for h in hosted:
        h.opens = h.group_id in opens  # type: ignore[attr-defined]
        h.sits = h.group_id in sits or any(  # type: ignore[attr-defined]
            p.pk == viewer.person_id for p in h.group.facilitators.all()
        )
        h.adds = adds_to_hosted(viewer, h, organiser)  # type: ignore[attr-defined]
    return hosted


def network_people_for(user: Any) -> QuerySet[Person]:
    """The accepted members of the networks the user sees: whom the API accepts as a hosted
    group's facilitator or member (the services then check the network at hand)."""
    viewer = viewer_for(user)
    rows = NetworkMember.objects.filter(member_visible_q(viewer), status=Status.ACCEPTED)
    return Person.objects.filter(pk__in=rows.values("person_id"))


def network_organisations_for(user: Any) -> QuerySet[Organisation]:
    """The member organisations of the networks the user sees."""
    rows = links_for(user).filter(status=Status.ACCEPTED)
    return Organisation.objects.filter(pk__in=rows.values("organisation_id"))


def network_page(network: Network, viewer: Viewer) -> dict[str, Any]:
    """What the network's page shows: member organisations, organisers, members' number; and
    for its organisers the pending invitations and requests."""
    from .rules import organises

    organiser = organises(viewer, network)
    links = network.links.select_related("organisation").order_by("organisation__name")
    members = network.members.select_related("person").order_by(
        "person__last_name", "person__first_name"
    )
    own = network.members.filter(person_id=viewer.person_id).first() if viewer.person_id else None
    return {
        "news": list(news_for(viewer).filter(network=network)[:20]),
        "hosted_groups": hosted_groups_page(network, viewer, organiser),
        "organiser": organiser,
        "organisations": [x for x in links if x.status == Status.ACCEPTED],
        "pending_links": [x for x in links if x.status == Status.PENDING] if organiser else [],
        "pending_members": (list(members.filter(status=Status.PENDING)) if organiser else []),
        "own_membership": own,
        "may_join": own is None or own.status in (Status.DECLINED, Status.LEFT),
        "managed_links": [
            x
            for x in links
            if x.organisation_id in viewer.managed_orgs and x.status == Status.ACCEPTED
        ],
    }


# --- The directory (issue 16 point 2) ---------------------------------------------------------

# Where each shared detail is read from, on a NetworkMember row, and its type.
_DIRECTORY_SOURCES: dict[str, tuple[str, Any]] = {
    "email": ("person__email", CharField),
    "phone": ("person__phone", CharField),
    "organisation": ("person__organisation__name", CharField),
    "profession": ("person__profession", CharField),
    "region": ("person__region", CharField),
    "languages": ("person__languages", JSONField),
    "experience": ("person__years_experience", IntegerField),
    "presentation": ("directory_profile__presentation", TextField),
}
_EMPTY: dict[str, Any] = {"languages": None, "experience": None}


@dataclass(frozen=True)
class DirectorySearch:
    """The directory's filters: words of a name or of a shown detail, region, profession code,
    language (code or name), at least so many years of experience."""

    q: str = ""
    region: str = ""
    profession: str = ""
    language: str = ""
    min_years: int | None = None


@dataclass(frozen=True)
class DirectoryEntry:
    """What a viewer sees of one member: the name, and each detail its owner shares with them
    (None when it is not shared with them)."""

    id: Any
    person_id: Any
    first_name: str
    last_name: str
    is_own: bool
    email: str | None
    phone: str | None
    organisation: str | None
    profession: str | None
    region: str | None
    languages: list[str] | None
    experience: int | None
    presentation: str | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def profession_label(self) -> str:
        return str(Profession(self.profession).label) if self.profession else ""

    @property
    def language_names(self) -> list[str]:
        return language_labels(self.languages)


class DirectoryRows(Sequence[dict[str, Any]]):
    """The rows of a directory read in two phases, so a page of 25 out of 50,000 members costs
    two small queries instead of computing every member's shown details: `ids`, the matching
    members in the directory's order (lean: the count and a page's slice touch only the columns
    the filters and the order need), then `details` for the ids of one page. Sliced and counted
    like a list, so Django's and the API's paginators take it as it is."""

    CHUNK = 500

    def __init__(self, ids: QuerySet[Any], details: Callable[[list[Any]], QuerySet[Any]]) -> None:
        self.ids = ids
        self.details = details

    def __len__(self) -> int:
        # One COUNT on the lean query (Django's paginator asks len() of a Sequence).
        return self.ids.count()

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        page_ids = list(self.ids[index])
        by_id = {row["id"]: row for row in self.details(page_ids)} if page_ids else {}
        return [by_id[pk] for pk in page_ids if pk in by_id]

    def iterator(self) -> Iterator[dict[str, Any]]:
        ids = list(self.ids)
        for start in range(0, len(ids), self.CHUNK):
            chunk = ids[start : start + self.CHUNK]
            by_id = {row["id"]: row for row in self.details(chunk)}
            yield from (by_id[pk] for pk in chunk if pk in by_id)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.iterator()

    def __bool__(self) -> bool:
        return self.ids.exists()


def directory_for(
    viewer: Any, network: Network, search: DirectorySearch | None = None
) -> DirectoryRows:
    """THE read of a network's directory, for its page, its API and its search: the accepted
    members the viewer sees (networks' member rule), as rows holding the name and only the
    details each member shares with this viewer (rules.directory_shown_q); a hidden detail is
    NULL in the database's answer and never reaches Python. The search matches only on those
    shown values, so a hidden phone or region finds nothing. Queries: one (is the viewer a
    member), at most two for the group mates, then per page the count, the page's ids and their
    details (DirectoryRows)."""
    viewer = viewer_for(viewer)
    in_network = viewer.person_id is not None and (
        NetworkMember.objects.filter(
            network=network, person_id=viewer.person_id, status=Status.ACCEPTED
        ).exists()
    )
    mates = group_mates(viewer)
    shown = {
        key: directory_shown_q(viewer, key, in_network=in_network, mates=mates)
        for key in FIELD_KEYS
    }
    members = NetworkMember.objects.filter(member_visible_q(viewer)).filter(
        network=network, status=Status.ACCEPTED
    )
    search = search or DirectorySearch()

    # Each filter is "shown to this viewer AND matching": on the raw column, so the database
    # may narrow the rows before it computes what each shows.
    def matches(key: str, lookup: str, value: Any) -> Q:
        return shown[key] & Q(**{f"{_DIRECTORY_SOURCES[key][0]}__{lookup}": value})

    for word in search.q.split()[:8]:
        # First the raw match on the person's own columns (implied by the rule below), which a
        # trigram index answers on PostgreSQL (people migration 0007); then the exact rule.
        organisations = list(
            Organisation.objects.filter(name__icontains=word).values_list("pk", flat=True)[:50]
        )
        members = members.filter(
            Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
            | Q(person__email__icontains=word)
            | Q(person__phone__icontains=word)
            | Q(person__region__icontains=word)
            | Q(person__organisation_id__in=organisations)
        ).filter(
            Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
            | matches("email", "icontains", word)
            | matches("phone", "icontains", word)
            | matches("organisation", "icontains", word)
            | matches("region", "icontains", word)
        )
    if search.region.strip():
        members = members.filter(matches("region", "icontains", search.region.strip()))
    if search.profession:
        members = members.filter(matches("profession", "exact", search.profession))
    if search.language.strip():
        code = language_code(search.language)
        members = members.filter(shown["languages"], person__languages__icontains=f'"{code}"')
    if search.min_years is not None:
        members = members.filter(
            shown["experience"], person__years_experience__gte=search.min_years
        )
    ids = members.order_by("person__last_name", "person__first_name", "id").values_list(
        "pk", flat=True
    )

    annotations = {
        f"shown_{key}": Case(
            When(shown[key], then=F(source)),
            default=Value(_EMPTY.get(key, "")),
            output_field=kind(),
        )
        for key, (source, kind) in _DIRECTORY_SOURCES.items()
    }
    own = Q(person_id=viewer.person_id) if viewer.person_id else Q(pk__in=[])

    def details(page_ids: list[Any]) -> QuerySet[Any]:
        # The same visibility filter again: a page's ids never widen what the viewer reads.
        return (
            NetworkMember.objects.filter(member_visible_q(viewer))
            .filter(network=network, status=Status.ACCEPTED, pk__in=page_ids)
            .annotate(**annotations, is_own=Case(When(own, then=True), default=False))
            .values(
                "id",
                "person_id",
                "is_own",
                first_name=F("person__first_name"),
                last_name=F("person__last_name"),
                **{f"shown_{key}": F(f"shown_{key}") for key in FIELD_KEYS},
            )
        )

    return DirectoryRows(ids, details)


def directory_entry(row: dict[str, Any]) -> DirectoryEntry:
    """One row of `directory_for` as the pages, the API and the export read it ("" → None:
    a detail not shared and a detail left empty read the same)."""
    shown = {key: row[f"shown_{key}"] for key in FIELD_KEYS}
    return DirectoryEntry(
        id=row["id"],
        person_id=row["person_id"],
        first_name=row["first_name"],
        last_name=row["last_name"],
        is_own=bool(row["is_own"]),
        **{key: (value if value not in ("", []) else None) for key, value in shown.items()},
    )


def own_directory_member(viewer: Any, network: Network) -> NetworkMember | None:
    """The viewer's accepted membership of the network, with its directory profile (None for a
    viewer who is not a member: they have no entry to set)."""
    viewer = viewer_for(viewer)
    if viewer.person_id is None:
        return None
    return (
        NetworkMember.objects.filter(
            network=network, person_id=viewer.person_id, status=Status.ACCEPTED
        )
        .select_related("directory_profile", "person__organisation")
        .first()
    )
