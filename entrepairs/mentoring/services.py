"""Writes that span several records. Pages, the API, tasks and the demo all call these.

Rules come from seed 001 (mentoring youths in child-protection care) unless said otherwise.
"""

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.dates import check_happened_on
from entrepairs.core.notifications import Message, NotificationKind, msg, notify, resolve
from entrepairs.core.services import SYSTEM, service
from entrepairs.core.text import check_lengths
from entrepairs.mentoring import notification_kinds as kinds
from entrepairs.organisations.models import Membership, Organisation, Role
from entrepairs.organisations.services import require_coordinates
from entrepairs.people import placements
from entrepairs.people.models import FAMILY_KINDS, Person, PlacementKind
from entrepairs.training import services as training_services
from entrepairs.training.models import TrainingCompletion, TrainingModule

from .interests import interest_codes
from .models import (
    Consent,
    Match,
    Mentor,
    Mode,
    Programme,
    ScreeningStep,
    SharingAgreement,
    Youth,
    YouthService,
)
from .models.programmes import add_months

MAX_GROUP_CAPACITY = 8


def _users_with_role(organisation_id: Any, roles: tuple[str, ...]) -> list[Any]:
    return [
        m.person.user
        for m in Membership.objects.active()
        .filter(organisation_id=organisation_id, role__in=roles, person__user__isnull=False)
        .select_related("person__user")
        if m.person.user is not None and m.person.user.is_active
    ]


# `_notify_people(organisation=OWN_ORGANISATION)`: each person hears in the name of their own
# organisation (a mentor of the programme, a case worker of the agency, a guardian).
OWN_ORGANISATION = "own"

# An in-app title worded for each recipient, from their person: whom each may see differs (a
# match's youths: rules.match_name_for).
TitleFor = Callable[[Person], Message | str]


def _notify_people(
    people: list[Any],
    *,
    kind: NotificationKind,
    organisation: Any,
    subject: Message,
    body: Message | str,
    link: str,
    title: Message | str | TitleFor = "",
    about: Any = None,
) -> None:
    """`organisation`: the one the message concerns (a scoped token of it reads the message), or
    OWN_ORGANISATION. `title`: the inbox's headline naming who (never e-mailed), the same for
    everyone or worded for each recipient. `about`: the record it asks to act on (resolve)."""
    seen = set()
    for person in people:
        user = getattr(person, "user", None) if isinstance(person, Person) else person
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        concerns = organisation
        if organisation == OWN_ORGANISATION:
            concerns = person.organisation_id if isinstance(person, Person) else None
        notify(
            recipient=user,
            kind=kind,
            subject=subject,
            body=body,
            link=link,
            organisation=concerns,
            title=_title_for(title, person, user),
            about=about,
        )


def _title_for(title: Message | str | TitleFor, person: Any, user: Any) -> Message | str:
    if not callable(title):
        return title
    person = person if isinstance(person, Person) else getattr(user, "person", None)
    return title(person) if person is not None else ""


# --- programmes and agreements ------------------------------------------------------------


@service
def programme_save(
    *,
    programme: Programme,
    required_trainings: list[TrainingModule] | None = None,
    by: Person | None,
) -> Programme:
    """Coordinator-set weights, closure reasons (never a sanction: each one's text is read like a
    closure note, and a refusal is audited) and required trainings. Only a coordinator of the
    programme's organisation saves it (rules.staff_orgs), whatever the channel."""
    from .sanctions import refuse_sanction_reasons

    _check_runs(by, programme.organisation_id, _("You do not run programmes of this organisation."))
    reasons = programme.closure_reasons if isinstance(programme.closure_reasons, list) else []
    refuse_sanction_reasons(reasons, about=programme, by=by)
    with transaction.atomic():
        programme.full_clean()
        programme.save()
        if required_trainings is not None:
            if any(m.organisation_id != programme.organisation_id for m in required_trainings):
                raise ValidationError(
                    {
                        "required_trainings": _(
                            "Trainings must belong to the programme's organisation."
                        )
                    }
                )
            programme.required_trainings.set(required_trainings)
    return programme


