"""Every write of coaching, whatever the channel (page, API, command, task, demo).

Rules from issue 16 point 5: coach pairing runs inside one organisation (docs/coaching.md says
why); a coach volunteers with a capacity, never below the pairings they hold; a new tutor has
one open request at a time; a pair is proposed by the coordinators, by hand or by the matching
engine with its reasons and the weights they set, only between people of their organisation;
a coach over capacity is refused with nothing written (the offer's row is locked while the
places are counted); both confirm before the pairing is active; the pair logs its meetings; a
coordinator ends the pairing with a reason (freeing the coach's place) and each of the pair then
gives their feedback, once; a request still open after the scheme's weeks is flagged to the
coordinators."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entrepairs.core.notifications import msg, notify, resolve
from entrepairs.core.services import SYSTEM, service
from entrepairs.groups.rules import coordinators_q
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people.models import HALF_DAYS, Person
from entrepairs.solvers.pairs import HardConstraints, PairsProblem, solve_pairs
from entrepairs.solvers.scoring import score_pair

from . import notification_kinds as kinds
from . import reasons
from .models import CoachingMeeting, CoachingScheme, CoachOffer, CoachPairing, CoachRequest
from .models.offers import COACHING_CRITERIA, MAX_CAPACITY
from .rules import runs_scheme, side_of

State = CoachPairing.State
NOTE_MAX = 5000


def _viewer(by: Person | None) -> Viewer:
    user = getattr(by, "user", None) if by is not None else None
    if by is None or getattr(by, "pk", None) is None or user is None:
        raise ValidationError(_("Only a person with an account may do this."))
    return viewer_for(user)


def _acting(by: Person | None, person: Person | None) -> Person:
    """Who a write is for: the signed-in person, or `person` when trusted code (SYSTEM: demo,
    imports) acts for them."""
    if by is SYSTEM:
        if person is None:
            raise ValidationError(_("Say for whom."))
        return person
    _viewer(by)
    assert by is not None
    if person is not None and person.pk != by.pk:
        raise ValidationError(_("You may only do this for yourself."))
    return by


def _require_coordinator(by: Person | None, organisation_id: Any) -> None:
    if by is SYSTEM:
        return
    if not runs_scheme(_viewer(by), organisation_id):
        raise ValidationError(_("Only the organisation's coordinators may do this."))


def scheme_of(organisation_id: Any) -> CoachingScheme:
    """The organisation's scheme, or the defaults (unsaved) when none was set."""
    found = CoachingScheme.objects.filter(organisation_id=organisation_id).first()
    return found or CoachingScheme(organisation_id=organisation_id)


@service
@transaction.atomic
def scheme_update(
    *, organisation: Any, by: Person | None, weights: dict[str, Any], flag_after_weeks: int
) -> CoachingScheme:
    """The coordinators set the engine's weights (0 to 10 each) and the weeks before a new tutor
    without a coach is flagged (1 to 52)."""
    _require_coordinator(by, organisation.pk)
    errors: dict[str, str] = {}
    unknown = set(weights) - set(COACHING_CRITERIA)
    bad = [k for k, v in weights.items() if not isinstance(v, int | float) or not 0 <= v <= 10]
    if unknown:
        errors["weights"] = _("Unknown criteria: %s") % ", ".join(sorted(unknown))
    elif bad:
        errors["weights"] = _("Each weight is a number from 0 to 10.")
    if not isinstance(flag_after_weeks, int) or not 1 <= flag_after_weeks <= 52:
        errors["flag_after_weeks"] = _("From 1 to 52 weeks.")
    if errors:
        raise ValidationError(errors)
    scheme, _created = CoachingScheme.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    scheme.weights = {**scheme.weight_map(), **{k: float(v) for k, v in weights.items()}}
    scheme.flag_after_weeks = flag_after_weeks
    scheme.save()
    return scheme


def _load(offer_id: Any) -> int:
    """An offer's load (CoachOffer.with_load's count: the pairings HOLDING a place), counted
    while its row is locked."""
    return CoachPairing.objects.filter(offer_id=offer_id, state__in=CoachPairing.HOLDING).count()


def _half_days(availability: list[str] | None) -> list[str]:
    """A coach's free half-days are the person record's codes ("mon-am"), so the matching
    compares like with like; anything else (« lundi soir ») is refused, for the page and the API
    alike (outside test F16)."""
    slots = [str(x).strip() for x in (availability or []) if str(x).strip()]
    unknown = [slot for slot in slots if slot not in HALF_DAYS]
    if unknown:
        raise ValidationError(
            {
                "availability": _("Unknown half-days: %(slots)s. Tick them in the list.")
                % {"slots": ", ".join(unknown)}
            }
        )
    return [slot for slot in HALF_DAYS if slot in slots]  # in the week's order, once each


