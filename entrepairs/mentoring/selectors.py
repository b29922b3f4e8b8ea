"""The reads of mentoring that pages, API, reports and tasks share, and `get_<thing>_for` helpers
(fetch what the viewer may see, 404 otherwise; then check the action, 403 otherwise)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from entrepairs.core.audit import record_refusal
from entrepairs.core.permissions import id_q
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people import picker
from entrepairs.people.models import Person
from entrepairs.people.placements import current_placements_prefetch

from .models import (
    SHAREABLE_FIELDS,
    CheckIn,
    ContactLog,
    Match,
    MatchAlert,
    MatchingRun,
    Mentor,
    Programme,
    ProgressNote,
    Proposal,
    SharingAgreement,
    SituationChange,
    Transfer,
    Youth,
)
from .rules import (
    agency_orgs,
    agreement_purposes,
    agreement_visible_q,
    alert_visible_q,
    can_decide_handover,
    case_worker_q,
    mentor_visible_q,
    names_transferred_youth,
    note_visible_q,
    programme_visible_q,
    proposal_visible_q,
    run_visible_q,
    sees_transferred_youth,
    staff_orgs,
    transfer_agency_q,
    transfer_visible_q,
    youth_for_mentor,
    youth_visible_q,
)
from .rules import match_visible_q as _match_visible_q
from .services import agreement_for


def case_workers_in(organisation_ids: Any) -> QuerySet[Person]:
    return Person.objects.filter(case_worker_q(organisation_ids)).distinct()


def matches_visible_to(user: Any) -> QuerySet[Match]:
    return Match.objects.filter(_match_visible_q(viewer_for(user)))


def youths_visible_to(user: Any) -> QuerySet[Youth]:
    return Youth.objects.filter(youth_visible_q(viewer_for(user)))


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    return Programme.objects.filter(programme_visible_q(viewer_for(user)))


def mentors_visible_to(user: Any) -> QuerySet[Mentor]:
    return Mentor.objects.filter(mentor_visible_q(viewer_for(user)))


def agreements_visible_to(user: Any) -> QuerySet[SharingAgreement]:
    return SharingAgreement.objects.filter(agreement_visible_q(viewer_for(user)))


def runs_visible_to(user: Any) -> QuerySet[MatchingRun]:
    return MatchingRun.objects.filter(run_visible_q(viewer_for(user)))


def proposals_visible_to(user: Any) -> QuerySet[Proposal]:
    return Proposal.objects.filter(proposal_visible_q(viewer_for(user))).select_related(
        "run__programme", "youth__person", "mentor__person"
    )


def open_alerts_for(user: Any) -> QuerySet[MatchAlert]:
    return MatchAlert.objects.filter(alert_visible_q(viewer_for(user)), resolved_at__isnull=True)


def intake_choices(user: Any) -> dict[str, Any]:
    """What the intake form offers: the youth programmes the viewer sees, the agencies they enrol
    for (their own, and for programme staff the agencies their organisations have an agreement
    with) and those agencies' case workers. The service decides (services.youth_enrol)."""
    viewer = viewer_for(user)
    staff, agency = staff_orgs(viewer), agency_orgs(viewer)
    programmes = Programme.objects.filter(programme_visible_q(viewer), kind=Programme.Kind.YOUTH)
    agencies = Organisation.objects.filter(pk__in=agency)
    if staff:
        agencies = agencies | Organisation.objects.filter(
            mentoring_agreements__organisation_id__in=staff
        )
    agencies = agencies.distinct().order_by("name")
    return {
        "programmes": programmes,
        "agencies": agencies,
        "case_workers": case_workers_in(agencies.values("pk")),
    }


@picker.source("mentoring.case_workers")
def case_workers_to_pick(user: Any, youth: Any = None) -> QuerySet[Person]:
    """The case-worker picker: the case workers of a youth's agency (a youth the viewer sees,
    404 otherwise), or at intake those of the agencies the viewer enrols for. The services
    check the same role (youth_enrol, youth_assign_case_worker)."""
    if youth is not None:
        return case_workers_in([get_youth_for(user, youth).agency_id])
    return intake_choices(user)["case_workers"]


def transfer_agencies(youth: Youth) -> QuerySet[Organisation]:
    """The agencies a youth may be transferred to (`rules.transfer_agency_q`): what the transfer
    form and the API list, and what `lifecycle.youth_transfer` accepts."""
    return Organisation.objects.filter(transfer_agency_q(youth)).order_by("name")


def staff_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations whose programmes and agreements the viewer runs (form choices)."""
    return Organisation.objects.filter(pk__in=staff_orgs(viewer_for(user)))


def agreement_agency_choices(user: Any) -> QuerySet[Organisation]:
    """The agencies a new agreement may name: any organisation but the viewer's own staff ones."""
    return Organisation.objects.exclude(pk__in=staff_orgs(viewer_for(user))).order_by("name")


