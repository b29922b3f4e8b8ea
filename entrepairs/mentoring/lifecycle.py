"""A match's life: proposals accepted by staff, introduction, follow-up, continuity, closure.

Rules from seed 001: mentors are told of every placement or situation change; the match and its
history follow the youth to a new agency, which is told of it; adoption keeps the match; and
mentoring is never withdrawn as a sanction.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entrepairs.core.audit import refusals_audited
from entrepairs.core.dates import check_happened_on, happened_on_error
from entrepairs.core.french import long_date
from entrepairs.core.notifications import Message, msg, resolve
from entrepairs.core.services import SYSTEM, service
from entrepairs.core.text import check_lengths, is_blank
from entrepairs.mentoring import notification_kinds as kinds
from entrepairs.organisations.models import MANAGING_ROLES, Membership, Organisation, Role
from entrepairs.people.models import Person

from .matching import INLINE_LIMIT, execute, hard_constraint_problem, rescore
from .models import (
    CheckIn,
    Closure,
    ContactLog,
    Match,
    MatchAlert,
    MatchingRun,
    Mentor,
    Mode,
    Programme,
    ProgressNote,
    Proposal,
    SafeguardingReview,
    SharingAgreement,
    SituationChange,
    Transfer,
    Youth,
    YouthService,
)
from .reasons import PAUSE_KINDS, SAFEGUARDING
from .rules import (
    AGENCY_ROLES,
    CheckInLink,
    can_decide_handover,
    guardians_of,
    match_name_message_for,
    match_rights,
    may_confirm_closure,
    may_record_checkin,
    may_write_about,
    names_transferred_youth,
    records_on_behalf,
    viewer_of,
)
from .sanctions import refuse_sanctions
from .selectors import transfer_agencies
from .services import (
    OWN_ORGANISATION,
    TitleFor,
    _notify_people,
    _users_with_role,
    agreement_for,
    mentor_gaps,
    person_of,
    require_looks_after,
    require_staff,
    youth_gaps,
)


def _decides_proposals(by: Any, proposal: Proposal) -> None:
    require_staff(
        by,
        proposal.run.organisation_id,
        _("Only the programme's coordinators decide on matching proposals."),
    )


def _may_act_on(by: Any, match: Match, action: str, message: str) -> None:
    """The one check of a write on a match (rules.MatchRights), whatever the channel: the page and
    the API fetch the match the viewer sees (404 otherwise) and answer 403 with `message` here.
    SYSTEM is trusted code (demo data, commands, test set-up)."""
    if by is SYSTEM:
        return
    if not match_rights(viewer_of(by), match).allows(action):
        raise PermissionDenied(message)


def _manages(by: Any, match: Match, action: str) -> None:
    _may_act_on(
        by,
        match,
        action,
        _("Only the programme's coordinators and the youth's agency manage this match."),
    )


def _follows(by: Any, match: Match, action: str) -> None:
    _may_act_on(
        by,
        match,
        action,
        _(
            "Only the programme's coordinators, the youth's agency and the mentors follow up this match."
        ),
    )


def _runs(by: Any, match: Match, action: str) -> None:
    _may_act_on(
        by, match, action, _("Only the programme's coordinators introduce a match or add a mentor.")
    )


def _match_link(match: Match) -> str:
    return reverse("mentoring:match", args=[match.pk])


def _named_match(match: Match, wording: Message) -> TitleFor:
    """An in-app title naming the match (`%(match)s`) as each recipient may see it: staff read
    its youths, an agency its own youths, a mentor or a guardian the mentors only
    (rules.match_name_for)."""
    return lambda person: wording.with_params(
        match=match_name_message_for(viewer_of(person), match)
    )


# --- matching runs and proposals -----------------------------------------------------------


@service
def matching_start(*, programme: Programme, by: Any) -> MatchingRun:
    """Small programmes are matched in the request; large ones by the worker (progress bar)."""
    _matches_by_hand_or_run(by, programme)
    run = MatchingRun.objects.create(
        programme=programme, organisation=programme.organisation, started_by=person_of(by)
    )
    waiting = Youth.objects.filter(programme=programme, status=Youth.Status.WAITING).count()
    if waiting <= INLINE_LIMIT:
        run.status = MatchingRun.Status.RUNNING
        run.save(update_fields=["status", "updated_at"])
        execute(run)
    else:
        from .matching import run_matching

        transaction.on_commit(lambda: run_matching.enqueue(str(run.pk)))
    return run


def _matches_by_hand_or_run(by: Any, programme: Programme) -> None:
    require_staff(
        by,
        programme.organisation_id,
        _("Only the programme's coordinators run matching and make matches."),
    )


def _check_pairing(
    programme: Programme, mentors: list[Mentor], youths: list[Youth], mode: str
) -> None:
    """Only screened, cleared and trained mentors; only youths with consent and readiness;
    never beyond a mentor's capacity (seed 001 + issue 5 « bad input »)."""
    errors: list[str] = []
    today = timezone.localdate()
    if not mentors or not youths:
        raise ValidationError(_("A match needs at least one mentor and one youth."))
    if mode == Mode.INDIVIDUAL and (len(mentors) != 1 or len(youths) != 1):
        errors.append(_("Individual mentoring pairs one mentor with one youth."))
    if mode == Mode.GROUP and len(mentors) > 2:
        errors.append(_("Group mentoring has one or two mentors."))
    for mentor in mentors:
        if mentor.programme_id != programme.pk:
            errors.append(_("%s is not a mentor of this programme.") % mentor)
            continue
        screening, training = mentor_gaps(mentor, today)
        if mentor.status in (Mentor.Status.REJECTED, Mentor.Status.WITHDRAWN):
            errors.append(
                _("%(m)s cannot be matched: %(s)s.")
                % {"m": mentor, "s": mentor.get_status_display()}
            )
        if screening:
            errors.append(
                _("%(m)s is not screened and cleared: missing %(g)s.")
                % {"m": mentor, "g": ", ".join(screening)}
            )
        if training:
            errors.append(
                _("%(m)s has not completed the required training: %(g)s.")
                % {"m": mentor, "g": ", ".join(training)}
            )
        capacity = mentor.capacity if mentor.mode == Mode.GROUP else 1
        load = Youth.objects.filter(matches__mentors=mentor, matches__status__in=Match.OPEN).count()
        if load + len(youths) > capacity:
            errors.append(
                ngettext(
                    "%(m)s is over capacity: %(load)s youth already, %(cap)s at most.",
                    "%(m)s is over capacity: %(load)s youths already, %(cap)s at most.",
                    load,
                )
                % {"m": mentor, "load": load, "cap": capacity}
            )
    for youth in youths:
        if youth.programme_id != programme.pk:
            errors.append(_("%s is not enrolled in this programme.") % youth)
            continue
        gaps = youth_gaps(youth, today)
        if gaps:
            errors.append(
                _("%(y)s cannot be matched yet: missing %(g)s.")
                % {"y": youth, "g": ", ".join(gaps)}
            )
        if youth.matches.filter(status__in=Match.OPEN).exists():
            errors.append(_("%s already has an open match.") % youth)
        for mentor in mentors:
            problem = hard_constraint_problem(programme, youth, mentor)
            if problem:
                errors.append(
                    _("%(y)s and %(m)s: %(p)s.") % {"y": youth, "m": mentor, "p": problem}
                )
    if errors:
        raise ValidationError(errors)