@service
@transaction.atomic
def offer_save(
    *,
    by: Person | None,
    capacity: int,
    region: str = "",
    languages: list[str] | None = None,
    profession: str = "",
    availability: list[str] | None = None,
    active: bool = True,
    person: Person | None = None,
) -> CoachOffer:
    """A tutor volunteers as a coach in their organisation (or changes their offer): a capacity
    of 1 to 10 new tutors, never below the pairings they hold."""
    by = _acting(by, person)
    if not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise ValidationError({"capacity": _("From 1 to 10 new tutors.")})
    offer = (
        CoachOffer.objects.select_for_update()
        .filter(organisation_id=by.organisation_id, person=by)
        .first()
    ) or CoachOffer(organisation_id=by.organisation_id, person=by)
    if offer.pk and not offer._state.adding:
        held = _load(offer.pk)
        if capacity < held:
            raise ValidationError(
                {
                    "capacity": ngettext(
                        "You already coach %(count)s new tutor: the capacity cannot be lower.",
                        "You already coach %(count)s new tutors: the capacity cannot be lower.",
                        held,
                    )
                    % {"count": held}
                }
            )
    offer.capacity = capacity
    offer.region = region.strip()[:100]
    offer.languages = [str(x).strip()[:40] for x in (languages or []) if str(x).strip()][:10]
    offer.profession = profession.strip()[:100]
    offer.availability = _half_days(availability)
    offer.active = active
    offer.save()
    return offer


@service
@transaction.atomic
def coach_ask(*, by: Person | None, person: Person | None = None) -> CoachRequest:
    """A new tutor asks for a coach in their organisation; one open request at a time, and none
    while a pairing as the new tutor is under way (proposed or active)."""
    by = _acting(by, person)
    mine = CoachRequest.objects.select_for_update().filter(
        organisation_id=by.organisation_id, person=by, status=CoachRequest.Status.OPEN
    )
    if mine.exists():
        raise ValidationError(_("You have already asked for a coach."))
    coached = CoachPairing.objects.filter(
        organisation_id=by.organisation_id, tutor=by, state__in=CoachPairing.HOLDING
    )
    if coached.exists():
        raise ValidationError(
            _("You already have a coach: end that pairing before asking for another one.")
        )
    return CoachRequest.objects.create(
        organisation_id=by.organisation_id,
        person=by,
        since=timezone.localdate(),
        status=CoachRequest.Status.OPEN,
    )


@service
@transaction.atomic
def coach_request_withdraw(*, request: CoachRequest, by: Person | None) -> CoachRequest:
    """The new tutor withdraws their open request (no longer needed, a coach found elsewhere): a
    proposal still waiting for confirmation is declined, which frees the coach's place, and the
    request is no longer flagged. Only the one who asked; only an open request."""
    request = CoachRequest.objects.select_for_update().get(pk=request.pk)
    if by is None or by.pk != request.person_id:
        raise ValidationError(_("Only the new tutor who asked may withdraw the request."))
    if request.status != CoachRequest.Status.OPEN:
        raise ValidationError(_("This request is no longer open."))
    for pairing in CoachPairing.objects.select_for_update().filter(
        request=request, state=State.PROPOSED
    ):
        pairing.state = State.DECLINED
        pairing.save()
        _resolve_proposed(pairing)
    request.status = CoachRequest.Status.WITHDRAWN
    request.save(update_fields=["status", "updated_at"])
    resolve(kind=kinds.WITHOUT_COACH, about=request)
    return request


