"""The end of a match's retention period (GDPR minimisation, issue 14 point 3).

When a match has ended and the days its sharing agreement declares (`removed_days_after_end`)
are over, what was shared with the mentor for that match is erased — not only hidden
(`rules.youth_for_mentor` already hides the agreed facts from that day on):

- the contact log's free texts (notes, "where / what") and the family contact it names;
- the mentor's own check-in notes (the youth's and guardian's, never read by the mentor, belong to
  the youth's file and follow its retention);
- the progress notes the mentor wrote (the only ones the mentor reads back);
- the summaries written for the mentor in the youth's changes of situation, unless another open
  match of the youth still shares them.

Dates, kinds, durations, ratings and statuses stay, so reports keep their figures. The match is
marked (`shared_data_purged_on`), which makes the purge idempotent; each purge writes one audit
entry with the counts, never the content. The daily task (tasks.mentoring_retention_purge) and
the command `purge_mentoring_shared_data` both call `purge_due`.
"""

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from entrepairs.core.audit import record_purge
from entrepairs.core.services import service

from .models import CheckIn, ContactLog, Match, ProgressNote, SharingAgreement, SituationChange

CLOSED = (Match.Status.COMPLETED, Match.Status.ENDED_EARLY, Match.Status.CLOSED)
DEFAULT_DAYS = 30  # SharingAgreement.removed_days_after_end's default, when no agreement exists


@dataclass
class Purged:
    """How many items of each kind a purge erased (or would erase, in a dry run)."""

    contacts: int = 0
    mentor_checkins: int = 0
    mentor_notes: int = 0
    situation_summaries: int = 0

    def add(self, other: "Purged") -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def total(self) -> int:
        return sum(asdict(self).values())


def retention_days(match: Match) -> int:
    """The longest period among the agreements of the match's youths' agencies: an item shared
    for the match is erased once no agreement still lets the mentor see it."""
    agencies = {y.agency_id for y in match.youths.all()}
    days = SharingAgreement.objects.filter(
        organisation_id=match.programme.organisation_id, agency_id__in=agencies
    ).values_list("removed_days_after_end", flat=True)
    return max(days, default=DEFAULT_DAYS)


def purge_date(match: Match) -> date | None:
    """The first day the match's shared data is erased (None while the match is open)."""
    if match.status not in CLOSED or match.ended_on is None:
        return None
    return match.ended_on + timedelta(days=retention_days(match) + 1)


def _targets(match: Match) -> dict[str, Any]:
    mentors = [m.person_id for m in match.mentors.all()]
    youths = [y.pk for y in match.youths.all()]
    still_shared = Match.objects.filter(youths__in=youths, status__in=Match.OPEN).exclude(
        pk=match.pk
    )
    return {
        "contacts": ContactLog.objects.filter(match=match).filter(
            ~Q(note="") | ~Q(place="") | Q(arranged_by__isnull=False)
        ),
        "mentor_checkins": CheckIn.objects.filter(match=match, party=CheckIn.Party.MENTOR).exclude(
            note="", told_by=""
        ),
        "mentor_notes": ProgressNote.objects.filter(match=match, author_id__in=mentors).exclude(
            text=""
        ),
        "situation_summaries": SituationChange.objects.filter(
            youth_id__in=youths, happened_on__lte=match.ended_on
        )
        .exclude(summary_for_mentor="")
        .exclude(youth__matches__in=still_shared),
    }


@service
@transaction.atomic
def match_shared_data_purge(*, match: Match, today: date, dry_run: bool = False) -> Purged:
    """Erase what was shared with the mentor for this match, if its retention period is over
    and it was not erased yet; otherwise erase nothing. A dry run counts without writing."""
    match = (
        Match.objects.select_for_update(of=("self",)).select_related("programme").get(pk=match.pk)
    )
    due = purge_date(match)
    if match.shared_data_purged_on is not None or due is None or today < due:
        return Purged()
    targets = _targets(match)
    # Encrypted fields compare their ciphertext: count what is really non-empty in Python.
    rows = {name: [o for o in qs if _has_text(name, o)] for name, qs in targets.items()}
    purged = Purged(**{name: len(objs) for name, objs in rows.items()})
    if dry_run:
        return purged
    pks = {name: [o.pk for o in objs] for name, objs in rows.items()}
    ContactLog.objects.filter(pk__in=pks["contacts"]).update(note="", place="", arranged_by=None)
    CheckIn.objects.filter(pk__in=pks["mentor_checkins"]).update(note="", told_by="")
    ProgressNote.objects.filter(pk__in=pks["mentor_notes"]).update(text="")
    SituationChange.objects.filter(pk__in=pks["situation_summaries"]).update(summary_for_mentor="")
    match.shared_data_purged_on = today
    match.save(update_fields=["shared_data_purged_on", "updated_at"])
    match.log("shared_data_purged", data=asdict(purged))
    record_purge(
        Match,
        match.pk,
        action="mentoring_shared_data",
        organisation_id=match.organisation_id,
        counts=asdict(purged),
    )
    return purged


def _has_text(name: str, obj: Any) -> bool:
    if name == "contacts":
        return bool(obj.note or obj.place or obj.arranged_by_id)
    if name == "mentor_checkins":
        return bool(obj.note or obj.told_by)
    if name == "mentor_notes":
        return bool(obj.text)
    return bool(obj.summary_for_mentor)


def due_matches(today: date) -> Any:
    """Ended matches not purged yet whose end is at least one day old (the service checks each
    one's own period)."""
    return Match.objects.filter(
        status__in=CLOSED, ended_on__lt=today, shared_data_purged_on__isnull=True
    ).prefetch_related("youths", "mentors")


def purge_due(today: date | None = None, *, dry_run: bool = False) -> tuple[int, Purged]:
    """Every match whose retention period is over: (how many matches, what was erased)."""
    today = today or timezone.localdate()
    matches, total = 0, Purged()
    for match in due_matches(today).iterator(chunk_size=200):
        due = purge_date(match)
        if due is None or today < due:
            continue
        purged = match_shared_data_purge(match=match, today=today, dry_run=dry_run)
        matches += 1
        total.add(purged)
    return matches, total
