"""Who may see and do what in mentoring. Lists and details use the same rule.

- Programme staff: coordinators/admins of the programme's organisation.
- Agency staff: case workers (and coordinators/admins) of the youth's *current* agency; after a
  transfer the old agency loses access because the rule reads `youth.agency` (seed 001).
- A mentor sees their matches, and of the youth only what the agency's information-sharing
  agreement allows: `youth_for_mentor` is the one function that builds that view.
- A guardian sees the meetings and outings they help arrange.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q

from entrepairs.core.permissions import same_id
from entrepairs.organisations.models import Membership, Role
from entrepairs.organisations.viewer import ANONYMOUS, Viewer, viewer_for
from entrepairs.people.placements import current_family, current_placement

AGENCY_ROLES = (Role.CASE_WORKER, Role.COORDINATOR, Role.ADMIN)


def viewer_of(person: Any) -> Viewer:
    """The viewer a service's `by` actor is, from their active memberships: services ask the same
    predicates as pages and the API, whatever the channel that called them."""
    if person is None or not getattr(person, "pk", None) or not person.is_active:
        return ANONYMOUS
    roles: dict[Any, set[str]] = {}
    rows = Membership.objects.active().filter(person_id=person.pk)
    for org_id, role in rows.values_list("organisation_id", "role"):
        roles.setdefault(org_id, set()).add(role)
    return Viewer(
        user_id=person.user_id or person.pk,
        person_id=person.pk,
        roles={org: frozenset(r) for org, r in roles.items()},
    )


def staff_orgs(viewer: Viewer) -> set:
    return viewer.managed_orgs


def agency_orgs(viewer: Viewer) -> set:
    return viewer.orgs_with(*AGENCY_ROLES)


# --- list filters ------------------------------------------------------------------------


def case_worker_q(organisation_ids: Any) -> Q:
    """People who may follow a youth of these agencies as its case worker (on Person)."""
    return Q(memberships__organisation_id__in=organisation_ids, memberships__role=Role.CASE_WORKER)


def programme_visible_q(viewer: Viewer) -> Q:
    from .models import SharingAgreement

    if not viewer.is_authenticated:
        return Q(pk__in=[])
    partner = Exists(
        SharingAgreement.objects.filter(
            organisation_id=OuterRef("organisation_id"), agency_id__in=agency_orgs(viewer)
        )
    )
    return Q(organisation_id__in=staff_orgs(viewer)) | Q(partner)


def youth_visible_q(viewer: Viewer) -> Q:
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    return Q(programme__organisation_id__in=staff_orgs(viewer)) | Q(
        agency_id__in=agency_orgs(viewer)
    )


def mentor_visible_q(viewer: Viewer) -> Q:
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    q = Q(programme__organisation_id__in=staff_orgs(viewer))
    if not viewer.person_id:
        return q
    return q | (Q(person_id=viewer.person_id) & viewer.scope_q("programme__organisation_id"))


def match_visible_q(viewer: Viewer) -> Q:
    from .models import Match

    if not viewer.is_authenticated:
        return Q(pk__in=[])
    through = Match.youths.through
    mine = Match.mentors.through
    agency = Exists(
        through.objects.filter(match_id=OuterRef("pk"), youth__agency_id__in=agency_orgs(viewer))
    )
    q = Q(programme__organisation_id__in=staff_orgs(viewer)) | Q(agency)
    if viewer.person_id is None:  # no person: neither a mentor nor a guardian (never "IS NULL")
        return q
    person_id = viewer.person_id
    as_mentor = Exists(mine.objects.filter(match_id=OuterRef("pk"), mentor__person_id=person_id))
    as_guardian = Exists(
        through.objects.filter(match_id=OuterRef("pk"), youth__guardian_id=person_id)
    ) | Exists(
        through.objects.filter(Q(match_id=OuterRef("pk")) & adoptive_parent_q(person_id, "youth__"))
    )
    return q | ((Q(as_mentor) | Q(as_guardian)) & viewer.scope_q("organisation_id"))


def transfer_agency_q(youth: Any) -> Q:
    """The organisations a youth's file may move to (on Organisation): a child-welfare agency
    (ASE) only, neither the youth's current agency nor the programme's organisation. The one rule
    behind the transfer form's list, the API's list and the service's check (issue 14, issue 15):
    any other organisation's staff would read the file."""
    from entrepairs.organisations.models import Organisation

    return Q(kind=Organisation.Kind.AGENCY) & ~Q(
        pk__in=[youth.agency_id, youth.programme.organisation_id]
    )