def _party_of(by: Any, agreement: SharingAgreement) -> Any:
    """The organisation `by` speaks for in the agreement (SYSTEM: the mentoring organisation)."""
    from .rules import agreement_party, viewer_of

    if by is SYSTEM:
        return agreement.organisation_id
    party = agreement_party(viewer_of(by), agreement)
    if party is None:
        raise ValidationError(
            {"organisation": _("You are not a coordinator of a party to this agreement.")}
        )
    return party


def _later(a: date | None, b: date | None) -> bool:
    """Whether validity `a` reaches beyond `b` (None: open-ended)."""
    return b is not None and (a is None or a > b)


@service
@transaction.atomic
def agreement_save(*, agreement: SharingAgreement, by: Any) -> SharingAgreement:
    """Save the version of the agreement the caller set on `agreement`. An agreement binds two
    parties, the organisation that runs mentoring and the agency whose youths it concerns; a
    coordinator of either may change it, but one side alone never widens it (issue 10: consent
    across organisations). What narrows (fewer facts, an earlier end) applies at once; what widens
    (a new fact, a new purpose for a fact, a later end, a new agency) becomes a proposal that the
    other party accepts (`agreement_proposal_accept`), and the narrowed part applies meanwhile.
    Each fact needs a purpose and comes from SHAREABLE_FIELDS; a mentor's view is computed from the
    agreement in force, never copied. A narrowing withdraws a pending proposal."""
    agreement.full_clean()
    wanted = (list(agreement.fields), dict(agreement.purposes or {}), agreement.valid_until)
    wanted_days = agreement.removed_days_after_end
    party = _party_of(by, agreement)
    current = (
        SharingAgreement.objects.select_for_update(of=("self",)).filter(pk=agreement.pk).first()
        if agreement.pk and not agreement._state.adding
        else None
    )
    if current is None:  # a new agreement with another organisation shares nothing until accepted
        old_fields: list[str] = []
        old_purposes: dict[str, str] = {}
        old_until = agreement.valid_until
        old_days = wanted_days
    else:
        old_fields, old_purposes = list(current.fields), dict(current.purposes)
        old_until = current.valid_until
        old_days = current.removed_days_after_end
        agreement.organisation_id, agreement.agency_id = current.organisation_id, current.agency_id
    names, purposes, until = wanted
    _check_ratings_sharing(agreement, current, party)
    # In force meanwhile: the facts both versions share, for their agreed purposes.
    kept = [n for n in old_fields if n in names]
    narrowed_until = until if not _later(until, old_until) else old_until
    new_purpose = any(purposes.get(n) != old_purposes.get(n) for n in kept)
    # Keeping the shared facts longer after a match ends widens; removing them sooner narrows.
    widens = (
        bool(set(names) - set(kept))
        or new_purpose
        or _later(until, old_until)
        or wanted_days > old_days
    )
    agreement.removed_days_after_end = min(wanted_days, old_days)
    agreement.fields = kept
    agreement.purposes = {n: old_purposes[n] for n in kept}
    agreement.valid_until = narrowed_until
    if widens:
        agreement.proposed_by_organisation_id = party
        agreement.proposed_by = by if isinstance(by, Person) else None
        agreement.proposed_on = timezone.localdate()
        agreement.proposed_fields, agreement.proposed_purposes = names, purposes
        agreement.proposed_valid_until = until
        agreement.proposed_removed_days_after_end = wanted_days
    else:
        _clear_proposal(agreement)
    agreement.save()
    # A proposal waiting is replaced or dropped: nobody is asked any more to answer it.
    resolve(kind=kinds.AGREEMENT_CHANGE, about=agreement)
    if widens and by is SYSTEM:  # trusted code (demo, commands) speaks for both parties
        return agreement_proposal_accept(agreement=agreement, by=SYSTEM)
    if widens:
        _notify_people(
            _users_with_role(_other_party(agreement, party), (Role.COORDINATOR, Role.ADMIN)),
            kind=kinds.AGREEMENT_CHANGE,
            organisation=_other_party(agreement, party),
            subject=msg("An information-sharing agreement change waits for your answer"),
            title=msg(
                "%(org)s proposes an information-sharing agreement change",
                org=_party_name(agreement, party),
            ),
            body=msg("Open the agreement in Entrepairs to accept or decline the proposed change."),
            link=reverse("mentoring:agreement_edit", args=[agreement.pk]),
            about=agreement,
        )
    return agreement