def _propose(request: CoachRequest, offer: CoachOffer, weights: Any) -> CoachPairing:
    """Check and write one proposal: same organisation, open request without a pending pairing,
    an open offer, not oneself, and a free place (the offer's row locked while counting)."""
    if offer.organisation_id != request.organisation_id:
        raise ValidationError({"coach": _("The coach and the new tutor work in one organisation.")})
    if request.status != CoachRequest.Status.OPEN:
        raise ValidationError(_("This new tutor is not waiting for a coach."))
    if offer.person_id == request.person_id:
        raise ValidationError({"coach": _("A tutor cannot coach themself.")})
    locked = CoachOffer.objects.select_for_update().select_related("person").get(pk=offer.pk)
    if not locked.active:
        raise ValidationError({"coach": _("This coach takes no new tutor for now.")})
    if CoachPairing.objects.filter(request=request, state__in=CoachPairing.HOLDING).exists():
        raise ValidationError(_("A coach is already proposed to this new tutor."))
    if _load(locked.pk) >= locked.capacity:
        raise ValidationError(
            {
                "coach": ngettext(
                    "%(coach)s already coaches %(count)s new tutor, their capacity: choose "
                    "another coach or ask them to raise it.",
                    "%(coach)s already coaches %(count)s new tutors, their capacity: choose "
                    "another coach or ask them to raise it.",
                    locked.capacity,
                )
                % {"coach": locked.person, "count": locked.capacity}
            }
        )
    total, rows = score_pair(
        reasons.tutor_candidate(request.person), reasons.coach_candidate(locked), weights
    )
    pairing = CoachPairing.objects.create(
        organisation_id=request.organisation_id,
        offer=locked,
        request=request,
        coach_id=locked.person_id,
        tutor_id=request.person_id,
        state=State.PROPOSED,
        score=round(total, 4),
        reasons=reasons.breakdown_rows(rows),
    )
    _tell_proposed(pairing)
    # The coordinators were asked to propose a coach: done, whoever proposed and from where (page,
    # API or the engine's run). A declined proposal puts the request back on the coaching page.
    resolve(kind=kinds.WITHOUT_COACH, about=request)
    return pairing


def _tell_pair(pairing: CoachPairing, *, kind: Any, subject: Any, body: Any) -> None:
    """Tell the coach and the new tutor (the one place coaching notifies the pair)."""
    link = reverse("coaching:pairing", args=[pairing.pk])
    for person in Person.objects.filter(pk__in=[pairing.coach_id, pairing.tutor_id]).select_related(
        "user"
    ):
        if person.user is None:
            continue
        notify(
            recipient=person.user,
            kind=kind,
            organisation=pairing.organisation_id,
            subject=subject,
            body=body,
            link=link,
            about=pairing,
        )


def _resolve_proposed(pairing: CoachPairing, side: str | None = None) -> None:
    """The proposal was answered: by both, or declined (every reader), or confirmed by one side
    (that side's reader only: the other still has to confirm)."""
    _resolve_pair(pairing, kinds.PAIRING_PROPOSED, side)


def _resolve_pair(pairing: CoachPairing, kind: Any, side: str | None) -> None:
    """Resolve `kind` about the pairing for both of the pair, or for one `side` only."""
    link = reverse("coaching:pairing", args=[pairing.pk])  # notifications sent before `about`
    recipient = None
    if side is not None:
        person_id = pairing.coach_id if side == "coach" else pairing.tutor_id
        recipient = Person.objects.filter(pk=person_id).values_list("user_id", flat=True).first()
        if recipient is None:
            return
    resolve(kind=kind, about=pairing, link=link, recipient=recipient)


def _tell_proposed(pairing: CoachPairing) -> None:
    _tell_pair(
        pairing,
        kind=kinds.PAIRING_PROPOSED,
        subject=msg("A coach pairing to confirm"),
        body=msg("A coach pairing is proposed to you: confirm it or decline it."),
    )


@service
@transaction.atomic
def pairing_propose(*, request: CoachRequest, offer: CoachOffer, by: Person | None) -> CoachPairing:
    """A coordinator proposes a coach to a new tutor of their organisation, by hand; the engine
    scores the pair with the scheme's weights, for its reasons."""
    _require_coordinator(by, request.organisation_id)
    request = CoachRequest.objects.select_for_update().select_related("person").get(pk=request.pk)
    weights = reasons.weights_of(scheme_of(request.organisation_id).weight_map())
    return _propose(request, offer, weights)


