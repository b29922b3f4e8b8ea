"""The one home of a child's placement and family (DECISIONS, "One home for each shared thing").

Casework (a case) and mentoring (a mentee) both record moves here; each checks first that the
caller may act on the child (its own rule: a member of the case's core team, the youth's agency)
and then calls `placement_change`, which holds every rule of the history itself. Modules that keep
something in step with the current placement (mentoring's guardian role) listen to
`placement_changed` instead of being called by name: people knows no module above it.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.services import SYSTEM, service
from entrepairs.organisations.models import Membership, Role

from .models import FAMILY_KINDS, Person, Placement, PlacementKind

# Sent inside the transaction, after the new placement and its family are saved, with
# `placement` (the new current one), `previous` (the one it closed, or None), `family` (its
# contacts in the order given: the first is the main contact) and `by`.
placement_changed = Signal()

# A move is recorded when it is decided; further ahead is a plan, not a fact.
MAX_DAYS_AHEAD = 90


def current_placement(child: Person) -> Placement | None:
    """The child's current placement; reads `child.current_placements` when a selector prefetched
    it (`current_placements_prefetch`), so a page of youths costs no query per youth."""
    prefetched = getattr(child, "current_placements", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return Placement.current_for(child)


def current_family(child: Person) -> list[Person]:
    """The family contacts of the child's current placement (none in an institution)."""
    placement = current_placement(child)
    return list(placement.family.all()) if placement is not None else []


def current_placements_prefetch(path: str = "") -> Any:
    """The Prefetch a selector adds to read `current_placement(person)` without a query each."""
    from django.db.models import Prefetch

    return Prefetch(
        f"{path}placements",
        queryset=Placement.objects.filter(until__isnull=True)
        .order_by("-since")
        .prefetch_related("family"),
        to_attr="current_placements",
    )


def history_of(child: Person) -> list[Placement]:
    """Every placement of the child, newest first, with the family and who recorded it."""
    return list(
        Placement.objects.filter(child=child)
        .select_related("recorded_by")
        .prefetch_related("family")
        .order_by("-since", "-created_at")
    )


def _recorder(by: Any) -> Person | None:
    return by if isinstance(by, Person) else None


@service
@transaction.atomic
def family_contact_add(
    *, child: Person, first_name: str, last_name: str, phone: str = "", email: str = "", by: Any
) -> Person:
    """A foster or adoptive parent registered from the child's file: a person of the child's
    organisation (no account needed) with the guardian role there. The caller checked that `by`
    may act on the child."""
    if not last_name.strip():
        raise ValidationError({"last_name": _("Give the family contact's last name.")})
    person = Person(
        organisation_id=child.organisation_id,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        phone=phone.strip(),
        email=email.strip().lower(),
    )
    person.full_clean()
    person.save()
    Membership.objects.create(
        person=person, organisation_id=child.organisation_id, role=Role.GUARDIAN
    )
    return person


def _check_family(child: Person, kind: str, family: list[Person], first: bool) -> None:
    if not family:
        # A child moving into a family: the mentor and the case worker must know whom to call,
        # so the move names at least one contact. Only the first record of a file (a case
        # opened on the situation as found) may wait for its contacts.
        if kind in FAMILY_KINDS and not first:
            raise ValidationError(
                {
                    "family": _(
                        "Name at least one contact of the foster or adoptive family (or keep "
                        "the current family's contacts): the mentor must know whom to call."
                    )
                }
            )
        return
    if kind not in FAMILY_KINDS:
        raise ValidationError(
            {"family": _("Family contacts are recorded for a foster or adoptive family only.")}
        )
    if any(p.pk == child.pk for p in family):
        raise ValidationError({"family": _("The child is not their own family contact.")})
    if any(p.organisation_id != child.organisation_id for p in family):
        raise ValidationError(
            {"family": _("A family contact belongs to the child's organisation.")}
        )


@service
@transaction.atomic
def placement_change(
    *,
    child: Person,
    kind: str,
    since: date,
    family: Iterable[Person] = (),
    note: str = "",
    organisation: Any,
    by: Any,
) -> Placement:
    """The child moves: the current placement ends the day before `since` and the new one, with
    its family contacts, becomes current, in one transaction. A move starts after the current
    placement began and at most 90 days ahead. The caller (casework, mentoring) checked first
    that `by` may act on this child; `organisation` is the one recording it."""
    family = list(family)
    if kind not in PlacementKind.values:
        raise ValidationError({"kind": _("Unknown placement type.")})
    if since is None:
        raise ValidationError({"since": _("Give the date of the move.")})
    # Two moves recorded at once for one child must not both close the same placement.
    Person.objects.select_for_update().filter(pk=child.pk).first()
    current = Placement.current_for(child)
    if current is not None and since <= current.since:
        raise ValidationError(
            {
                "since": _("The new placement starts after the current one (%(date)s).")
                % {"date": _french_date(current.since)}
            }
        )
    if since > timezone.localdate() + timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError({"since": _("A placement is recorded at most 90 days ahead.")})
    _check_family(
        child,
        kind,
        family,
        first=current is None and not Placement.objects.filter(child=child).exists(),
    )
    if current is not None:
        current.until = since - timedelta(days=1)
        current.save(update_fields=["until", "updated_at"])
    placement = Placement.objects.create(
        organisation_id=getattr(organisation, "pk", organisation),
        child=child,
        kind=kind,
        since=since,
        note=note,
        recorded_by=None if by is SYSTEM else _recorder(by),
    )
    placement.family.set(family)
    placement_changed.send(
        sender=Placement, placement=placement, previous=current, family=family, by=by
    )
    return placement


def _french_date(day: date) -> str:
    from entrepairs.core.french import long_date

    return long_date(day)