def _check_ratings_sharing(
    agreement: SharingAgreement, current: SharingAgreement | None, party: Any
) -> None:
    """Check-in ratings are gathered by the mentoring organisation: it alone decides whether its
    partner agency reads them (issue 14), and its word applies at once."""
    before = current.checkin_ratings_shared if current is not None else False
    if agreement.checkin_ratings_shared != before and party != agreement.organisation_id:
        raise ValidationError(
            {
                "checkin_ratings_shared": _(
                    "Only the mentoring organisation decides whether the agency reads the "
                    "check-in ratings."
                )
            }
        )


def _party_name(agreement: SharingAgreement, party: Any) -> str:
    return str(agreement.agency if party == agreement.agency_id else agreement.organisation)


def _other_party(agreement: SharingAgreement, party: Any) -> Any:
    return agreement.agency_id if party == agreement.organisation_id else agreement.organisation_id


def _clear_proposal(agreement: SharingAgreement) -> None:
    agreement.proposed_by_organisation = None
    agreement.proposed_by = None
    agreement.proposed_on = None
    agreement.proposed_fields, agreement.proposed_purposes = [], {}
    agreement.proposed_valid_until = None
    agreement.proposed_removed_days_after_end = None


def _answering(agreement: SharingAgreement, by: Any) -> SharingAgreement:
    agreement = SharingAgreement.objects.select_for_update(of=("self",)).get(pk=agreement.pk)
    if not agreement.has_proposal:
        raise ValidationError(_("There is no proposed change to answer."))
    if by is not SYSTEM and _party_of(by, agreement) == agreement.proposed_by_organisation_id:
        raise ValidationError(_("The other party answers this proposal."))
    return agreement


@service
@transaction.atomic
def agreement_proposal_accept(*, agreement: SharingAgreement, by: Any) -> SharingAgreement:
    """The other party accepts the proposed version: it is in force from now on."""
    agreement = _answering(agreement, by)
    proposer = agreement.proposed_by_organisation_id
    resolve(kind=kinds.AGREEMENT_CHANGE, about=agreement)
    agreement.fields = list(agreement.proposed_fields)
    agreement.purposes = dict(agreement.proposed_purposes)
    agreement.valid_until = agreement.proposed_valid_until
    if agreement.proposed_removed_days_after_end is not None:
        agreement.removed_days_after_end = agreement.proposed_removed_days_after_end
    agreement.signed_on = timezone.localdate()
    _clear_proposal(agreement)
    agreement.full_clean()
    agreement.save()
    _notify_people(
        _users_with_role(proposer, (Role.COORDINATOR, Role.ADMIN)),
        kind=kinds.AGREEMENT_ANSWERED,
        organisation=proposer,
        subject=msg("Your proposed information-sharing change was accepted"),
        title=msg(
            "%(org)s accepted your proposed information-sharing change",
            org=_party_name(agreement, _other_party(agreement, proposer)),
        ),
        body=msg("The other party accepted your proposed change: it now applies."),
        link=reverse("mentoring:agreement_edit", args=[agreement.pk]),
    )
    return agreement