@service
@transaction.atomic
def pairings_propose_all(*, organisation: Any, by: Person | None) -> list[CoachPairing]:
    """The matching engine proposes coaches to every waiting new tutor of the organisation, with
    the coordinators' weights and the coaches' free places; pairs declined before are not
    proposed again."""
    _require_coordinator(by, organisation.pk)
    pending = CoachPairing.objects.filter(state__in=CoachPairing.HOLDING).values("request_id")
    waiting = list(
        CoachRequest.objects.select_for_update()
        .filter(organisation=organisation, status=CoachRequest.Status.OPEN)
        .exclude(pk__in=pending)
        .select_related("person")
    )
    # The coaches with a free place only (CoachOffer.with_room: the picker's rule too).
    offers = {
        str(o.pk): o
        for o in CoachOffer.objects.filter(organisation=organisation, active=True)
        .with_room()
        .select_related("person")
    }
    if not waiting or not offers:
        return []
    providers = [
        reasons.coach_candidate(o, o.capacity - o.load)  # type: ignore[attr-defined]
        for o in offers.values()
    ]
    by_request = {str(r.pk): r for r in waiting}
    persons = {str(r.pk): str(r.person_id) for r in waiting}
    excluded = frozenset(
        (str(req), str(off))
        for req, off in CoachPairing.objects.filter(
            request_id__in=[r.pk for r in waiting], state=State.DECLINED
        ).values_list("request_id", "offer_id")
    ) | frozenset(
        (rid, k)
        for rid, pid in persons.items()
        for k, o in offers.items()
        if str(o.person_id) == pid
    )
    seekers = [reasons.tutor_candidate(r.person, str(r.pk)) for r in waiting]
    weights = reasons.weights_of(scheme_of(organisation.pk).weight_map())
    if not providers:
        return []
    result = solve_pairs(
        PairsProblem(
            seekers=seekers,
            providers=providers,
            weights=weights,
            constraints=HardConstraints(excluded_pairs=excluded),
        )
    )
    return [_propose(by_request[p.seeker], offers[p.provider], weights) for p in result.pairs]


def _locked(pairing: CoachPairing) -> CoachPairing:
    return CoachPairing.objects.select_for_update().get(pk=pairing.pk)


def _side(by: Person | None, pairing: CoachPairing, acting_as: str | None = None) -> str:
    if by is SYSTEM and acting_as in ("coach", "tutor"):
        return acting_as  # trusted code (the demo) acting for one of the pair
    side = side_of(_viewer(by), pairing)
    if side is None:
        raise ValidationError(_("Only the coach and the new tutor of this pairing may do this."))
    return side


@service
@transaction.atomic
def pairing_confirm(
    *, pairing: CoachPairing, by: Person | None, acting_as: str | None = None
) -> CoachPairing:
    """The coach or the new tutor confirms; when both have, the pairing is active and the
    request is met."""
    pairing = _locked(pairing)
    side = _side(by, pairing, acting_as)
    if pairing.state != State.PROPOSED:
        raise ValidationError(_("This pairing is no longer waiting for confirmation."))
    setattr(pairing, f"confirmed_by_{side}", True)
    if pairing.confirmed_by_coach and pairing.confirmed_by_tutor:
        pairing.state = State.ACTIVE
        CoachRequest.objects.filter(pk=pairing.request_id).update(status=CoachRequest.Status.PAIRED)
        # This new tutor has a coach: the coordinators' "still without a coach" is done (the
        # request's only; it resolved every tutor's when keyed by the coaching home's link).
        resolve(kind=kinds.WITHOUT_COACH, about=pairing.request)
    pairing.save()
    _resolve_proposed(pairing, None if pairing.state == State.ACTIVE else side)
    return pairing


@service
@transaction.atomic
def pairing_decline(*, pairing: CoachPairing, by: Person | None) -> CoachPairing:
    """The coach or the new tutor declines a proposal: the coach's place is freed and the new
    tutor waits for another coach (this pair is not proposed again)."""
    pairing = _locked(pairing)
    _side(by, pairing)
    if pairing.state != State.PROPOSED:
        raise ValidationError(_("This pairing is no longer waiting for confirmation."))
    pairing.state = State.DECLINED
    pairing.save()
    _resolve_proposed(pairing)
    return pairing


@service
@transaction.atomic
def meeting_log(
    *, pairing: CoachPairing, by: Person | None, date: date, note: str = ""
) -> CoachingMeeting:
    """The coach or the new tutor logs a meeting of an active pairing, on a day not to come."""
    pairing = _locked(pairing)
    _side(by, pairing)
    if pairing.state != State.ACTIVE:
        raise ValidationError(_("Meetings are logged once both have confirmed the pairing."))
    if date > timezone.localdate():
        raise ValidationError({"date": _("A meeting is logged once it has taken place.")})
    if date < pairing.created_at.date() - timedelta(days=1):
        raise ValidationError({"date": _("The meeting is before the pairing.")})
    return CoachingMeeting.objects.create(pairing=pairing, date=date, note=note, logged_by=by)


