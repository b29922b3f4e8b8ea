"""A matching run: rows → solver inputs → `entrepairs.solvers.pairs.solve_pairs` → stored proposals.

Individual and group mentoring are solved separately (an individual youth never goes to a group
mentor); a mentor's capacity is what is left after their open matches. Staff-pinned proposals
of the previous run are passed as pinned pairs; pairs staff rejected are excluded.
"""

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.jobs import durable
from entrepairs.solvers.errors import SolverInputError
from entrepairs.solvers.pairs import HardConstraints, PairsProblem, solve_pairs
from entrepairs.solvers.scoring import Candidate, Weights, score_pair
from entrepairs.training.models import TrainingCompletion

from .models import (
    Consent,
    Match,
    MatchingRun,
    Mentor,
    Mode,
    Programme,
    Proposal,
    ScreeningStep,
    Unmatched,
    Youth,
)

INLINE_LIMIT = 400  # runs with more waiting youths go to the task worker, with a progress bar

Progress = Callable[[int, str], None]


def _fs(values: Any) -> frozenset[str]:
    return frozenset(str(v).strip().lower() for v in (values or []) if str(v).strip())


def youth_candidate(row: Mapping[str, Any], today: date) -> Candidate:
    b = row["birth_date"]
    age = today.year - b.year - ((today.month, today.day) < (b.month, b.day))
    return Candidate(
        id=str(row["id"]),
        interests=_fs(row["interests"]),
        languages=_fs(row["person__languages"]),
        region=(row["person__region"] or None),
        availability=_fs(row["person__availability"]),
        gender=row["gender"] or None,
        age=max(age, 0),
        preferred_genders=_fs(row["preferred_genders"]),
    )


def mentor_candidate(row: Mapping[str, Any], today: date, capacity: int) -> Candidate:
    return Candidate(
        id=str(row["id"]),
        interests=_fs(row["interests"]),
        languages=_fs(row["person__languages"]),
        region=(row["person__region"] or None),
        availability=_fs(row["person__availability"]),
        gender=row["gender"] or None,
        age=(today.year - row["birth_year"]) if row["birth_year"] else None,
        experience_years=float(row["person__years_experience"] or 0),
        safeguarding_cleared=True,
        capacity=max(capacity, 0),
    )


def weights_for(programme: Programme) -> Weights:
    return Weights.from_mapping(programme.weight_map())


def constraints_for(programme: Programme, excluded: frozenset[tuple[str, str]]) -> HardConstraints:
    return HardConstraints(
        excluded_pairs=excluded,
        require_common_language=programme.require_common_language,
        require_same_region=programme.require_same_region,
        require_safeguarding=True,
    )


def matchable_youths(programme: Programme, today: date) -> list[Mapping[str, Any]]:
    """Waiting, ready youths with the consents the law requires (checked in bulk)."""
    rows = list(
        Youth.objects.filter(
            programme=programme, status=Youth.Status.WAITING, readiness=Youth.Readiness.READY
        ).values(
            "id",
            "birth_date",
            "gender",
            "interests",
            "preferred_genders",
            "mode",
            "person__languages",
            "person__region",
            "person__availability",
        )
    )
    given: dict[Any, set[str]] = defaultdict(set)
    for youth_id, party in Consent.objects.filter(
        youth__programme=programme, withdrawn_on__isnull=True
    ).values_list("youth_id", "party"):
        given[youth_id].add(party)
    out: list[Mapping[str, Any]] = []
    for row in rows:
        parties = given.get(row["id"], set())
        b = row["birth_date"]
        age = today.year - b.year - ((today.month, today.day) < (b.month, b.day))
        if age >= programme.youth_consent_age and Consent.Party.YOUTH not in parties:
            continue
        if not parties & {Consent.Party.GUARDIAN, Consent.Party.PLACING_SERVICE}:
            continue
        out.append(row)
    return out