@service
@transaction.atomic
def agreement_proposal_decline(*, agreement: SharingAgreement, by: Any) -> SharingAgreement:
    """The other party declines the proposed widening; the agreement in force stays as it is."""
    agreement = _answering(agreement, by)
    proposer = agreement.proposed_by_organisation_id
    _clear_proposal(agreement)
    agreement.save()
    resolve(kind=kinds.AGREEMENT_CHANGE, about=agreement)
    _notify_people(
        _users_with_role(proposer, (Role.COORDINATOR, Role.ADMIN)),
        kind=kinds.AGREEMENT_ANSWERED,
        organisation=proposer,
        subject=msg("Your proposed information-sharing change was declined"),
        title=msg(
            "%(org)s declined your proposed information-sharing change",
            org=_party_name(agreement, _other_party(agreement, proposer)),
        ),
        body=msg("The other party declined your proposed change: the agreement stays as it was."),
        link=reverse("mentoring:agreement_edit", args=[agreement.pk]),
    )
    return agreement


def require_staff(by: Any, organisation_id: Any, message: str) -> None:
    """`by` coordinates the organisation that runs the programme (rules.staff_orgs), whatever the
    channel: the page and the API both reach this check through the service and answer 403 with
    `message`. SYSTEM is trusted code (demo data, commands, test set-up)."""
    from .rules import staff_orgs, viewer_of

    if by is SYSTEM:
        return
    if organisation_id not in staff_orgs(viewer_of(by)):
        raise PermissionDenied(message)


def require_looks_after(by: Any, youth: Youth) -> None:
    """The check of every write on a youth's file, whatever the channel (rules.looks_after_youth);
    SYSTEM is trusted code."""
    from .rules import looks_after_youth, viewer_of

    if by is SYSTEM:
        return
    if not looks_after_youth(viewer_of(by), youth):
        raise PermissionDenied(
            _("Only the programme's coordinators and the youth's agency update the youth's file.")
        )


def person_of(by: Any) -> Person | None:
    """The person to record as author: none for SYSTEM (trusted code without a person)."""
    return by if isinstance(by, Person) else None


def _screens(by: Any, mentor: Mentor) -> None:
    require_staff(
        by,
        mentor.programme.organisation_id,
        _("Only the programme's coordinators screen and decide on mentors."),
    )


def _check_runs(by: Any, organisation_id: Any, message: str, field: str = "organisation") -> None:
    require_coordinates(by, organisation_id, message, field)


@service
@transaction.atomic
def agreement_delete(*, agreement: SharingAgreement, by: Any) -> None:
    """Ending an agreement hides every fact from the agency's youths' mentors from now on: the
    narrowest change, so either party may end it alone."""
    _party_of(by, agreement)
    agreement.delete()


def agreement_for(organisation_id: Any, agency_id: Any) -> SharingAgreement | None:
    return SharingAgreement.objects.filter(
        organisation_id=organisation_id, agency_id=agency_id
    ).first()


# --- mentors --------------------------------------------------------------------------------


@service
@transaction.atomic
def mentor_apply(
    *,
    programme: Programme,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    birth_year: int | None = None,
    gender: str = "",
    interests: list[str] | None = None,
    languages: list[str] | None = None,
    region: str = "",
    availability: list[str] | None = None,
    mode: str = Mode.INDIVIDUAL,
    capacity: int = 1,
    motivation: str = "",
) -> Mentor:
    """The public application form: a Person (role mentor) and a Mentor record in `applied`."""
    if not programme.is_open:
        raise ValidationError(_("This programme does not take applications at the moment."))
    email = email.strip().lower()
    capacity = 1 if mode == Mode.INDIVIDUAL else capacity
    if not 1 <= capacity <= MAX_GROUP_CAPACITY:
        raise ValidationError({"capacity": _("A group has 2 to %d youths.") % MAX_GROUP_CAPACITY})
    person = Person.objects.filter(organisation=programme.organisation, email=email).first()
    if person is None:
        person = Person(
            organisation=programme.organisation,
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            languages=languages or [],
            region=region,
            availability=availability or [],
        )
        person.full_clean()
        person.save()
    elif Mentor.objects.filter(programme=programme, person=person).exists():
        raise ValidationError(
            {"email": _("An application with this e-mail address already exists.")}
        )
    Membership.objects.get_or_create(
        person=person, organisation=programme.organisation, role=Role.MENTOR
    )
    mentor = Mentor.objects.create(
        programme=programme,
        organisation=programme.organisation,
        person=person,
        birth_year=birth_year,
        gender=gender,
        interests=interest_codes(interests),
        mode=mode,
        capacity=capacity,
        motivation=motivation,
    )
    _notify_people(
        _users_with_role(programme.organisation_id, (Role.COORDINATOR,)),
        kind=kinds.MENTOR_APPLICATION,
        organisation=programme.organisation_id,
        # The applicant is a volunteer, not a person served: their name may travel by e-mail.
        subject=msg("New mentor application: %(name)s", name=person),
        body=msg("A new mentor application is waiting for screening."),
        link=reverse("mentoring:mentor", args=[mentor.pk]),
        about=mentor,
    )
    return mentor


