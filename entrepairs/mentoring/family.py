"""A youth's placement, foster or adoptive family, and adoption, from mentoring's side.

The placement history itself lives with the child in the people app (`people.placements`, one
home shared with casework). Here: who may record a move for a youth (the programme's staff and
the youth's agency, `require_looks_after`), what the mentors are told, who holds the guardian role
for the match (the current family, `follow_placement`), and adoption (seed 001: « Élaborez une
politique concernant la poursuite de la relation de mentorat si le jeune pris en charge est
adopté … expliquez aux parents adoptifs l'importance du rôle du mentor »).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.audit import refusals_audited
from entrepairs.core.mail import recipient_language, send_in_language
from entrepairs.core.notifications import msg
from entrepairs.core.services import service
from entrepairs.core.text import is_blank
from entrepairs.mentoring import notification_kinds as kinds
from entrepairs.organisations.models import Membership, Role
from entrepairs.people import placements
from entrepairs.people.models import Person, Placement, PlacementKind

from .lifecycle import match_close, record_situation
from .models import Closure, Match, SituationChange, Youth
from .models.programmes import DEFAULT_ADOPTION_NOTE
from .sanctions import refuse_sanctions
from .services import OWN_ORGANISATION, _notify_people, person_of, require_looks_after

KEEP, END = "keep", "end"
WISHES = (KEEP, END)


def _family_from(youth: Youth, keep_current: bool, new_family: Iterable[dict], by: Any) -> list:
    family = placements.current_family(youth.person) if keep_current else []
    for contact in new_family:
        if any(str(contact.get(k, "")).strip() for k in ("first_name", "last_name", "phone")):
            family.append(placements.family_contact_add(child=youth.person, by=by, **contact))
    return family


@service
@refusals_audited("placement", target="youth")
@transaction.atomic
def youth_placement_change(
    *,
    youth: Youth,
    kind: str,
    since: date,
    keep_current_family: bool = False,
    new_family: Iterable[dict] = (),
    note: str = "",
    summary_for_mentor: str = "",
    by: Any,
) -> Placement:
    """The youth moves (a new foster family, a home...): recorded at once in the child's one
    placement history (DECISIONS, transfers: a placement change is a fact recorded at once), the
    mentors told there is an update (seed 001) and the guardian role follows the new family, so
    the mentor's view shows the current family contact, never the previous one."""
    require_looks_after(by, youth)
    family = _family_from(youth, keep_current_family, new_family, by)
    placement = placements.placement_change(
        child=youth.person,
        kind=kind,
        since=since,
        family=family,
        note=note,
        organisation=youth.agency_id,
        by=by,
    )
    record_situation(
        youth=youth,
        kind=SituationChange.Kind.PLACEMENT,
        happened_on=since,
        summary_for_mentor=summary_for_mentor,
        by=by,
        data={"placement": str(placement.pk)},
    )
    return placement


def _closure_reason(youth: Youth, youth_wish: str) -> str:
    """The programme's reason for an adoption that ends the match: the youth's wish, or the
    adoptive family's informed wish — reason kinds of the product, never a sanction."""
    kind = "youth_wish" if youth_wish == END else "family_wish"
    programme = youth.programme
    for r in programme.closure_reasons:
        if programme.reason_kind(r.get("code", "")) == kind:
            return str(r["code"])
    raise ValidationError(
        {
            "family_wish": _(
                "The programme has no closure reason for this wish: a coordinator adds one first."
            )
        }
    )


def _tell_adoptive_parents(youth: Youth, parents: list[Person]) -> None:
    """The programme's note on the mentor's role, to each adoptive parent: in the app for those
    with an account (and its e-mail copy), by e-mail for those known only by their address. No
    child's name in either (DECISIONS, confidentiality)."""
    note = youth.programme.adoption_note_text()
    if not note:
        return
    with_account = [p for p in parents if p.user_id]
    # The programme's page may be closed to them: their home page lists what is theirs.
    _notify_people(
        with_account,
        kind=kinds.PROGRAMME_WORD,
        organisation=OWN_ORGANISATION,
        subject=msg("A word from the mentoring programme"),
        title=msg("A word from %(programme)s", programme=youth.programme),
        # The product's default note in the reader's language; a programme's own as written.
        body=msg(DEFAULT_ADOPTION_NOTE)
        if youth.programme.adoption_note.strip() == DEFAULT_ADOPTION_NOTE
        else note,
        link=reverse("dashboard"),
    )
    programme, sender = youth.programme, youth.programme.organisation.name
    # One message per parent, in their language: each of a couple gets their own e-mail, no
    # address copied.
    for parent in parents:
        if parent.user_id or not parent.email:
            continue
        send_in_language(
            recipient_language(parent),
            to=[parent.email],
            subject=lambda: _("A word from the mentoring programme"),
            body=lambda: f"{programme.adoption_note_text()}\n\n— {sender}",
            prefix="",
        )


def _ensure_guardian_role(youth: Youth, parents: list[Person]) -> None:
    for parent in parents:
        Membership.objects.get_or_create(
            person=parent, organisation_id=youth.agency_id, role=Role.GUARDIAN
        )