def matchable_mentors(programme: Programme, today: date) -> list[tuple[Mapping[str, Any], int]]:
    """Approved mentors whose checks and trainings are still valid today, with spare capacity."""
    rows = list(
        Mentor.objects.filter(programme=programme, status=Mentor.Status.APPROVED, flagged=False)
        .annotate(
            load=Count(
                "matches__youths",
                filter=Q(matches__status__in=Match.OPEN),
            )
        )
        .values(
            "id",
            "person_id",
            "interests",
            "gender",
            "birth_year",
            "mode",
            "capacity",
            "load",
            "person__languages",
            "person__region",
            "person__availability",
            "person__years_experience",
        )
    )
    # Checks that have expired since approval make the mentor unmatchable until renewed.
    # Counted in the database: one row per mentor rather than one per screening step.
    valid = Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    kind, passed = ScreeningStep.Kind, Q(outcome=ScreeningStep.Outcome.PASSED)
    cleared = {
        mentor_id
        for mentor_id, interview, refs, background, safeguarding, failed in (
            ScreeningStep.objects.filter(
                mentor__programme=programme, mentor__status=Mentor.Status.APPROVED
            )
            .values("mentor_id")
            .annotate(
                interview=Count("id", filter=passed & valid & Q(kind=kind.INTERVIEW)),
                refs=Count("id", filter=passed & Q(kind=kind.REFERENCE)),
                background=Count("id", filter=passed & valid & Q(kind=kind.BACKGROUND)),
                safeguarding=Count("id", filter=passed & valid & Q(kind=kind.SAFEGUARDING)),
                failed=Count("id", filter=Q(outcome=ScreeningStep.Outcome.FAILED)),
            )
            .values_list("mentor_id", "interview", "refs", "background", "safeguarding", "failed")
        )
        if interview
        and background
        and safeguarding
        and not failed
        and refs >= programme.references_required
    }
    required = set(programme.required_trainings.values_list("pk", flat=True))
    trained: set[Any] | None = None
    if required:
        trained = {
            person_id
            for person_id, n in TrainingCompletion.objects.filter(
                module_id__in=required,
                completed_on__lte=today,
                person__mentor_records__programme=programme,
            )
            .filter(valid)
            .values("person_id")
            .annotate(n=Count("module_id", distinct=True))
            .values_list("person_id", "n")
            if n == len(required)
        }
    out: list[tuple[Mapping[str, Any], int]] = []
    for row in rows:
        if row["id"] not in cleared or (trained is not None and row["person_id"] not in trained):
            continue
        spare = (row["capacity"] if row["mode"] == Mode.GROUP else 1) - row["load"]
        if spare > 0:
            out.append((row, spare))
    return out