@service
@transaction.atomic
def match_create(
    *,
    programme: Programme,
    mentors: list[Mentor],
    youths: list[Youth],
    mode: str,
    by: Any,
    score: float | None = None,
    breakdown: list | None = None,
) -> Match:
    """A proposed match (not yet introduced), after every pairing check."""
    _matches_by_hand_or_run(by, programme)
    Mentor.objects.select_for_update(of=("self",)).filter(pk__in=[m.pk for m in mentors]).count()
    _check_pairing(programme, mentors, youths, mode)
    match = Match.objects.create(
        programme=programme,
        organisation=programme.organisation,
        mode=mode,
        score=score,
        breakdown=breakdown or [],
    )
    match.mentors.set(mentors)
    match.youths.set(youths)
    match.log("proposed", by=person_of(by))
    return match


@service
@transaction.atomic
def proposal_accept(*, proposal: Proposal, by: Any) -> Match:
    """Accepting a proposal makes a match; a group youth joins the mentor's open group match."""
    _decides_proposals(by, proposal)
    actor = by
    by = person_of(by)
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("run__programme")
        .get(pk=proposal.pk)
    )
    if proposal.status != Proposal.Status.PROPOSED:
        raise ValidationError(_("This proposal was already decided."))
    programme = proposal.run.programme
    mentor, youth = proposal.mentor, proposal.youth
    group = None
    if proposal.mode == Mode.GROUP:
        group = Match.objects.filter(
            programme=programme, mode=Mode.GROUP, mentors=mentor, status=Match.Status.PROPOSED
        ).first()
    if group is not None:
        _check_pairing(programme, [mentor], [youth], Mode.GROUP)
        group.youths.add(youth)
        group.log("youth_added", by=by, data={"youth": str(youth.pk)})
        match = group
    else:
        match = match_create(
            programme=programme,
            mentors=[mentor],
            youths=[youth],
            mode=proposal.mode,
            by=actor,
            score=proposal.score,
            breakdown=proposal.breakdown,
        )
    proposal.status = Proposal.Status.ACCEPTED
    proposal.save(update_fields=["status", "updated_at"])
    return match


@service
@transaction.atomic
def proposal_reject(*, proposal: Proposal, by: Any) -> Proposal:
    """A rejected pair is never proposed again in this programme."""
    _decides_proposals(by, proposal)
    if proposal.status != Proposal.Status.PROPOSED:
        raise ValidationError(_("This proposal was already decided."))
    proposal.status = Proposal.Status.REJECTED
    proposal.pinned = False
    proposal.save(update_fields=["status", "pinned", "updated_at"])
    return proposal


@service
@transaction.atomic
def proposal_pin(*, proposal: Proposal, pinned: bool, by: Any) -> Proposal:
    """A pinned pair is kept as is by the next run."""
    _decides_proposals(by, proposal)
    if proposal.status != Proposal.Status.PROPOSED:
        raise ValidationError(_("This proposal was already decided."))
    proposal.pinned = pinned
    proposal.save(update_fields=["pinned", "updated_at"])
    return proposal


@service
@transaction.atomic
def proposal_swap(*, first: Proposal, second: Proposal, by: Any) -> tuple[Proposal, Proposal]:
    """Exchange the mentors of two proposals of the same run and kind; scores are recomputed."""
    _decides_proposals(by, first)
    if first.pk == second.pk:
        raise ValidationError(_("Choose two different proposals."))
    if first.run_id != second.run_id or first.mode != second.mode:
        raise ValidationError(_("Only proposals of the same run and kind can be swapped."))
    if first.status != Proposal.Status.PROPOSED or second.status != Proposal.Status.PROPOSED:
        raise ValidationError(_("This proposal was already decided."))
    programme = first.run.programme
    for youth, mentor in ((first.youth, second.mentor), (second.youth, first.mentor)):
        problem = hard_constraint_problem(programme, youth, mentor)
        if problem:
            raise ValidationError(
                _("%(y)s and %(m)s: %(p)s.") % {"y": youth, "m": mentor, "p": problem}
            )
    today = timezone.localdate()
    first.mentor, second.mentor = second.mentor, first.mentor
    for p in (first, second):
        p.score, p.breakdown = rescore(programme, p.youth, p.mentor, today)
        p.pinned = True
        p.save(update_fields=["mentor", "score", "breakdown", "pinned", "updated_at"])
    return first, second