@service
@refusals_audited("adoption", target="youth")
@transaction.atomic
def youth_adoption_record(
    *,
    youth: Youth,
    adopted_on: date,
    current_family_adopts: bool = False,
    new_parents: Iterable[dict] = (),
    youth_wish: str,
    family_wish: str,
    wishes: str,
    summary_for_mentor: str = "",
    by: Any,
) -> Placement:
    """Adoption as an event of the youth's file: the date and the adoptive parents (people who may
    have no account) become the current placement, the parents take the guardian role for the
    youth and receive the programme's note on the mentor's role. Each open match is kept when the
    youth and the new family both wish it (seed 001: the mentor stays a constant person); when
    either does not, it is closed through the closure service with the youth's or the family's
    wish as reason — never a sanction, and with the closure's usual second confirmation. A group
    match goes on for the other youths: the wish is written in its history for staff to act on."""
    require_looks_after(by, youth)
    errors: dict[str, Any] = {}
    if adopted_on is None:
        errors["adopted_on"] = _("Give the date of the adoption.")
    elif adopted_on > timezone.localdate():
        errors["adopted_on"] = _("An adoption is recorded once it is pronounced.")
    if youth_wish not in WISHES:
        errors["youth_wish"] = _("Record whether the youth wishes to keep the mentoring.")
    if family_wish not in WISHES:
        errors["family_wish"] = _("Record whether the adoptive family wishes to keep it.")
    if is_blank(wishes):
        errors["wishes"] = _("Summarise what the youth and the adoptive family said.")
    if errors:
        raise ValidationError(errors)
    # the wishes say why the match is kept or ended: read like every closure note (seed 001)
    refuse_sanctions({"wishes": wishes}, about=youth, what="adoption", by=by)
    parents = _family_from(youth, current_family_adopts, new_parents, by)
    if not parents:
        raise ValidationError({"new_parents": _("Name the adoptive parents.")})
    placement = placements.placement_change(
        child=youth.person,
        kind=PlacementKind.ADOPTIVE_FAMILY,
        since=adopted_on,
        family=parents,
        note=wishes,
        organisation=youth.agency_id,
        by=by,
    )
    _ensure_guardian_role(youth, parents)
    kept = youth_wish == KEEP and family_wish == KEEP
    open_matches = list(youth.matches.filter(status__in=(Match.Status.ACTIVE, Match.Status.PAUSED)))
    record_situation(
        youth=youth,
        kind=SituationChange.Kind.ADOPTION,
        happened_on=adopted_on,
        summary_for_mentor=summary_for_mentor,
        note=wishes,
        by=by,
        data={"placement": str(placement.pk), "kept": kept},
    )
    if not kept:
        reason = _closure_reason(youth, youth_wish)
        for match in open_matches:
            if match.youths.count() > 1:  # the group goes on for the others: staff decide
                match.log(
                    "adoption_end_wished",
                    by=person_of(by),
                    data={"youth": str(youth.pk), "reason": reason},
                )
                continue
            _end_after_adoption(match, youth_wish, reason, adopted_on, wishes, by)
    _tell_adoptive_parents(youth, parents)
    return placement


def _youths_view(youth_wish: str) -> str:
    """The closure's « youth's view » is the youth's own wish, never the family's words."""
    if youth_wish == KEEP:
        return _(
            "The youth wished to keep the mentoring; the adoptive family wished to end it "
            "(their words are in the closure conversation)."
        )
    return _("The youth wished to end the mentoring after the adoption.")


def closure_pending(youth: Youth) -> bool:
    """Whether a closure of one of the youth's open matches waits for a second staff member."""
    return Closure.objects.filter(
        match__youths=youth, match__status__in=Match.OPEN, status=Closure.Status.PROPOSED
    ).exists()


def _end_after_adoption(
    match: Match, youth_wish: str, reason: str, adopted_on: date, wishes: str, by: Any
) -> None:
    """Propose the closure (a second staff member confirms it). The adoption is a fact: when a
    closure of the match is already waiting, it is recorded all the same and the pending proposal
    stays the one decision to take (no second proposal); the match's history says so."""
    pending = match.closures.filter(status=Closure.Status.PROPOSED).first()
    if pending is not None:
        match.log(
            "adoption_end_wished",
            by=person_of(by),
            data={"reason": reason, "pending_closure": str(pending.pk)},
        )
        return
    match_close(
        match=match,
        reason=reason,
        conversation_on=adopted_on,
        conversation=wishes,
        youth_view=_youths_view(youth_wish),
        by=by,
    )


def follow_placement(
    sender: Any,
    placement: Placement,
    previous: Placement | None,
    family: list[Person],
    **kwargs: Any,
) -> None:
    """The guardian role for the match follows the child's current family, whichever module
    recorded the move (casework or mentoring): the first family contact of the new placement;
    nobody when the child leaves the family that held it (a home, independent living)."""
    before = {p.pk for p in previous.family.all()} if previous is not None else set()
    for youth in Youth.objects.select_for_update().filter(person_id=placement.child_id):
        if family:
            guardian = family[0] if youth.guardian_id not in {p.pk for p in family} else None
            if guardian is None:
                continue  # the guardian is one of the new family already
        elif youth.guardian_id in before:
            guardian = None
        else:
            continue
        youth.guardian = guardian
        youth.save(update_fields=["guardian", "updated_at"])