def _application_examined(mentor: Mentor) -> None:
    """Once an application is no longer waiting (screening started, approved, turned down or
    withdrawn), the coordinators' "new application" notifications about it are resolved."""
    if mentor.status != Mentor.Status.APPLIED:
        # `link`: the notifications sent before they named their record.
        link = reverse("mentoring:mentor", args=[mentor.pk])
        resolve(kind=kinds.MENTOR_APPLICATION, about=mentor, link=link)


def mentor_gaps(mentor: Mentor, today: date | None = None) -> tuple[list[str], list[str]]:
    """(screening gaps, training gaps): both empty means the mentor can be matched."""
    today = today or timezone.localdate()
    steps = list(mentor.screening_steps.all())
    completions = list(TrainingCompletion.objects.filter(person_id=mentor.person_id))
    required = list(mentor.programme.required_trainings.all())
    return mentor.screening_gaps(steps, today), mentor.training_gaps(completions, required, today)


def mentor_refresh_status(mentor: Mentor, *, by: Any = None) -> Mentor:
    """applied → screening → training → approved, from the recorded steps and trainings."""
    if mentor.status in (Mentor.Status.REJECTED, Mentor.Status.WITHDRAWN):
        return mentor
    # Read the steps afresh: a caller's prefetched steps (the API's mentor list) predate the step
    # just recorded, which left the status one step behind through the API (issue 14).
    prefetched = getattr(mentor, "_prefetched_objects_cache", {})
    prefetched.pop("screening_steps", None)
    screening, training = mentor_gaps(mentor)
    before = mentor.status
    if screening:
        mentor.status = (
            Mentor.Status.SCREENING if mentor.screening_steps.exists() else Mentor.Status.APPLIED
        )
    elif training:
        mentor.status = Mentor.Status.TRAINING
    else:
        mentor.status = Mentor.Status.APPROVED
        mentor.approved_at = mentor.approved_at or timezone.now()
    if mentor.status != before:
        mentor.save(update_fields=["status", "approved_at", "updated_at"])
        _application_examined(mentor)
        if (
            mentor.status == Mentor.Status.APPROVED
            and mentor.person.email
            and not mentor.person.user_id
        ):
            from entrepairs.people.services import person_invite

            # An address already used by an account is not linked: the coordinator sees the
            # person without an account and invites them with another address. The approval's
            # own rule was checked by its caller, hence SYSTEM (a mentoring coordinator need not
            # manage the mentor's person record).
            with contextlib.suppress(ValidationError):
                person_invite(person=mentor.person, by=SYSTEM, invited_by=by)
    return mentor