@service
@transaction.atomic
def match_add_mentor(*, match: Match, mentor: Mentor, by: Any) -> Match:
    """Group mentoring has one or two mentors: a co-mentor passes the same checks."""
    _runs(by, match, "add_mentor")
    match = Match.objects.select_for_update(of=("self",)).get(pk=match.pk)
    if match.mode != Mode.GROUP:
        raise ValidationError(_("Only a group match can have a second mentor."))
    if not match.is_open:
        raise ValidationError(_("The match is closed."))
    current = list(match.mentors.all())
    if mentor in current:
        raise ValidationError(_("%s already mentors this group.") % mentor)
    if len(current) >= 2:
        raise ValidationError(_("Group mentoring has one or two mentors."))
    today = timezone.localdate()
    screening, training = mentor_gaps(mentor, today)
    if (
        mentor.programme_id != match.programme_id
        or mentor.status != Mentor.Status.APPROVED
        or screening
        or training
    ):
        raise ValidationError(
            _("%(m)s is not screened, cleared and trained: missing %(g)s.")
            % {"m": mentor, "g": ", ".join(screening + training) or mentor.get_status_display()}
        )
    match.mentors.add(mentor)
    match.log("mentor_added", by=person_of(by), data={"mentor": str(mentor.pk)})
    if match.status == Match.Status.ACTIVE:
        _notify_people(
            [mentor.person],
            kind=kinds.MATCH_INTRODUCED,
            organisation=OWN_ORGANISATION,
            subject=msg("A mentoring match is introduced"),
            title=_named_match(match, msg("%(match)s: you join its mentors")),
            body=msg("Open the match in Entrepairs to see what comes next."),
            link=_match_link(match),
        )
    return match


@service
@transaction.atomic
def match_introduce(*, match: Match, by: Any) -> Match:
    """The introduction: the match starts; mentor, case worker and guardian are told."""
    _runs(by, match, "introduce")
    match = Match.objects.select_for_update(of=("self",)).get(pk=match.pk)
    if match.status != Match.Status.PROPOSED:
        raise ValidationError(_("Only a proposed match can be introduced."))
    today = timezone.localdate()
    match.status = Match.Status.ACTIVE
    match.introduced_on = today
    match.last_contact_on = today
    match.save()
    youths = list(match.youths.select_related("case_worker__user", "guardian__user"))
    Youth.objects.filter(pk__in=[y.pk for y in youths]).update(status=Youth.Status.MATCHED)
    match.schedule_checkins(today)
    match.log("introduced", by=person_of(by))
    people = [m.person for m in match.mentors.select_related("person__user")]
    people += [y.case_worker for y in youths if y.case_worker]
    people += [g for y in youths for g in guardians_of(y)]  # every adoptive parent too
    _notify_people(
        people,
        kind=kinds.MATCH_INTRODUCED,
        organisation=OWN_ORGANISATION,
        subject=msg("A mentoring match is introduced"),
        title=_named_match(match, msg("%(match)s starts")),
        body=msg("Open the match in Entrepairs to see what comes next."),
        link=_match_link(match),
    )
    return match


# --- follow-up ------------------------------------------------------------------------------


def _resolve(match: Match, kind: str) -> None:
    MatchAlert.objects.filter(match=match, kind=kind, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )


@service
@refusals_audited("checkin", target="checkin")
@transaction.atomic
def checkin_record(
    *,
    checkin: CheckIn,
    rating: int | None,
    meets_regularly: bool | None,
    note: str = "",
    done_on: date | None = None,
    told_by: str = "",
    by: Any,
) -> CheckIn:
    """A short check-in form, filled in by its own party (issue 14, point 4): the mentor signed
    in, the youth or the guardian through the signed link e-mailed to them (`by` a CheckInLink),
    or the programme's staff and the youth's agency on the party's behalf, as `told_by` told it
    (recorded as such). One rule, rules.may_record_checkin. When every party's check-in is done,
    the next one is scheduled."""
    link = by if isinstance(by, CheckInLink) else None
    checkin = CheckIn.objects.select_for_update(of=("self",)).get(pk=checkin.pk)
    if link is None:
        _follows(by, checkin.match, "checkin")
    if by is not SYSTEM and not may_record_checkin(link or viewer_of(by), checkin):
        raise PermissionDenied(
            _(
                "A mentor records the mentor's check-in only; the programme's coordinators and "
                "the youth's agency record the youth's and the guardian's."
            )
        )
    if checkin.done_on is not None:
        raise ValidationError(_("This check-in is already recorded."))
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Rate from 1 to 5.")})
    check_happened_on("done_on", done_on)
    check_lengths(note=note)
    on_behalf = _via(by, checkin) == CheckIn.Via.ON_BEHALF
    if on_behalf and not told_by.strip():
        # Answers given on a party's behalf are worth only as much as who gave them.
        raise ValidationError(
            {"told_by": _("Say who gave these answers (the youth, the foster parent...).")}
        )
    checkin.done_on = done_on or timezone.localdate()
    checkin.rating = rating
    checkin.meets_regularly = meets_regularly
    checkin.note = note
    checkin.recorded_by = person_of(by)
    checkin.recorded_via, checkin.told_by = _via(by, checkin), ""
    if checkin.recorded_via == CheckIn.Via.ON_BEHALF:
        checkin.told_by = told_by.strip()[:100]
    checkin.save()
    match = checkin.match
    if not match.checkins.filter(done_on__isnull=True, due_on__lte=checkin.due_on).exists():
        _resolve(match, MatchAlert.Kind.CHECKIN_OVERDUE)
        if match.status == Match.Status.ACTIVE:
            match.schedule_checkins(max(checkin.due_on, checkin.done_on))
    return checkin