def match_queryset(user: Any) -> Any:
    return (
        matches_visible_to(user)
        .select_related("programme__organisation")
        .prefetch_related(
            "mentors__person",
            Prefetch(
                "youths",
                queryset=Youth.objects.select_related(
                    "person", "guardian", "case_worker", "agency"
                ).prefetch_related(
                    current_placements_prefetch("person__"),
                    Prefetch(
                        "situation_changes",
                        queryset=SituationChange.objects.order_by("-happened_on"),
                    ),
                ),
            ),
        )
    )


# A match's follow-up lists, in the order the page and the API page them (a unique last key keeps
# pages stable). They grow for the life of the match, so both channels page them; neither shows a
# related row (the API gives ids), so none is joined: a page costs a count and its rows.
def match_contacts(match: Match) -> QuerySet[ContactLog]:
    return match.contacts.order_by("-happened_on", "-created_at", "id")


def match_checkins(match: Match) -> QuerySet[CheckIn]:
    """The open check-ins first (the ones to record), then the newest done."""
    return match.checkins.order_by(F("done_on").desc(nulls_first=True), "-due_on", "party", "id")


def match_notes(match: Match) -> QuerySet[ProgressNote]:
    return match.progress_notes.order_by("-created_at", "id")


def notes_for(viewer: Viewer, match: Match) -> QuerySet[ProgressNote]:
    """The notes of a match one viewer reads (rules.note_visible_q): page and API alike."""
    rows = match_notes(match).filter(note_visible_q(viewer, match)).distinct()
    return rows.prefetch_related("shared_with")


def _display(name: str, value: Any) -> str:
    """A shared fact as the mentor's page shows it: interests and languages by their names, dates
    the reader's way (the API keeps the stored codes and ISO dates)."""
    from datetime import date

    from entrepairs.core.dates import shown_date
    from entrepairs.people.languages import language_labels

    from .interests import interest_labels

    if name == "interests":
        return ", ".join(interest_labels(value))
    if name == "languages":
        return ", ".join(language_labels(value))
    if name == "birth_date" and value:
        return shown_date(date.fromisoformat(str(value)))
    if isinstance(value, list):
        return ", ".join(
            f"{shown_date(date.fromisoformat(v['date']))} — {v['summary']}"
            if isinstance(v, dict)
            else str(v)
            for v in value
        )
    return "" if value is None else str(value)


def mentor_view_of(
    match: Match, today: Any, agreements: dict | None = None
) -> list[dict[str, Any]]:
    """Per youth of the match: the facts (and their purposes) the youth's agency agreement allows,
    built by `rules.youth_for_mentor` — the same function the API uses."""
    out = []
    for youth in match.youths.all():
        key = (match.programme.organisation_id, youth.agency_id)
        if agreements is None or key not in agreements:
            found = agreement_for(*key)
            if agreements is not None:
                agreements[key] = found
        else:
            found = agreements[key]
        facts = youth_for_mentor(youth, found, today, match.ended_on)
        purposes = agreement_purposes(found)
        out.append(
            {
                "facts": facts,
                "rows": [
                    (name, SHAREABLE_FIELDS[name], _display(name, value), purposes.get(name, ""))
                    for name, value in facts.items()
                ],
            }
        )
    return out


def _get_for(queryset: QuerySet, user: Any, pk: Any, action: str) -> Any:
    """`action` is a model action ("change" → mentoring.change_<model>) or a whole permission
    ("mentoring.run_matching"); "view" is what visibility already answers."""
    obj = get_visible_or_404(queryset, pk=pk)
    if action != "view":
        meta = queryset.model._meta
        require(
            user, action if "." in action else f"{meta.app_label}.{action}_{meta.model_name}", obj
        )
    return obj


def get_match_for(user: Any, pk: Any, action: str = "view") -> Match:
    return _get_for(match_queryset(user), user, pk, action)


def get_youth_for(user: Any, pk: Any, action: str = "view") -> Youth:
    youths = youths_visible_to(user).select_related(
        "person", "agency", "programme__organisation", "case_worker", "guardian"
    )
    try:
        return _get_for(youths, user, pk, action)
    except Http404:
        audit_unseen_youth(user, pk)
        raise


def audit_unseen_youth(user: Any, pk: Any) -> None:
    """An existing youth's file opened by someone who may not see it (another agency's case
    worker in a group match...): 404 as if it did not exist, and the attempt in the audit trail."""
    try:
        found = Youth.objects.filter(pk=pk).values_list("organisation_id", flat=True).first()
    except (ValueError, ValidationError):
        return
    if found is not None:  # the youth's agency's coordinators read the entry
        record_refusal(Youth, pk, action="view", actor=user, organisation_id=found)