@service
@transaction.atomic
def screening_record(
    *,
    mentor: Mentor,
    kind: str,
    outcome: str,
    done_on: date | None = None,
    expires_on: date | None = None,
    referee: str = "",
    note: str = "",
    by: Any,
) -> ScreeningStep:
    """A screening step, recorded by the programme's staff; a background check expires after the
    programme's validity."""
    _screens(by, mentor)
    done_on = done_on or timezone.localdate()
    check_happened_on("done_on", done_on)
    check_lengths(note=note)
    check_lengths(200, referee=referee)
    if kind == ScreeningStep.Kind.REFERENCE and not referee.strip():
        raise ValidationError({"referee": _("Name the referee.")})
    if kind == ScreeningStep.Kind.BACKGROUND and expires_on is None:
        expires_on = add_months(done_on, mentor.programme.background_check_validity_months)
    if expires_on is not None and expires_on < done_on:
        raise ValidationError({"expires_on": _("The expiry date is before the check.")})
    step = ScreeningStep.objects.create(
        mentor=mentor,
        kind=kind,
        outcome=outcome,
        done_on=done_on,
        expires_on=expires_on,
        referee=referee,
        note=note,
        recorded_by=person_of(by),
    )
    mentor_refresh_status(mentor, by=person_of(by))
    return step


@service
@transaction.atomic
def mentor_flag(
    *, mentor: Mentor, flagged: bool, reason: str = "", notes: str | None = None, by: Any
) -> Mentor:
    _screens(by, mentor)
    if flagged and not reason.strip():
        raise ValidationError({"flag_reason": _("Say why the mentor is flagged.")})
    mentor.flagged = flagged
    mentor.flag_reason = reason if flagged else ""
    if notes is not None:
        mentor.screening_notes = notes
    mentor.save()
    return mentor_refresh_status(mentor, by=person_of(by))


@service
@transaction.atomic
def mentor_decide(*, mentor: Mentor, status: str, by: Any) -> Mentor:
    """Staff may turn an application down or record a withdrawal; or restore it to the pipeline."""
    _screens(by, mentor)
    if status not in (Mentor.Status.REJECTED, Mentor.Status.WITHDRAWN, Mentor.Status.APPLIED):
        raise ValidationError({"status": _("Use screening and training to advance a mentor.")})
    if status != Mentor.Status.APPLIED and mentor.matches.filter(status__in=Match.OPEN).exists():
        raise ValidationError({"status": _("This mentor has open matches: close them first.")})
    mentor.status = status
    mentor.save(update_fields=["status", "updated_at"])
    _application_examined(mentor)
    return (
        mentor_refresh_status(mentor, by=person_of(by))
        if status == Mentor.Status.APPLIED
        else mentor
    )


@service
@transaction.atomic
def training_record(
    *, person: Person, module: TrainingModule, completed_on: date, by: Any
) -> TrainingCompletion:
    """Mentoring's channel to training.services.completion_record, which holds every rule of a
    completion; mentors are trainees of their programmes' organisations (see .training)."""
    return training_services.completion_record(
        person=person, module=module, completed_on=completed_on, by=by
    )


# --- youths -----------------------------------------------------------------------------------