def _via(by: Any, checkin: CheckIn) -> str:
    """How a check-in's answers came in (shown beside them to those who read them)."""
    if by is SYSTEM:
        return ""
    if isinstance(by, CheckInLink):
        return CheckIn.Via.LINK
    rights = match_rights(viewer_of(by), checkin.match)
    return (
        CheckIn.Via.ON_BEHALF if records_on_behalf(rights, checkin.party) else CheckIn.Via.ACCOUNT
    )


@service
@transaction.atomic
def contact_record(
    *,
    match: Match,
    kind: str,
    happened_on: date,
    duration_minutes: int | None = None,
    place: str = "",
    note: str = "",
    arranged_with_guardian: bool = False,
    by: Any,
) -> ContactLog:
    _follows(by, match, "contact")
    if not match.is_open:
        raise ValidationError(_("Contacts are recorded on open matches."))
    if happened_on > timezone.localdate() + timedelta(days=90):
        raise ValidationError({"happened_on": _("This date is too far ahead.")})
    check_lengths(note=note)
    check_lengths(200, place=place)
    if happened_on <= timezone.localdate():  # a planned meeting may come up to 90 days ahead
        check_happened_on("happened_on", happened_on)
    guardian = None
    if arranged_with_guardian:
        guardian = next(
            (y.guardian for y in match.youths.select_related("guardian") if y.guardian), None
        )
        if guardian is None:
            raise ValidationError(
                {
                    "arranged_with_guardian": _(
                        "The youth has no foster parent or guardian recorded."
                    )
                }
            )
    contact = ContactLog.objects.create(
        match=match,
        kind=kind,
        happened_on=happened_on,
        duration_minutes=duration_minutes,
        place=place,
        note=note,
        arranged_by=guardian,
        recorded_by=person_of(by),
    )
    if happened_on <= timezone.localdate() and (
        match.last_contact_on is None or happened_on >= match.last_contact_on
    ):
        match.last_contact_on = happened_on
        match.save(update_fields=["last_contact_on", "updated_at"])
        _resolve(match, MatchAlert.Kind.NO_CONTACT)
    if guardian is not None and guardian.user_id:
        _notify_people(
            [guardian],
            kind=kinds.MEETING_TO_ARRANGE,
            organisation=OWN_ORGANISATION,
            subject=msg("A mentoring meeting you help arrange"),
            title=_named_match(match, msg("%(match)s: a meeting you help arrange")),
            body=msg("Open Entrepairs to see the date and place of the meeting."),
            link=_match_link(match),
        )
    return contact


@service
@refusals_audited("note", target="match")
@transaction.atomic
def progress_note_add(
    *,
    match: Match,
    youth: Youth | None,
    text: str,
    by: Any,
    shared_with: Iterable[Organisation] = (),
) -> ProgressNote:
    """Progress goes into the youth's file (seed 001). A note is about one youth, or in a group
    match about the group (`youth` None): then it is one record, read by the agencies it is
    explicitly shared with, chosen among the group's youths' agencies (issue 14)."""
    _follows(by, match, "note")
    check_lengths(text=text)
    errors: dict[str, Any] = {}
    if not text.strip():
        errors["text"] = _("Write the progress note.")
    youths = list(match.youths.all())
    shared = list(shared_with)
    if youth is not None:
        if youth.pk not in {y.pk for y in youths}:
            errors["youth"] = _("This youth is not in the match.")
        elif by is not SYSTEM and not may_write_about(viewer_of(by), match, youth):
            errors["youth"] = _("You may write only about the youths your agency follows.")
        if shared:  # never dropped silently: a youth's note is read by that youth's agency
            errors["shared_with"] = _(
                "A note about one youth is read by that youth's agency and is not shared "
                "further: leave “shared with” empty, or write a group note (no youth) shared "
                "with the agencies you choose."
            )
    elif len(youths) == 1:
        youth, shared = youths[0], []  # an individual match: the note is about its youth
    elif {o.pk for o in shared} - {y.agency_id for y in youths}:
        errors["shared_with"] = _("A group note is shared only with the agencies of its youths.")
    if errors:
        raise ValidationError(errors)
    note = ProgressNote.objects.create(match=match, youth=youth, text=text, author=person_of(by))
    if shared:
        note.shared_with.set(shared)
    return note


# --- continuity ------------------------------------------------------------------------------


@service
@transaction.atomic
def situation_change_record(
    *,
    youth: Youth,
    kind: str,
    happened_on: date,
    summary_for_mentor: str = "",
    note: str = "",
    by: Any,
) -> SituationChange:
    """Mentors are told of every placement or situation change (seed 001), within the agreement:
    the notification says only that there is an update; the summary shows on the match page if
    the agreement shares situation updates. Adoption keeps the match, with a note for the
    adoptive parents explaining the mentor's role."""
    require_looks_after(by, youth)
    if kind == SituationChange.Kind.ADOPTION:  # a real event with its parents: .family
        raise ValidationError(
            {
                "kind": _(
                    "An adoption is recorded with its own form: the date, the adoptive parents "
                    "and the wishes of the youth and the family."
                )
            }
        )
    check_happened_on("happened_on", happened_on)
    check_lengths(note=note)
    check_lengths(300, summary_for_mentor=summary_for_mentor)
    return record_situation(
        youth=youth,
        kind=kind,
        happened_on=happened_on,
        summary_for_mentor=summary_for_mentor,
        note=note,
        by=by,
    )