def get_programme_for(user: Any, pk: Any, action: str = "view") -> Programme:
    return _get_for(programmes_visible_to(user).select_related("organisation"), user, pk, action)


def get_mentor_for(user: Any, pk: Any, action: str = "view") -> Mentor:
    mentors = mentors_visible_to(user).select_related("programme__organisation", "person")
    return _get_for(mentors, user, pk, action)


def get_open_programme(pk: Any) -> Programme:
    """The programme of the public application form: anyone may see it while it is open."""
    return get_visible_or_404(Programme.objects.filter(is_open=True), pk=pk)


def get_agreement_for(user: Any, pk: Any, action: str = "view") -> SharingAgreement:
    return _get_for(agreements_visible_to(user), user, pk, action)


def get_run_for(user: Any, pk: Any, action: str = "view") -> MatchingRun:
    return _get_for(runs_visible_to(user).select_related("programme"), user, pk, action)


def get_proposal_for(user: Any, pk: Any, action: str = "view") -> Proposal:
    """Deciding on a proposal is the services' rule (lifecycle.proposal_*): "view" here."""
    return _get_for(proposals_visible_to(user), user, pk, action)


# Bands wide enough that a receiving agency can judge the request without identifying the child.
AGE_BANDS = ((0, 10), (11, 13), (14, 15), (16, 17))


def age_band(age: int) -> str:
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return _("%(low)s to %(high)s years") % {"low": low, "high": high}
    return _("18 years or more")


def transfers_for(viewer: Viewer) -> QuerySet[Transfer]:
    return (
        Transfer.objects.filter(transfer_visible_q(viewer))
        .select_related(
            "youth__programme__organisation", "youth__person", "from_agency", "to_agency"
        )
        .order_by("-transferred_on", "-created_at")
    )


def get_transfer_for(viewer: Viewer, pk: Any) -> Transfer:
    """The transfer if the viewer may see it; otherwise 404, as if it did not exist."""
    return get_visible_or_404(transfers_for(viewer), pk=pk)


@dataclass(frozen=True)
class TransferSummary:
    """A transfer as one viewer may see it. Before the handover is accepted the receiving agency
    learns only what deciding needs: that a youth of this age band, mentored in this programme,
    comes from this agency — no name, no date of birth, no file (DECISIONS, Confidentiality)."""

    id: Any
    transferred_on: date
    handover: str
    handover_label: str
    from_agency: str
    to_agency: str
    programme: str
    programme_organisation: str
    age_band: str
    refusal_reason: str
    can_decide: bool
    youth_id: Any | None  # only for a viewer who may see the youth's file
    youth_name: str | None


def transfer_summary(viewer: Viewer, transfer: Transfer, today: date) -> TransferSummary:
    youth = transfer.youth
    identified = sees_transferred_youth(viewer, transfer)
    return TransferSummary(
        id=transfer.pk,
        transferred_on=transfer.transferred_on,
        handover=transfer.handover,
        handover_label=str(transfer.get_handover_display()),
        from_agency=transfer.from_agency.name if transfer.from_agency else "",
        to_agency=transfer.to_agency.name if transfer.to_agency else "",
        programme=youth.programme.name,
        programme_organisation=youth.programme.organisation.name,
        age_band=age_band(youth.age_on(today)),
        refusal_reason=transfer.refusal_reason,
        can_decide=can_decide_handover(viewer, transfer),
        youth_id=youth.pk if identified else None,
        youth_name=str(youth) if identified or names_transferred_youth(viewer, transfer) else None,
    )


# --- What the home page asks of mentoring (home.blocks assembles; the rules stay here) --------


def youths_without_mentor(user: Any) -> QuerySet[Youth]:
    """Youths the viewer sees who still wait for a mentor, the longest waiting first."""
    return (
        youths_visible_to(user)
        .filter(status=Youth.Status.WAITING)
        .select_related("person")
        .order_by("enrolled_on", "id")
    )


def caseload_of(user: Any) -> QuerySet[Youth]:
    """The youths the viewer follows as their case worker (and may see), the latest changed
    first."""
    viewer = viewer_for(user)
    return (
        youths_visible_to(user)
        .filter(id_q("case_worker_id", viewer.person_id))
        .exclude(status=Youth.Status.LEFT)
        .select_related("person")
        .order_by("-updated_at", "id")
    )


def caseload_changes(user: Any, since: date) -> QuerySet[SituationChange]:
    """Placement and situation changes of the viewer's caseload since `since`, newest first."""
    return (
        SituationChange.objects.filter(youth__in=caseload_of(user).values("pk"))
        .filter(happened_on__gte=since)
        .select_related("youth__person")
        .order_by("-happened_on", "-created_at")
    )