def transfer_visible_q(viewer: Viewer) -> Q:
    """A transfer is seen by the programme's staff and the sending agency (who hold the file), and
    by the receiving agency's coordinators (who decide on the handover, knowing only what the
    decision needs) — never by anyone else, whatever they know of its id."""
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    agency = agency_orgs(viewer)
    return (
        Q(youth__programme__organisation_id__in=staff_orgs(viewer))
        | Q(from_agency_id__in=agency)
        | Q(youth__agency_id__in=agency)
        | Q(to_agency_id__in=viewer.managed_orgs)
    )


def agreement_visible_q(viewer: Viewer) -> Q:
    """Both parties see an agreement: the mentoring organisation's staff and the agency's."""
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    return Q(organisation_id__in=staff_orgs(viewer)) | Q(agency_id__in=agency_orgs(viewer))


def run_visible_q(viewer: Viewer) -> Q:
    """Matching runs (and their scores) are the programme's staff's working material."""
    return Q(organisation_id__in=staff_orgs(viewer))


def proposal_visible_q(viewer: Viewer) -> Q:
    return Q(run__organisation_id__in=staff_orgs(viewer))


def alert_visible_q(viewer: Viewer) -> Q:
    """Alerts on matches (no contact, check-in overdue) go to the programme's staff."""
    return Q(match__organisation_id__in=staff_orgs(viewer))


def can_decide_handover(viewer: Viewer, transfer: Any) -> bool:
    """Only a coordinator (or admin) of the receiving agency accepts or refuses the handover."""
    return transfer.is_pending and transfer.to_agency_id in viewer.managed_orgs


def sees_transferred_youth(viewer: Viewer, transfer: Any) -> bool:
    """Whether the youth's identity and file may be shown next to a transfer: the youth rule."""
    youth = transfer.youth
    return youth.programme.organisation_id in staff_orgs(viewer) or youth.agency_id in agency_orgs(
        viewer
    )


def names_transferred_youth(viewer: Viewer, transfer: Any) -> bool:
    """Whether the youth is named next to a transfer: whoever sees the file, and the sending
    agency, which keeps read access to its own history (whom it transferred, when, to whom) but
    not the file once the receiving agency accepted (issue 14, Primero-style)."""
    return sees_transferred_youth(viewer, transfer) or transfer.from_agency_id in agency_orgs(
        viewer
    )


# --- what the pages offer: templates ask these answers, never a role ------------------------


def can_manage_programmes(viewer: Viewer) -> bool:
    """Create programmes (and reach the staff pages): a coordinator of a mentoring organisation."""
    return bool(staff_orgs(viewer))


def can_manage_programme(viewer: Viewer, programme: Any) -> bool:
    """Edit, run matching, see mentors, weights and reports of this programme."""
    return programme.organisation_id in staff_orgs(viewer)


def can_list_programmes(viewer: Viewer) -> bool:
    """The programmes table of the mentoring home: programme staff and partner agencies' staff
    (a mentor or a guardian finds their matches and meetings there instead)."""
    return bool(staff_orgs(viewer) or agency_orgs(viewer))


def can_see_youths(viewer: Viewer) -> bool:
    """Youths' files, sharing agreements and transfers: programme staff and agency staff."""
    return bool(staff_orgs(viewer) or agency_orgs(viewer))


def can_see_staff_training(viewer: Viewer) -> bool:
    """The training compliance of the staff: coordinators who run mentoring."""
    return bool(staff_orgs(viewer))


def can_add_agreement(viewer: Viewer) -> bool:
    """A new agreement is proposed by the mentoring organisation's coordinators."""
    return bool(staff_orgs(viewer))