def record_situation(
    *,
    youth: Youth,
    kind: str,
    happened_on: date,
    summary_for_mentor: str = "",
    note: str = "",
    by: Any,
    data: dict[str, Any] | None = None,
) -> SituationChange:
    """The change in the youth's file and each open match's log; the mentors hear only that
    there is an update. For callers that checked `require_looks_after` (this module, .family)."""
    change = SituationChange.objects.create(
        youth=youth,
        kind=kind,
        happened_on=happened_on,
        summary_for_mentor=summary_for_mentor,
        note=note,
        recorded_by=person_of(by),
    )
    for match in youth.matches.filter(status__in=Match.OPEN).prefetch_related(
        "mentors__person__user"
    ):
        logged = {"change": str(change.pk), "kind": kind, "youth": str(youth.pk), **(data or {})}
        # The programme's note is for the adoptive parents, not the match's history: it says the
        # match continues, which a closure proposal may soon contradict.
        match.log(f"situation_{kind}", by=person_of(by), data=logged)
        _notify_people(
            [m.person for m in match.mentors.all()],
            kind=kinds.MATCH_UPDATE,
            organisation=OWN_ORGANISATION,
            subject=msg("An update about your mentoring match"),
            title=_named_match(match, msg("%(match)s: an update")),
            body=msg("Something changed for your mentoring match: open it in Entrepairs."),
            link=_match_link(match),
        )
    return change


def _transfer_link(transfer: Transfer) -> str:
    return reverse("mentoring:transfer", args=[transfer.pk])


@service
@refusals_audited("transfer", target="youth")
@transaction.atomic
def youth_transfer(*, youth: Youth, to_agency: Organisation, by: Any) -> Transfer:
    """The youth moves to another agency. The move is recorded at once and the match continues
    (mentors are told there is an update); the youth's file is handed over only when a
    coordinator of the receiving agency accepts (`transfer_accept`). Until then the sending agency
    keeps the file and the receiving agency sees only what deciding needs (DECISIONS,
    Confidentiality: transfers; seed 001: the new agency is told of the match)."""
    require_looks_after(by, youth)
    youth = (
        Youth.objects.select_for_update(of=("self",))
        .select_related("programme__organisation", "person")
        .get(pk=youth.pk)
    )
    old = youth.agency
    if to_agency.pk == old.pk:
        raise ValidationError({"to_agency": _("The youth is already with this agency.")})
    # The one list of possible agencies (selectors.transfer_agencies, as the form and the API
    # offer it): any other organisation's staff would read the file (issue 14).
    if not transfer_agencies(youth).filter(pk=to_agency.pk).exists():
        if to_agency.kind == to_agency.Kind.AGENCY:
            message = _("Choose a child-welfare agency, not the programme's organisation.")
        else:
            message = _("A youth is transferred only to a child-welfare agency.")
        raise ValidationError({"to_agency": message})
    if youth.transfers.filter(handover=Transfer.Handover.PENDING).exists():
        raise ValidationError(
            {"to_agency": _("A transfer of this youth already waits for the receiving agency.")}
        )
    old_agreement = agreement_for(youth.programme.organisation_id, old.pk)
    snapshot = (
        {"fields": list(old_agreement.fields), "purposes": dict(old_agreement.purposes)}
        if old_agreement
        else {}
    )
    transfer = Transfer.objects.create(
        youth=youth,
        from_agency=old,
        to_agency=to_agency,
        agreement_snapshot=snapshot,
        recorded_by=person_of(by),
    )
    for match in youth.matches.filter(status__in=Match.OPEN).prefetch_related(
        "mentors__person__user"
    ):
        match.log(
            "transferred",
            by=person_of(by),
            data={"from": old.name, "to": to_agency.name, "youth": str(youth.pk)},
        )
        _notify_people(
            [m.person for m in match.mentors.all()],
            kind=kinds.MATCH_UPDATE,
            organisation=OWN_ORGANISATION,
            subject=msg("An update about your mentoring match"),
            title=_named_match(match, msg("%(match)s: an update")),
            body=msg("Something changed for your mentoring match: open it in Entrepairs."),
            link=_match_link(match),
        )
    _notify_people(
        _users_with_role(to_agency.pk, tuple(MANAGING_ROLES)),
        kind=kinds.TRANSFER_TO_DECIDE,
        organisation=to_agency.pk,
        subject=msg("A youth transfer waits for your decision"),
        # The receiving agency sees the youth once it accepts: the sending agency is named.
        title=msg("A youth transfer from %(agency)s waits for your decision", agency=old),
        body=msg("Accept or refuse the handover of a mentored youth's file to your agency."),
        link=_transfer_link(transfer),
        about=transfer,
    )
    return transfer


def _pending_for_decision(transfer: Transfer, by: Any) -> Transfer:
    """Lock the transfer; only a coordinator of the receiving agency decides, and only once."""
    transfer = (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("youth__programme", "from_agency", "to_agency")
        .get(pk=transfer.pk)
    )
    if not transfer.is_pending:
        raise ValidationError(_("This handover was already decided."))
    if by is not SYSTEM and not can_decide_handover(viewer_of(by), transfer):
        raise PermissionDenied(
            _("Only a coordinator of the receiving agency accepts or refuses the handover.")
        )
    # Accepted or refused (the caller's next step, in this transaction): decided for everyone.
    resolve(kind=kinds.TRANSFER_TO_DECIDE, about=transfer)
    return transfer


def _named_transfer(transfer: Transfer, wording: Message) -> TitleFor:
    """An in-app title naming the youth (`%(youth)s`) to whoever may see them next to the
    transfer (rules.names_transferred_youth); the others read the subject."""

    def title(person: Person) -> Message | str:
        if not names_transferred_youth(viewer_of(person), transfer):
            return ""
        return wording.with_params(
            youth=transfer.youth.person.short_name, agency=transfer.to_agency
        )

    return title


def _tell_sending_side(transfer: Transfer, subject: Message, title: Message) -> None:
    """`title` names the youth (`%(youth)s`) and the receiving agency (`%(agency)s`)."""
    youth = transfer.youth
    for organisation_id, roles in (
        (transfer.from_agency_id, AGENCY_ROLES),
        (youth.programme.organisation_id, (Role.COORDINATOR,)),
    ):
        _notify_people(
            _users_with_role(organisation_id, roles),
            kind=kinds.TRANSFER_ANSWERED,
            organisation=organisation_id,
            subject=subject,
            title=_named_transfer(transfer, title),
            body=msg("Open the transfer in Entrepairs to see the receiving agency's answer."),
            link=_transfer_link(transfer),
        )