@service
@transaction.atomic
def youth_enrol(
    *,
    programme: Programme,
    agency: Organisation,
    first_name: str,
    last_name: str,
    birth_date: date,
    gender: str = "",
    interests: list[str] | None = None,
    languages: list[str] | None = None,
    region: str = "",
    availability: list[str] | None = None,
    school_level: str = "",
    mode: str = Mode.INDIVIDUAL,
    case_worker: Person | None = None,
    guardian_first_name: str = "",
    guardian_last_name: str = "",
    guardian_phone: str = "",
    guardian_email: str = "",
    placement: str = "",
    placement_kind: str = "",
    placement_since: date | None = None,
    by: Any,
) -> Youth:
    """Intake: a Person of role youth in the agency (no account needed), the Youth record, and
    mentoring written in the youth's list of services (seed 001: « clairement ÉNONCÉ »). Only
    the programme's coordinators and the agency's staff enrol (rules.may_enrol_youth), whatever
    the channel; SYSTEM is trusted code (demo data, commands)."""
    from .rules import may_enrol_youth, viewer_of

    if by is not SYSTEM and not may_enrol_youth(viewer_of(by), programme, agency):
        raise PermissionDenied(
            _("Only the programme's coordinators and the youth's agency enrol a youth.")
        )
    if programme.kind != Programme.Kind.YOUTH:
        raise ValidationError(_("Youths are enrolled in youth mentoring programmes."))
    if agreement_for(programme.organisation_id, agency.pk) is None:
        raise ValidationError(
            {
                "agency": _(
                    "There is no information-sharing agreement with this agency yet: sign one first."
                )
            }
        )
    if birth_date >= timezone.localdate():
        raise ValidationError({"birth_date": _("The date of birth must be in the past.")})
    if (
        case_worker is not None
        and not Membership.objects.filter(
            person=case_worker, organisation=agency, role=Role.CASE_WORKER
        ).exists()
    ):
        raise ValidationError({"case_worker": _("This person is not a case worker of the agency.")})
    person = Person(
        organisation=agency,
        first_name=first_name,
        last_name=last_name,
        languages=languages or [],
        region=region,
        availability=availability or [],
    )
    person.full_clean()
    person.save()
    Membership.objects.create(person=person, organisation=agency, role=Role.YOUTH)
    guardian = None
    if guardian_last_name.strip():
        guardian = Person(
            organisation=agency,
            first_name=guardian_first_name,
            last_name=guardian_last_name,
            phone=guardian_phone,
            email=guardian_email.strip().lower(),
        )
        guardian.full_clean()
        guardian.save()
        Membership.objects.create(person=guardian, organisation=agency, role=Role.GUARDIAN)
    youth = Youth.objects.create(
        programme=programme,
        person=person,
        agency=agency,
        organisation=agency,
        case_worker=case_worker,
        guardian=guardian,
        birth_date=birth_date,
        gender=gender,
        interests=interest_codes(interests),
        school_level=school_level,
        mode=mode,
    )
    if placement.strip() or placement_kind:
        # The child's one placement history (people.placements), shared with casework.
        kind = placement_kind or PlacementKind.OTHER
        placements.placement_change(
            child=person,
            kind=kind,
            since=placement_since or youth.enrolled_on,
            family=[guardian] if guardian is not None and kind in FAMILY_KINDS else [],
            note=placement.strip(),
            organisation=agency,
            by=by,
        )
    YouthService.objects.create(
        youth=youth, name=_("Mentoring — %s") % programme.name, provider=programme.organisation.name
    )
    return youth


@service
@transaction.atomic
def consent_record(
    *, youth: Youth, party: str, given_by: str, given_on: date | None = None, by: Any
) -> Consent:
    require_looks_after(by, youth)
    if not given_by.strip():
        raise ValidationError({"given_by": _("Who gave the consent?")})
    check_happened_on("given_on", given_on)
    return Consent.objects.create(
        youth=youth,
        party=party,
        given_by=given_by,
        given_on=given_on or timezone.localdate(),
        recorded_by=person_of(by),
    )


@service
@transaction.atomic
def readiness_record(*, youth: Youth, readiness: str, note: str, mode: str, by: Any) -> Youth:
    """The readiness assessment and the choice of individual or group mentoring (seed 001)."""
    require_looks_after(by, youth)
    if readiness == Youth.Readiness.NOT_ASSESSED:
        raise ValidationError({"readiness": _("Record the outcome of the assessment.")})
    if not note.strip():
        raise ValidationError({"note": _("Summarise the assessment.")})
    youth.readiness = readiness
    youth.readiness_note = note
    youth.mode = mode
    youth.readiness_assessed_on = timezone.localdate()
    youth.save()
    return youth


def youth_gaps(youth: Youth, today: date | None = None) -> list[str]:
    today = today or timezone.localdate()
    gaps = youth.consent_gaps(list(youth.consents.all()), today)
    if youth.readiness != Youth.Readiness.READY:
        gaps.append(str(_("a readiness assessment saying the youth is ready")))
    if youth.status == Youth.Status.LEFT:
        gaps.append(str(_("the youth has left the programme")))
    return gaps