def can_screen_mentor(viewer: Viewer, mentor: Any) -> bool:
    """Screen, train, flag and decide on a mentor; read the motivation and screening notes."""
    return mentor.programme.organisation_id in staff_orgs(viewer)


# --- the role a viewer plays on a match ----------------------------------------------------


# --- who holds the guardian role for a youth's matches ---------------------------------------

ADOPTIVE_FAMILY = "adoptive_family"  # people.PlacementKind.ADOPTIVE_FAMILY


def guardians_of(youth: Any) -> list[Any]:
    """Everyone holding the guardian role for the youth's matches: the main contact
    (`youth.guardian`, which follows the current family: family.follow_placement) and, once the
    youth is adopted, every adoptive parent — both parents of a couple have the same rights and
    are told the same things. A foster placement gives one guardian: a foster carer's approval
    (agrément) is personal, their partner holds no role towards the child."""
    people = [youth.guardian] if youth.guardian_id else []
    placement = current_placement(youth.person)
    if placement is not None and placement.kind == ADOPTIVE_FAMILY:
        people += [p for p in placement.family.all() if p.pk != youth.guardian_id]
    return people


def adoptive_parent_q(person_id: Any, path: str = "") -> Q:
    """`guardians_of` as a filter on youths (at `path`): `person_id` is a parent of the youth's
    current adoptive family. One filter call, so the three conditions hold on one placement."""
    return Q(
        **{
            f"{path}person__placements__until__isnull": True,
            f"{path}person__placements__kind": ADOPTIVE_FAMILY,
            f"{path}person__placements__family": person_id,
        }
    )


def arranged_with_guardian_q(person_id: Any) -> Q:
    """Contacts (meetings, outings) a guardian helps arrange: those arranged with them, and, for
    an adoptive parent, those arranged with the other parent of the same current adoptive family
    for that family's child (both parents have the same rights). Never another family's."""
    from entrepairs.people.models import Placement

    from .models import Youth

    if person_id is None:
        return Q(pk__in=[])
    shared = Placement.objects.filter(
        until__isnull=True,
        kind=ADOPTIVE_FAMILY,
        family=person_id,
        child_id__in=Youth.objects.filter(matches=OuterRef(OuterRef("match_id"))).values(
            "person_id"
        ),
    ).filter(family=OuterRef("arranged_by_id"))
    return Q(arranged_by_id=person_id) | Q(Exists(shared))


STAFF, AGENCY, MENTOR, GUARDIAN = "staff", "agency", "mentor", "guardian"
MENTOR_PARTY = "mentor"  # CheckIn.Party.MENTOR (rules import no model at module level)


def match_role(viewer: Viewer, match: Any) -> str | None:
    """ "staff", "agency", "mentor", "guardian" or None. Uses prefetched youths and mentors.
    Only this module compares roles: pages, templates and the API ask `match_rights`."""
    if match.organisation_id in staff_orgs(viewer):
        return STAFF
    youths = list(match.youths.all())
    if any(y.agency_id in agency_orgs(viewer) for y in youths):
        return AGENCY
    if not viewer.person_id or not viewer.in_scope(match.organisation_id):
        return None
    if any(m.person_id == viewer.person_id for m in match.mentors.all()):
        return MENTOR
    if any(y.guardian_id == viewer.person_id for y in youths):
        return GUARDIAN
    # The other adoptive parent(s): read only for a viewer who is nothing else on the match.
    if any(viewer.person_id in {p.pk for p in guardians_of(y)} for y in youths):
        return GUARDIAN
    return None