@service
@transaction.atomic
def transfer_accept(*, transfer: Transfer, by: Any) -> Transfer:
    """The receiving agency takes the youth's file: the agreement follows (copied for the new
    agency if it has none: its coordinator accepts it with the handover), its case workers gain
    access and the sending agency loses it at once (seed 001)."""
    transfer = _pending_for_decision(transfer, by)
    to_agency = transfer.to_agency
    if to_agency is None:  # the agency left the platform while the request waited
        raise ValidationError(_("The receiving agency no longer exists."))
    youth = (
        Youth.objects.select_for_update(of=("self",))
        .select_related("programme__organisation", "person")
        .get(pk=transfer.youth_id)
    )
    old = youth.agency
    programme_org = youth.programme.organisation_id
    if transfer.agreement_snapshot and agreement_for(programme_org, to_agency.pk) is None:
        SharingAgreement.objects.create(
            organisation_id=programme_org,
            agency=to_agency,
            fields=list(transfer.agreement_snapshot.get("fields", [])),
            purposes=dict(transfer.agreement_snapshot.get("purposes", {})),
            carried_over_from=old,
        )
    youth.agency = to_agency
    youth.organisation = to_agency
    youth.case_worker = None  # the old agency's worker loses the youth; the new agency names one
    youth.save()
    person = youth.person
    person.organisation = to_agency
    person.team = None
    person.line_manager = None
    person.save()
    Membership.objects.filter(person=person, organisation=old, role=Role.YOUTH).delete()
    Membership.objects.get_or_create(person=person, organisation=to_agency, role=Role.YOUTH)
    transfer.handover = Transfer.Handover.ACCEPTED
    transfer.decided_by = by if isinstance(by, Person) else None
    transfer.decided_on = timezone.localdate()
    transfer.save()
    for match in youth.matches.filter(status__in=Match.OPEN):
        match.log(
            "handover_accepted",
            by=transfer.decided_by,
            data={"to": to_agency.name, "youth": str(youth.pk)},
        )
    _notify_people(
        _users_with_role(to_agency.pk, AGENCY_ROLES),
        kind=kinds.YOUTH_JOINED,
        organisation=to_agency.pk,
        subject=msg("A youth with a mentoring match joined your agency"),
        # The agency now holds the youth's file.
        title=msg("%(youth)s joined your agency with a mentoring match", youth=person.short_name),
        body=msg(
            "Mentoring matters to this youth: please read the match history and name a case worker."
        ),
        link=reverse("mentoring:youth", args=[youth.pk]),
        about=youth,
    )
    _tell_sending_side(
        transfer,
        msg("The receiving agency accepted the handover of a youth's file"),
        msg("%(agency)s accepted the handover of the file of %(youth)s"),
    )
    return transfer


@service
@transaction.atomic
def transfer_refuse(*, transfer: Transfer, reason: str = "", by: Any) -> Transfer:
    """The receiving agency refuses the handover: the refusal is recorded, the file stays with the
    sending agency, and the sending side is told so it can take the matter up."""
    transfer = _pending_for_decision(transfer, by)
    transfer.handover = Transfer.Handover.REFUSED
    transfer.refusal_reason = reason.strip()
    transfer.decided_by = by if isinstance(by, Person) else None
    transfer.decided_on = timezone.localdate()
    transfer.save()
    _tell_sending_side(
        transfer,
        msg("The receiving agency refused the handover of a youth's file"),
        msg("%(agency)s refused the handover of the file of %(youth)s"),
    )
    return transfer


@service
@transaction.atomic
def youth_assign_case_worker(*, youth: Youth, case_worker: Person | None, by: Any) -> Youth:
    require_looks_after(by, youth)
    if (
        case_worker is not None
        and not Membership.objects.filter(
            person=case_worker, organisation_id=youth.agency_id, role=Role.CASE_WORKER
        ).exists()
    ):
        raise ValidationError(
            {"case_worker": _("This person is not a case worker of the youth's agency.")}
        )
    youth.case_worker = case_worker
    youth.save(update_fields=["case_worker", "updated_at"])
    if case_worker is not None:  # what the agency was asked when the youth joined it
        resolve(kind=kinds.YOUTH_JOINED, about=youth)
    return youth


# --- closure ---------------------------------------------------------------------------------


def _staff_of_match(match: Match, but: Any = None) -> list[Any]:
    people = _users_with_role(match.organisation_id, (Role.COORDINATOR,))
    return [
        p for p in people if but is None or getattr(p, "pk", None) != getattr(but, "user_id", 0)
    ]