def _ended_by(by: Person | None) -> Person | None:
    return by if isinstance(by, Person) and by.pk is not None else None


@service
@transaction.atomic
def pairing_end(
    *, pairing: CoachPairing, by: Person | None, reason: str, note: str = ""
) -> CoachPairing:
    """A coordinator of the pairing's organisation ends an active pairing, with a reason from
    the list (`CoachPairing.EndReason`) and, for « another reason », a few words; the note is
    confidential (encrypted, read by the coordinators only). The coach's place is freed, both of
    the pair are told and may then give their feedback (issue 16 point 5: « a pairing ends with
    feedback from both »; the lead's brief of 2026-12-04: the coordinator ends it)."""
    pairing = _locked(pairing)
    _require_coordinator(by, pairing.organisation_id)
    if pairing.state != State.ACTIVE:
        raise ValidationError(_("Only an active pairing can be ended."))
    if reason not in CoachPairing.EndReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("At most 5,000 characters.")})
    if reason == CoachPairing.EndReason.OTHER and not note:
        raise ValidationError({"note": _("Say in a few words why the pairing ends.")})
    pairing.state = State.ENDED
    pairing.ended_on = timezone.localdate()
    pairing.ended_by = _ended_by(by)
    pairing.end_reason = reason
    pairing.end_note = note
    pairing.save()
    _tell_pair(
        pairing,
        kind=kinds.PAIRING_ENDED,
        subject=msg("Your coach pairing has ended"),
        body=msg(
            "Your coordinators ended your coach pairing. Give your feedback: it helps them "
            "improve the coaching."
        ),
    )
    return pairing


@service
@transaction.atomic
def pairing_feedback(
    *,
    pairing: CoachPairing,
    by: Person | None,
    rating: int,
    comment: str = "",
    acting_as: str | None = None,
) -> CoachPairing:
    """The coach or the new tutor gives their feedback on an ended pairing, once each: a rating
    from 1 to 5 and a comment (encrypted; read by its author and the coordinators, the
    programme's quality signal)."""
    pairing = _locked(pairing)
    side = _side(by, pairing, acting_as)
    if pairing.state != State.ENDED:
        raise ValidationError(_("Feedback is given once the coordinators have ended the pairing."))
    if getattr(pairing, f"{side}_feedback_given"):
        raise ValidationError(_("You have already given your feedback."))
    if (
        isinstance(rating, bool)
        or not isinstance(rating, int)
        or rating not in CoachPairing.RATINGS
    ):
        raise ValidationError({"rating": _("A rating from 1 to 5.")})
    comment = (comment or "").strip()
    if len(comment) > NOTE_MAX:
        raise ValidationError({"comment": _("At most 5,000 characters.")})
    setattr(pairing, f"{side}_rating", rating)
    setattr(pairing, f"{side}_feedback", comment)
    setattr(pairing, f"{side}_feedback_given", True)
    pairing.save()
    # Their "give your feedback" is done; the other's stays until they give theirs.
    _resolve_pair(pairing, kinds.PAIRING_ENDED, side)
    return pairing


@service
@transaction.atomic
def requests_flag(*, today: date | None = None) -> int:
    """Flag, once, each request still open after its organisation's number of weeks (4 unless
    set), and tell the organisation's coordinators."""
    today = today or timezone.localdate()
    open_ = CoachRequest.objects.select_for_update().filter(
        status=CoachRequest.Status.OPEN, flagged_on__isnull=True
    )
    weeks = dict(CoachingScheme.objects.values_list("organisation_id", "flag_after_weeks"))
    flagged = 0
    for request in open_.select_related("person"):
        limit = weeks.get(request.organisation_id, 4)
        if request.since > today - timedelta(weeks=limit):
            continue
        request.flagged_on = today
        request.save(update_fields=["flagged_on", "updated_at"])
        flagged += 1
        coordinators = Person.objects.filter(
            coordinators_q(request.organisation_id), is_active=True, user__isnull=False
        ).select_related("user")
        for coordinator in coordinators.distinct():
            notify(
                recipient=coordinator.user,
                kind=kinds.WITHOUT_COACH,
                organisation=request.organisation_id,
                subject=msg("A new tutor still without a coach"),
                title=msg(
                    "%(name)s has been waiting for a coach for %(weeks)s weeks",
                    name=request.person,
                    weeks=limit,
                ),
                body=msg(
                    "A new tutor has been waiting for a coach for several weeks: propose one."
                ),
                link=reverse("coaching:home"),
                about=request,
            )
    return flagged