@dataclass(frozen=True)
class MatchRights:
    """What a viewer may see and do on one match (seed 001): programme staff run it; the youth's
    agency follows and manages it; a mentor follows it and sees the youth through the agreement;
    a guardian sees the meetings they help arrange. Pages, templates and the API read these."""

    role: str | None
    # the agency's agreement shares the check-in ratings (read by `checkin_rights` only)
    agreement_shares_ratings: bool = False

    @property
    def can_see_youths(self) -> bool:
        return self.role in (STAFF, AGENCY)

    @property
    def can_follow(self) -> bool:
        """Contact log, progress notes, check-ins."""
        return self.role in (STAFF, AGENCY, MENTOR)

    @property
    def can_manage(self) -> bool:
        return self.role in (STAFF, AGENCY)

    can_close = can_pause = can_resume = can_reopen = can_see_events = can_manage

    @property
    def can_run(self) -> bool:
        """Introduce the match, add a co-mentor, read the score breakdown, open mentors' files."""
        return self.role == STAFF

    can_introduce = can_add_mentor = can_see_breakdown = can_open_mentors = can_run
    # a safeguarding review is followed up by the programme's coordinators (services.require_staff)
    can_follow_up_reviews = can_run

    @property
    def sees_mentor_view(self) -> bool:
        return self.role == MENTOR

    @property
    def arranges_meetings(self) -> bool:
        return self.role == GUARDIAN

    @property
    def can_see_contacts(self) -> bool:
        return self.can_follow or self.arranges_meetings

    def records_checkin(self, party: str) -> bool:
        """Check-ins gather each party's view separately for the coordinators: a mentor records
        the mentor's check-in only; the programme's coordinators and the youth's agency record any
        on a party's behalf (the youth and the guardian usually have no account)."""
        return self.can_manage or (self.role == MENTOR and party == MENTOR_PARTY)

    def reads_checkin_answers(self, party: str) -> bool:
        """The rating and answers of a check-in (issue 14): the programme's coordinators, who
        gather them, read every party's; a mentor reads the mentor's own and never another's,
        whatever the agreement; the youth's agency reads them only if its agreement shares them
        (`checkin_rights`). Everyone who follows the match sees that a check-in was done."""
        if self.role == STAFF:
            return True
        if self.role == MENTOR:
            return party == MENTOR_PARTY
        return self.role == AGENCY and self.agreement_shares_ratings

    @property
    def reads_checkin_notes(self) -> bool:
        """A check-in's notes belong to the youth's file (staff and agency only)."""
        return self.can_manage

    ACTIONS = {
        "contact": "can_follow",
        "note": "can_follow",
        "checkin": "can_follow",
        "checkin_link": "can_manage",  # e-mail the youth or the guardian their check-in's link
        "close": "can_close",
        "pause": "can_pause",
        "resume": "can_resume",
        "add_mentor": "can_add_mentor",
        "reopen": "can_reopen",
        "introduce": "can_introduce",
    }

    def allows(self, action: str) -> bool:
        name = self.ACTIONS.get(action)
        return bool(name and getattr(self, name))


def match_rights(viewer: Viewer, match: Any) -> MatchRights:
    return MatchRights(match_role(viewer, match))


def may_confirm_closure(viewer: Viewer, match: Any, closure: Any) -> bool:
    """Four eyes on a closure (issue 14): a coordinator of the programme who did not propose it.
    The youth's agency proposes or withdraws a closure and is told once it is confirmed: the end
    of a match is the programme's decision, checked by a second staff member of the programme.
    The service, the page's button and the API all ask this."""
    return match_role(viewer, match) == STAFF and not same_id(
        closure.proposed_by_id, viewer.person_id
    )


# --- check-ins: each party fills in their own (issue 14, point 4) ---------------------------


def checkin_rights(viewer: Viewer, match: Any, today: date) -> MatchRights:
    """`match_rights` with the agreement's word on check-in ratings, for the pages and API that
    show check-ins (one query for an agency's viewer, none for others)."""
    from .models import SharingAgreement

    rights = match_rights(viewer, match)
    if rights.role != AGENCY:
        return rights
    agencies = {y.agency_id for y in match.youths.all()} & agency_orgs(viewer)
    shared = any(
        a.in_force(today)
        for a in SharingAgreement.objects.filter(
            organisation_id=match.organisation_id,
            agency_id__in=agencies,
            checkin_ratings_shared=True,
        )
    )
    return MatchRights(rights.role, agreement_shares_ratings=shared)