@service
def match_close(
    *,
    match: Match,
    reason: str,
    conversation_on: date | None,
    conversation: str,
    youth_view: str = "",
    note: str = "",
    by: Any,
) -> Match:
    """Propose to close with a reason of the programme's list (never a sanction), after a closure
    conversation and with the youth's or their guardian's view; a second staff member confirms
    (closure_confirm). A safeguarding concern does not close: it pauses the match and opens a
    review. Trusted code (SYSTEM: demo data) closes at once."""
    _manages(by, match, "close")
    check_lengths(conversation=conversation, youth_view=youth_view, note=note)
    kind = match.programme.reason_kind(reason) or ""
    refuse_sanctions(
        {"conversation": conversation, "youth_view": youth_view, "note": note},
        about=match,
        what="closure",
        by=by,
        kind=kind,
    )
    errors: dict[str, Any] = {}
    if not reason:
        errors["reason"] = _("Choose a closure reason from the programme's list.")
    elif not kind:
        errors["reason"] = _("This is not one of the programme's closure reasons.")
    if conversation_on is None:
        errors["conversation_on"] = _(
            "Closing a match requires a closure conversation: give its date."
        )
    elif wrong_day := happened_on_error(conversation_on):
        errors["conversation_on"] = wrong_day
    if is_blank(conversation):
        errors["conversation"] = _("Summarise the closure conversation.")
    if by is not SYSTEM and is_blank(youth_view):
        errors["youth_view"] = _(
            "Record the youth's view (or their guardian's) on closing the match."
        )
    if errors:
        raise ValidationError(errors)
    if match.status not in (Match.Status.ACTIVE, Match.Status.PAUSED):
        raise ValidationError(_("Only an active or paused match can be closed."))
    assert conversation_on is not None  # checked above
    with transaction.atomic():
        if kind == SAFEGUARDING:
            _open_review(match, concern=conversation, by=by)
            return match
        if by is SYSTEM:
            _close_now(match, reason, conversation_on, conversation, note, by)
            return match
        if match.closures.filter(status=Closure.Status.PROPOSED).exists():
            raise ValidationError(
                _("A closure of this match is already waiting for a second staff member.")
            )
        closure = Closure.objects.create(
            match=match,
            reason=reason,
            conversation_on=conversation_on,
            conversation=conversation,
            youth_view=youth_view,
            note=note,
            proposed_by=person_of(by),
        )
        match.log("closure_proposed", by=person_of(by), data={"reason": reason})
        _notify_people(
            _staff_of_match(match, but=by),
            kind=kinds.CLOSURE_TO_CONFIRM,
            organisation=match.organisation_id,
            subject=msg("A match closure needs your confirmation"),
            title=_named_match(match, msg("%(match)s: a closure to confirm")),
            body=msg("A colleague proposed to close a mentoring match: open it to confirm or not."),
            link=_match_link(match),
            about=closure,
        )
    return match


def _pending_closure(closure: Closure) -> Closure:
    """The proposal, locked; one already decided says when and by whom (409 in the API)."""
    locked = Closure.objects.select_for_update().get(pk=closure.pk)
    if locked.status == Closure.Status.PROPOSED:
        return locked
    done = {
        "by": locked.decided_by or _("a staff member"),
        "on": long_date(locked.decided_at or locked.updated_at),
    }
    if locked.status == Closure.Status.CONFIRMED:
        message = _(
            "This closure was already confirmed by %(by)s on %(on)s: the match is closed. "
            "Nothing more to confirm; the programme's coordinators may reopen the match."
        )
    else:
        message = _(
            "This closure proposal was already withdrawn by %(by)s on %(on)s: the match goes "
            "on. Propose a new closure if it must end."
        )
    raise AlreadyDecided(message % done)


class AlreadyDecided(ValidationError):
    """A closure decided twice: a conflict with the closure's state (the API answers 409)."""


@service
@transaction.atomic
def closure_confirm(*, closure: Closure, by: Any) -> Match:
    """The second pair of eyes: a coordinator of the programme other than the proposer closes
    the match (rules.may_confirm_closure, also read by the page's button and the API)."""
    match = closure.match
    _manages(by, match, "close")
    closure = _pending_closure(closure)
    if by is not SYSTEM and not may_confirm_closure(viewer_of(by), match, closure):
        if closure.proposed_by_id == getattr(by, "pk", None):
            raise PermissionDenied(
                _(
                    "A closure is confirmed by a second staff member, not by the one who "
                    "proposed it."
                )
            )
        raise PermissionDenied(
            _(
                "A closure is confirmed by a coordinator of the mentoring programme, as the "
                "second pair of eyes; the youth's agency may propose or withdraw it and is told "
                "once it is confirmed."
            )
        )
    _close_now(
        match, closure.reason, closure.conversation_on, closure.conversation, closure.note, by
    )
    closure.status = Closure.Status.CONFIRMED
    closure.decided_by = person_of(by)
    closure.decided_at = timezone.now()
    closure.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    resolve(kind=kinds.CLOSURE_TO_CONFIRM, about=closure)
    return match


@service
@transaction.atomic
def closure_withdraw(*, closure: Closure, by: Any) -> Match:
    """The proposer or a colleague withdraws a closure proposal: the match goes on."""
    match = closure.match
    _manages(by, match, "close")
    closure = _pending_closure(closure)
    closure.status = Closure.Status.WITHDRAWN
    closure.decided_by = person_of(by)
    closure.decided_at = timezone.now()
    closure.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    resolve(kind=kinds.CLOSURE_TO_CONFIRM, about=closure)
    match.log("closure_withdrawn", by=person_of(by))
    return match