def execute(run: MatchingRun, progress: Progress | None = None) -> MatchingRun:
    """Run the matching and store its proposals; progress(percent, step) is called on the way."""
    report = progress or (lambda pct, step: None)
    programme = run.programme
    today = timezone.localdate()
    report(5, "loading youths")
    youths = matchable_youths(programme, today)
    report(20, "loading mentors")
    mentors = matchable_mentors(programme, today)
    report(35, "building the problem")
    excluded = frozenset(
        (str(y), str(m))
        for y, m in Proposal.objects.filter(
            run__programme=programme, status=Proposal.Status.REJECTED
        ).values_list("youth_id", "mentor_id")
    )
    previous = (
        MatchingRun.objects.filter(programme=programme, status=MatchingRun.Status.DONE)
        .exclude(pk=run.pk)
        .order_by("-created_at")
        .first()
    )
    pinned_rows = (
        list(
            Proposal.objects.filter(
                run=previous, pinned=True, status=Proposal.Status.PROPOSED
            ).values_list("youth_id", "mentor_id")
        )
        if previous
        else []
    )
    weights = weights_for(programme)
    proposals: list[Proposal] = []
    unmatched: list[Unmatched] = []
    stats: dict[str, Any] = {"youths": len(youths), "mentors": len(mentors), "seconds": 0.0}
    for n, mode in enumerate((Mode.INDIVIDUAL, Mode.GROUP)):
        seekers = [youth_candidate(r, today) for r in youths if r["mode"] == mode]
        providers = [mentor_candidate(r, today, spare) for r, spare in mentors if r["mode"] == mode]
        seeker_ids = {c.id for c in seekers}
        provider_ids = {c.id for c in providers}
        pinned = [
            (str(y), str(m))
            for y, m in pinned_rows
            if str(y) in seeker_ids and str(m) in provider_ids
        ]
        excl = frozenset(p for p in excluded if p[0] in seeker_ids and p[1] in provider_ids)
        problem = PairsProblem(
            seekers=seekers,
            providers=providers,
            weights=weights,
            constraints=constraints_for(programme, excl),
            pinned=pinned,
        )
        report(40 + 25 * n, f"solving ({mode})")
        try:
            result = solve_pairs(problem)
        except SolverInputError:
            # A pinned pair no longer valid (mentor full, constraint changed): solve without pins.
            result = solve_pairs(
                PairsProblem(
                    seekers=seekers,
                    providers=providers,
                    weights=weights,
                    constraints=constraints_for(programme, excl),
                )
            )
        stats["seconds"] += result.seconds
        stats[f"{mode}_method"] = result.method
        stats[f"{mode}_objective"] = result.objective
        for pair in result.pairs:
            proposals.append(
                Proposal(
                    run=run,
                    youth_id=pair.seeker,
                    mentor_id=pair.provider,
                    score=round(pair.score, 4),
                    breakdown=[[c, w, round(r, 4), round(x, 4)] for c, w, r, x in pair.breakdown],
                    pinned=pair.pinned,
                    mode=mode,
                )
            )
        for u in result.unmatched:
            unmatched.append(
                Unmatched(
                    run=run,
                    youth_id=u.id if u.side == "seeker" else None,
                    mentor_id=u.id if u.side == "provider" else None,
                    reason=u.reason,
                    message=u.message[:300],
                )
            )
    report(90, "storing proposals")
    with transaction.atomic():
        Proposal.objects.bulk_create(proposals, batch_size=1000)
        Unmatched.objects.bulk_create(unmatched, batch_size=1000)
        stats.update(proposals=len(proposals), unmatched=len(unmatched))
        run.stats = stats
        run.status = MatchingRun.Status.DONE
        run.progress = 100
        run.step = "done"
        run.finished_at = timezone.now()
        run.save()
    return run


def rescore(
    programme: Programme, youth: Youth, mentor: Mentor, today: date
) -> tuple[float, list[list[Any]]]:
    """Score one pair (after a swap) with the same candidates and weights as a run."""
    y = (
        Youth.objects.filter(pk=youth.pk)
        .values(
            "id",
            "birth_date",
            "gender",
            "interests",
            "preferred_genders",
            "mode",
            "person__languages",
            "person__region",
            "person__availability",
        )
        .get()
    )
    m = (
        Mentor.objects.filter(pk=mentor.pk)
        .values(
            "id",
            "interests",
            "gender",
            "birth_year",
            "person__languages",
            "person__region",
            "person__availability",
            "person__years_experience",
        )
        .get()
    )
    total, rows = score_pair(
        youth_candidate(y, today), mentor_candidate(m, today, 1), weights_for(programme)
    )
    return round(total, 4), [[c, w, round(r, 4), round(x, 4)] for c, w, r, x in rows]


def hard_constraint_problem(programme: Programme, youth: Youth, mentor: Mentor) -> str | None:
    """Why a hand-made pair breaks the programme's hard constraints, or None."""
    yl, ml = _fs(youth.person.languages), _fs(mentor.person.languages)
    if programme.require_common_language and not yl & ml:
        return "no common language"
    if programme.require_same_region and (youth.person.region or "") != (
        mentor.person.region or ""
    ):
        return "different regions"
    return None


@durable(label=_("Mentoring matching run"))
@task()
def run_matching(run_id: str) -> str:
    """Run a matching in the worker, writing its progress for the page's progress bar."""
    with audit_context(source="task"):
        run = MatchingRun.objects.select_related("programme").get(pk=run_id)
        if run.is_finished:
            return run.status

        def progress(percent: int, step: str) -> None:
            MatchingRun.objects.filter(pk=run.pk).update(
                progress=percent, step=step, status=MatchingRun.Status.RUNNING
            )

        try:
            execute(run, progress)
        except Exception as exc:
            MatchingRun.objects.filter(pk=run.pk).update(
                status=MatchingRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
            )
            raise
        return MatchingRun.Status.DONE