@dataclass(frozen=True)
class CheckInLink:
    """The bearer of a signed check-in link (checkin_links.py): the youth or the guardian, who
    usually have no account. The link reaches one check-in and nothing else."""

    checkin_id: Any


def may_record_checkin(actor: "Viewer | CheckInLink", checkin: Any) -> bool:
    """The one rule on who fills in a check-in, for the service, the pages, the API and the link:
    the bearer of its link (a youth's or guardian's check-in only); a mentor the mentor's own;
    the programme's coordinators and the youth's agency any, on the party's behalf."""
    if isinstance(actor, CheckInLink):
        return str(actor.checkin_id) == str(checkin.pk) and checkin.party != MENTOR_PARTY
    return match_rights(actor, checkin.match).records_checkin(checkin.party)


def records_on_behalf(rights: MatchRights, party: str) -> bool:
    """Staff writing down a party's answers (not their own): the check-in says so."""
    return rights.records_checkin(party) and not (rights.role == MENTOR and party == MENTOR_PARTY)


# --- group matches across agencies (issue 14) ---------------------------------------------


def youths_shown(viewer: Viewer, match: Any) -> tuple[list[Any], int]:
    """The youths of a match whose identity the viewer may see, and how many others there are.
    The programme's staff see every youth; an agency's staff only their agency's youths (another
    agency's youths of a group match are counted, never named); a mentor or a guardian is shown
    the youths through `youth_for_mentor` or not at all (none here). Uses prefetched youths."""
    youths = list(match.youths.all())
    if match.organisation_id in staff_orgs(viewer):
        return youths, 0
    agencies = agency_orgs(viewer)
    own = [y for y in youths if y.agency_id in agencies]
    return own, len(youths) - len(own)


def match_name_for(viewer: Viewer, match: Any) -> str:
    """The match's name for this viewer: its mentors and the youths the viewer may see."""
    return match_name_message_for(viewer, match).render()


def match_name_message_for(viewer: Viewer, match: Any) -> Any:
    """`match_name_for` as words translated when read (a notification's title)."""
    rights = match_rights(viewer, match)
    youths = youths_shown(viewer, match)[0] if rights.can_see_youths else []
    return match.name_message(youths)


def events_shown(viewer: Viewer, match: Any, events: Any) -> list[Any]:
    """A match's history without the events about a youth the viewer may not see (another
    agency's youth's placement change or transfer in a group match): those events name the youth
    in their data."""
    youths, hidden = youths_shown(viewer, match)
    if not hidden:
        return list(events)
    shown = {str(y.pk) for y in youths}
    return [e for e in events if (e.data or {}).get("youth", None) in shown | {None}]


def may_write_about(viewer: Viewer, match: Any, youth: Any) -> bool:
    """Whom a progress note may be named after: staff any youth of the match, an agency its own
    youths. A mentor names nobody (they know the youths through the agreement only, not by their
    file's id): their note is about their individual match's youth, or about the group."""
    role = match_role(viewer, match)
    if role == STAFF:
        return True
    return role == AGENCY and youth.agency_id in agency_orgs(viewer)


def note_visible_q(viewer: Viewer, match: Any) -> Q:
    """The progress notes of `match` the viewer reads (on ProgressNote): staff every note; an
    agency the notes about its youths and the group notes shared with it; a mentor their own."""
    role = match_role(viewer, match)
    if role == STAFF:
        return Q()
    q = Q(pk__in=[])
    if role == AGENCY:
        agencies = agency_orgs(viewer)
        q = Q(youth__agency_id__in=agencies) | Q(youth__isnull=True, shared_with__in=agencies)
    if viewer.person_id and role in (AGENCY, MENTOR):
        q |= Q(author_id=viewer.person_id)
    return q


# --- what a mentor may know of a youth ----------------------------------------------------