def _close_now(
    match: Match,
    reason: str,
    conversation_on: date | None,
    conversation: str,
    note: str,
    by: Any,
) -> None:
    """Close; an ended-early youth goes back to the waiting list, mentoring stays in their
    services until then; the youth's case worker is told (no name in the e-mail)."""
    match.close(
        reason=reason,
        conversation_on=conversation_on,
        conversation=conversation,
        note=note,
        by=person_of(by),
    )
    today = timezone.localdate()
    youths = list(match.youths.select_related("case_worker__user"))
    for youth in youths:
        if not youth.matches.filter(status__in=Match.OPEN).exists():
            youth.status = (
                Youth.Status.LEFT
                if match.status == Match.Status.COMPLETED
                else Youth.Status.WAITING
            )
            youth.save(update_fields=["status", "updated_at"])
            if youth.status == Youth.Status.LEFT:
                YouthService.objects.filter(youth=youth, until__isnull=True).update(until=today)
    MatchAlert.objects.filter(match=match, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    _notify_people(
        [y.case_worker for y in youths if y.case_worker],
        kind=kinds.MATCH_CLOSED,
        organisation=OWN_ORGANISATION,
        subject=msg("A mentoring match was closed"),
        title=_named_match(match, msg("%(match)s was closed")),
        body=msg("Open the match in Entrepairs to read why it was closed."),
        link=_match_link(match),
    )


def _open_review(match: Match, *, concern: str, by: Any) -> SafeguardingReview:
    """A safeguarding concern pauses the match (never a silent closure) and waits for the
    coordinators' follow-up; the youth's case worker is told too."""
    if match.status == Match.Status.ACTIVE:
        match.pause(
            reason=str(_("Safeguarding concern: review opened.")),
            kind=SAFEGUARDING,
            by=person_of(by),
        )
    review = SafeguardingReview.objects.create(
        match=match, concern=concern, raised_by=person_of(by)
    )
    match.log("safeguarding_review_opened", by=person_of(by))
    youths = match.youths.select_related("case_worker__user")
    _notify_people(
        [*_staff_of_match(match), *[y.case_worker for y in youths if y.case_worker]],
        kind=kinds.SAFEGUARDING_REVIEW,
        organisation=match.organisation_id,
        subject=msg("A safeguarding review was opened"),
        title=_named_match(match, msg("%(match)s: a safeguarding review was opened")),
        body=msg("A safeguarding concern was raised on a mentoring match: open it to follow up."),
        link=_match_link(match),
    )
    return review


@service
def safeguarding_review_follow_up(*, review: SafeguardingReview, outcome: str, by: Any) -> Match:
    """The programme's coordinators record what was done; the match stays paused until they
    resume it or propose its closure. The outcome says why the match is kept or stopped: never a
    sanction (seed 001)."""
    match = review.match
    require_staff(
        by,
        match.organisation_id,
        _(
            "Only the programme's coordinators follow up a safeguarding review: the youth's "
            "agency is told of the review and may ask them what was done."
        ),
    )
    if is_blank(outcome):
        raise ValidationError({"outcome": _("Say what was done about the concern.")})
    refuse_sanctions({"outcome": outcome}, about=match, what="safeguarding_follow_up", by=by)
    with transaction.atomic():
        return _follow_up(review, outcome, by)


def _follow_up(review: SafeguardingReview, outcome: str, by: Any) -> Match:
    match = review.match
    review = SafeguardingReview.objects.select_for_update().get(pk=review.pk)
    if review.status != SafeguardingReview.Status.OPEN:
        raise ValidationError(_("This review was already followed up."))
    review.status = SafeguardingReview.Status.FOLLOWED_UP
    review.outcome = outcome
    review.followed_up_by = person_of(by)
    review.followed_up_at = timezone.now()
    review.save()
    match.log("safeguarding_followed_up", by=person_of(by))
    return match


@service
@transaction.atomic
def match_reopen(*, match: Match, note: str = "", by: Any) -> Match:
    _manages(by, match, "reopen")
    for youth in match.youths.all():
        if youth.matches.filter(status__in=Match.OPEN).exclude(pk=match.pk).exists():
            raise ValidationError(_("%s has another open match.") % youth)
    match.reopen(note=note, by=person_of(by))
    youths = list(match.youths.all())
    Youth.objects.filter(pk__in=[y.pk for y in youths]).update(status=Youth.Status.MATCHED)
    YouthService.objects.filter(youth__in=youths, until__isnull=False).update(until=None)
    return match


# --- alerts (periodic) -----------------------------------------------------------------------

OVERDUE_GRACE_DAYS = 7


def alerts_refresh(today: date | None = None) -> int:
    """Open an alert when an active match had no contact, or a check-in is overdue, for too long;
    the programme's coordinators are told once per alert. Returns the number of new alerts."""
    today = today or timezone.localdate()
    created = 0
    active = Match.objects.filter(status=Match.Status.ACTIVE).select_related("programme")
    open_alerts = set(
        MatchAlert.objects.filter(resolved_at__isnull=True).values_list("match_id", "kind")
    )
    overdue = set(
        CheckIn.objects.filter(
            match__status=Match.Status.ACTIVE,
            done_on__isnull=True,
            due_on__lt=today - timedelta(days=OVERDUE_GRACE_DAYS),
        ).values_list("match_id", flat=True)
    )
    coordinators: dict[Any, list[Any]] = {}
    for match in active.iterator():
        last = match.last_contact_on or match.introduced_on or match.created_at.date()
        wanted = []
        if (today - last).days > match.programme.alert_after_days_without_contact:
            wanted.append(MatchAlert.Kind.NO_CONTACT)
        if match.pk in overdue:
            wanted.append(MatchAlert.Kind.CHECKIN_OVERDUE)
        for kind in wanted:
            if (match.pk, kind) in open_alerts:
                continue
            MatchAlert.objects.create(match=match, kind=kind)
            created += 1
            org = match.organisation_id
            if org not in coordinators:
                coordinators[org] = _users_with_role(org, (Role.COORDINATOR,))
            _notify_people(
                coordinators[org],
                kind=kinds.MATCH_ATTENTION,
                organisation=org,
                subject=msg("A mentoring match needs attention"),
                title=_named_match(match, msg("%(match)s needs attention")),
                body=msg(
                    "This match has had no contact, or a check-in is late, for too long: open it."
                ),
                link=_match_link(match),
            )
    return created


@service
def match_pause(*, match: Match, reason: str, kind: str, by: Any) -> Match:
    """Pause an active match, for a kind of reason fixed by the product and a note that is never
    a sanction (seed 001); a safeguarding concern opens a review."""
    _manages(by, match, "pause")
    refuse_sanctions({"reason": reason}, about=match, what="pause", by=by, kind=kind)
    if kind not in PAUSE_KINDS:
        raise ValidationError({"kind": _("Choose the kind of reason for the pause.")})
    with transaction.atomic():
        match.pause(reason=reason, kind=kind, by=person_of(by))
        if kind == SAFEGUARDING:
            _open_review(match, concern=reason, by=by)
    return match


@service
@transaction.atomic
def match_resume(*, match: Match, by: Any) -> Match:
    _manages(by, match, "resume")
    match.resume(by=person_of(by))
    return match