def youth_for_mentor(
    youth: Any, agreement: Any, today: date, ended_on: date | None = None
) -> dict[str, Any]:
    """The youth as a mentor sees it: only the facts the agency's agreement lists, while it is in
    force and, once the match has ended (`ended_on`), for the days the agreement says.

    The one place that decides; pages and the API both render its result. With no agreement
    nothing is shared. `situation_updates` reads the prefetched `situation_changes`.
    """
    in_force = (
        agreement is not None
        and agreement.in_force(today)
        and agreement.shares_after_end(ended_on, today)
    )
    allowed = list(agreement.fields) if in_force else []
    person = youth.person
    worker = youth.case_worker

    def family() -> list[Any]:
        """The current family's contacts (the child's one placement history), else the guardian:
        after a move the previous family is never shown."""
        return current_family(person) or ([youth.guardian] if youth.guardian else [])

    values = {
        "first_name": lambda: person.first_name,
        "last_name": lambda: person.last_name,
        "age": lambda: youth.age_on(today),
        "birth_date": lambda: youth.birth_date.isoformat(),
        "gender": lambda: youth.gender,
        "interests": lambda: list(youth.interests),
        "languages": lambda: list(person.languages),
        "region": lambda: person.region,
        "school_level": lambda: youth.school_level,
        "guardian_name": lambda: ", ".join(str(p) for p in family()),
        "guardian_phone": lambda: ", ".join(p.phone for p in family() if p.phone),
        "case_worker_name": lambda: str(worker) if worker else "",
        "case_worker_phone": lambda: worker.phone if worker else "",
        "situation_updates": lambda: [
            {"kind": c.kind, "date": c.happened_on.isoformat(), "summary": c.summary_for_mentor}
            for c in youth.situation_changes.all()
            if c.summary_for_mentor
        ],
    }
    return {name: values[name]() for name in allowed if name in values}


def agreement_purposes(agreement: Any) -> dict[str, str]:
    from django.utils import timezone

    if agreement is None or not agreement.in_force(timezone.localdate()):
        return {}
    return {name: agreement.purposes.get(name, "") for name in agreement.fields}


# --- predicates ----------------------------------------------------------------------------


def _org_of(obj: Any) -> Any:
    return getattr(obj, "organisation_id", None)


@rules.predicate
def is_programme_staff(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return bool(staff_orgs(viewer))
    programme_org = getattr(obj, "programme_org_id", None) or (
        obj.programme.organisation_id if hasattr(obj, "programme_id") else _org_of(obj)
    )
    return programme_org in staff_orgs(viewer)


@rules.predicate
def can_view_programme(user: Any, programme: Any) -> bool:
    viewer = viewer_for(user)
    if programme is None:
        return viewer.is_authenticated
    if programme.organisation_id in staff_orgs(viewer):
        return True
    from .models import SharingAgreement

    return SharingAgreement.objects.filter(
        organisation_id=programme.organisation_id, agency_id__in=agency_orgs(viewer)
    ).exists()


@rules.predicate
def is_youth_agency_or_staff(user: Any, youth: Any) -> bool:
    viewer = viewer_for(user)
    if youth is None:
        return bool(staff_orgs(viewer) or agency_orgs(viewer))
    return looks_after_youth(viewer, youth)


def looks_after_youth(viewer: Viewer, youth: Any) -> bool:
    """The programme's staff and the youth's current agency keep the youth's file (consent,
    readiness, situation, transfer, case worker): the pages, the API and the services ask this."""
    return youth.programme.organisation_id in staff_orgs(viewer) or youth.agency_id in agency_orgs(
        viewer
    )


def may_enrol_youth(viewer: Viewer, programme: Any, agency: Any) -> bool:
    """Who enrols a youth of `agency` in `programme`: the programme's staff or the agency's staff
    (the people who will keep the youth's file, as `looks_after_youth` says once it exists)."""
    return programme.organisation_id in staff_orgs(viewer) or agency.pk in agency_orgs(viewer)


@rules.predicate
def is_mentor_self_or_staff(user: Any, mentor: Any) -> bool:
    viewer = viewer_for(user)
    if mentor is None:
        return bool(staff_orgs(viewer))
    programme_org = mentor.programme.organisation_id
    return programme_org in staff_orgs(viewer) or (
        same_id(mentor.person_id, viewer.person_id) and viewer.in_scope(programme_org)
    )


@rules.predicate
def has_match_role(user: Any, match: Any) -> bool:
    viewer = viewer_for(user)
    if match is None:
        return viewer.is_authenticated
    return match_role(viewer, match) is not None


@rules.predicate
def manages_match(user: Any, match: Any) -> bool:
    """Staff and the youth's agency may pause, close, transfer; mentors and guardians may not."""
    if match is None:
        return False
    return match_role(viewer_for(user), match) in ("staff", "agency")


@rules.predicate
def follows_match(user: Any, match: Any) -> bool:
    """Staff, agency and the mentor record contacts, check-ins and progress notes."""
    if match is None:
        return False
    return match_role(viewer_for(user), match) in ("staff", "agency", "mentor")


@rules.predicate
def reads_case_file(user: Any, match: Any) -> bool:
    """Progress notes, check-in notes and the closure conversation: staff and agency only."""
    return manages_match(user, match)


def agreement_party(viewer: Viewer, agreement: Any) -> Any:
    """The party (organisation id) the viewer coordinates in an agreement, or None. Both the
    mentoring organisation and the agency are parties: either narrows it at once, and a widening
    by one waits for the other (services.agreement_save)."""
    managed = viewer.managed_orgs
    for party in (agreement.organisation_id, agreement.agency_id):
        if party in managed:
            return party
    return None


def can_answer_agreement_proposal(viewer: Viewer, agreement: Any) -> bool:
    """Only the other party accepts a proposed widening."""
    if not agreement.has_proposal:
        return False
    other = (
        agreement.agency_id
        if agreement.proposed_by_organisation_id == agreement.organisation_id
        else agreement.organisation_id
    )
    return other in viewer.managed_orgs


@rules.predicate
def can_edit_agreement(user: Any, agreement: Any) -> bool:
    viewer = viewer_for(user)
    if agreement is None:
        return bool(viewer.managed_orgs)
    return agreement_party(viewer, agreement) is not None


@rules.predicate
def can_view_agreement(user: Any, agreement: Any) -> bool:
    viewer = viewer_for(user)
    if agreement is None:
        return viewer.is_authenticated
    return agreement.organisation_id in staff_orgs(viewer) or agreement.agency_id in agency_orgs(
        viewer
    )


rules.add_perm("mentoring.view_programme", can_view_programme)
rules.add_perm("mentoring.add_programme", is_programme_staff)
rules.add_perm("mentoring.change_programme", is_programme_staff)
rules.add_perm("mentoring.delete_programme", rules.always_deny)
rules.add_perm("mentoring.run_matching", is_programme_staff)
rules.add_perm("mentoring.view_reports", is_programme_staff)
rules.add_perm("mentoring.view_mentor", is_mentor_self_or_staff)
rules.add_perm("mentoring.change_mentor", is_programme_staff)
rules.add_perm("mentoring.add_mentor", is_programme_staff)
rules.add_perm("mentoring.delete_mentor", rules.always_deny)
rules.add_perm("mentoring.view_youth", is_youth_agency_or_staff)
rules.add_perm("mentoring.add_youth", is_youth_agency_or_staff)
rules.add_perm("mentoring.change_youth", is_youth_agency_or_staff)
rules.add_perm("mentoring.delete_youth", rules.always_deny)
rules.add_perm("mentoring.view_match", has_match_role)
rules.add_perm("mentoring.change_match", manages_match)
rules.add_perm("mentoring.follow_match", follows_match)
rules.add_perm("mentoring.read_case_file", reads_case_file)
rules.add_perm("mentoring.add_match", is_programme_staff)
rules.add_perm("mentoring.delete_match", rules.always_deny)
rules.add_perm("mentoring.view_sharingagreement", can_view_agreement)
rules.add_perm("mentoring.change_sharingagreement", can_edit_agreement)
rules.add_perm("mentoring.add_sharingagreement", can_edit_agreement)
rules.add_perm("mentoring.delete_sharingagreement", can_edit_agreement)
