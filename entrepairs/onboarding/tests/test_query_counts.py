"""Every onboarding list page and API list runs the same number of SQL queries at 10, 100 and
1,000 rows, with the list cache off (every request computes its answer) and on (the request after
a change fills it, the next reads it). A query per row (a missing select_related, a per-row count
in a template) makes the count grow and fails here.

Rows are made with bulk_create (fast, and no service runs row by row); bulk_create sends no
signal, so the list cache is invalidated by hand as every bulk write must (core.listcache), and
each answer is checked to be about today's rows (the API's `count`), not an older cached list.

Reading a confidential record (observations, shadowing, feedback, closing reviews) writes one
audit entry per record shown (core.audit): those inserts follow the rows on the page, up to the
page's limit, so they are counted apart and must stop growing once a page is full.
"""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.core import listcache
from entrepairs.core.tests import querycounts as qc
from entrepairs.core.tests.querycounts import SIZES
from entrepairs.onboarding import services
from entrepairs.onboarding.models import (
    ClosingReview,
    Competency,
    CompetencyObservation,
    FeedbackEntry,
    Introduction,
    Journey,
    JourneyTask,
    KitCheck,
    KitItem,
    OrgContact,
    Reminder,
    ShadowingSession,
    Support,
    Template,
    TemplateReminder,
    TemplateTask,
    TemplateVersion,
    TutorProfile,
)
from entrepairs.people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

API = "/api/v1/onboarding"
QUERY_COUNTED = {
    "onboarding:dashboard",
    "onboarding:journeys",
    "onboarding:templates",
    "onboarding:setup",
    "onboarding:process_reviews",
    "onboarding:person_competencies",
    "onboarding:my_tasks",
    "onboarding-journey-list",
    "onboarding-task-list",
    "onboarding-kit-check-list",
    "onboarding-introduction-list",
    "onboarding-reminder-list",
    "onboarding-observation-list",
    "onboarding-shadowing-list",
    "onboarding-feedback-list",
    "onboarding-closing-review-list",
    "onboarding-template-list",
    "onboarding-version-list",
    "onboarding-template-tasks-list",
    "onboarding-tutor-list",
    "onboarding-kit-items-list",
    "onboarding-competencies-list",
    "onboarding-supports-list",
    "onboarding-template-reminders-list",
    "onboarding-contact-list",
    "onboarding-dashboard",
    "onboarding-person-competencies",
}


def _grow_to(world: Any, onb: Any, n: int) -> None:
    """n journeys in organisation A (every other one closed with its review), each with a task the
    tutor owns, a kit item, an introduction, a reminder, shadowing and feedback; n observations of
    the first newcomer; n templates, template tasks, tutor profiles and contacts."""
    today = timezone.localdate()
    have = Person.objects.filter(first_name__startswith="Row").count()
    new = range(have, n)
    people = Person.objects.bulk_create(
        Person(
            organisation=world.org_a,
            first_name=f"Row{i}",
            last_name=f"Newcomer{i:05d}",
            line_manager=world.manager,
            team=world.core,
        )
        for i in new
    )
    journeys = Journey.objects.bulk_create(
        Journey(
            organisation=world.org_a,
            newcomer=person,
            version=onb.version,
            coordinator=world.coordinator,
            tutor=world.professional,
            start_date=today - datetime.timedelta(days=i % 30),
            status="active" if i % 2 == 0 else "closed",
            closed_on=None if i % 2 == 0 else today,
        )
        for i, person in zip(new, people, strict=True)
    )
    day = datetime.timedelta(days=1)
    JourneyTask.objects.bulk_create(
        JourneyTask(
            journey=j,
            phase="prepare",
            title=f"Task {j.newcomer.last_name}",
            owner_role="tutor",
            owner=world.professional,
            start_date=today - day,
            due_date=today - day,
        )
        for j in journeys
    )
    KitCheck.objects.bulk_create(
        KitCheck(journey=j, kind="computer", label="Laptop", provider_role="it") for j in journeys
    )
    Introduction.objects.bulk_create(
        Introduction(journey=j, person=world.colleague, why="Team") for j in journeys
    )
    Reminder.objects.bulk_create(
        Reminder(journey=j, due_date=today, message="Fire drill", recipient_role="tutor")
        for j in journeys
    )
    ShadowingSession.objects.bulk_create(
        ShadowingSession(journey=j, colleague=world.colleague, date=today, topic="Visit")
        for j in journeys
    )
    FeedbackEntry.objects.bulk_create(
        FeedbackEntry(
            journey=j, kind="individual", given_on=today, text="Fine", author=world.professional
        )
        for j in journeys
    )
    ClosingReview.objects.bulk_create(
        ClosingReview(journey=j, autonomy_on=j.start_date + 20 * day, progression="Good")
        for j in journeys
        if j.status == "closed"
    )
    first = Journey.objects.get(newcomer__first_name="Row0")
    competency = onb.version.competencies.first()
    CompetencyObservation.objects.bulk_create(
        CompetencyObservation(
            journey=first,
            person_id=first.newcomer_id,
            competency=competency,
            source="tutor",
            level=1 + i % 4,
            observed_on=today,
            author=world.professional,
        )
        for i in new
    )
    templates = Template.objects.bulk_create(
        Template(organisation=world.org_a, function=f"Function {i:05d}") for i in new
    )
    TemplateVersion.objects.bulk_create(
        TemplateVersion(template=t, number=1, scale=["a", "b"]) for t in templates
    )
    TemplateTask.objects.bulk_create(
        TemplateTask(
            version=onb.version,
            phase="welcome",
            title=f"Step {i}",
            owner_role="tutor",
            start_day=0,
            due_day=1,
        )
        for i in new
    )
    # The parts of a version (kit items, competencies, supports, reminders): n of each in the
    # first grown template's version.
    parts = TemplateVersion.objects.get(template__function="Function 00000")
    KitItem.objects.bulk_create(
        KitItem(version=parts, kind="computer", label=f"Part {i}", provider_role="it") for i in new
    )
    Competency.objects.bulk_create(
        Competency(version=parts, kind="knowledge", name=f"Part {i}") for i in new
    )
    Support.objects.bulk_create(
        Support(version=parts, kind="document", title=f"Part {i}") for i in new
    )
    TemplateReminder.objects.bulk_create(
        TemplateReminder(version=parts, day=i % 30, message=f"Part {i}", recipient_role="tutor")
        for i in new
    )
    TutorProfile.objects.bulk_create(TutorProfile(person=p, allocated_hours=2) for p in people)
    OrgContact.objects.bulk_create(
        OrgContact(organisation=world.org_a, role="it", person=p) for p in people
    )
    listcache.invalidate()
    qc.refresh_planner_statistics()  # as autovacuum would (core/tests/querycounts.py)
    assert Journey.objects.filter(newcomer__first_name__startswith="Row").count() == n


PAGE = 50  # the API's page size (REST_FRAMEWORK["PAGE_SIZE"])


def _none(n: int) -> int:
    return 0


def _all(n: int) -> int:
    return n


def _closed(n: int) -> int:
    return n // 2


@dataclass(frozen=True)
class Lst:
    """One list: where it is, how many rows the API must count at n (today's data, not an
    older cached list), and how many confidential records it shows at n (one audit entry each)."""

    kind: str
    url: str
    rows: Callable[[int], int] | None = None
    audited: Callable[[int], int] = _none


def _api(path: str, rows: Callable[[int], int] | None = None, **kw: Any) -> Lst:
    return Lst("api", f"{API}/{path}", rows, **kw)


def _page(name: str, *args: Any, query: str = "", **kw: Any) -> Lst:
    return Lst("page", reverse(f"onboarding:{name}", args=args) + query, **kw)


def _unparted(model: type[Any], field: str) -> int:
    """The rows of a version part the fixtures made (the grown ones are named "Part ...")."""
    return model._default_manager.exclude(**{f"{field}__startswith": "Part "}).count()


def endpoints(world: Any, onb: Any) -> dict[str, Lst]:
    first = Person.objects.get(first_name="Row0")
    version_tasks = onb.version.tasks.exclude(title__startswith="Step").count()
    paged = {"audited": lambda n: min(n, PAGE)}
    return {
        "page dashboard": _page("dashboard"),
        "page journeys": _page("journeys"),
        "page closed journeys": _page("journeys", query="?status=closed"),
        "page templates": _page("templates"),
        "page setup": _page("setup"),
        # The 100 oldest unreviewed reviews of closed journeys, each audited.
        "page process reviews": _page("process_reviews", audited=lambda n: min(_closed(n), 100)),
        # A person's whole competency history: every observation is shown, and audited.
        "page competencies": _page("person_competencies", first.pk, audited=_all),
        "api journeys": _api("journeys/", _all),
        "api tasks": _api("tasks/", _all),
        "api kit checks": _api("kit-checks/", _all),
        "api introductions": _api("introductions/", _all),
        "api reminders": _api("reminders/", _all),
        "api observations": _api("observations/", _all, **paged),
        "api shadowing": _api("shadowing/", _all, **paged),
        "api feedback": _api("feedback/", _all, **paged),
        "api closing reviews": _api(
            "closing-reviews/", _closed, audited=lambda n: min(_closed(n), PAGE)
        ),
        "api templates": _api("templates/", lambda n: n + 1),
        "api template versions": _api("template-versions/", lambda n: n + 1),
        "api template tasks": _api("template-tasks/", lambda n: n + version_tasks),
        "api kit items": _api("kit-items/", lambda n: n + _unparted(KitItem, "label")),
        "api competencies of versions": _api(
            "competencies/", lambda n: n + _unparted(Competency, "name")
        ),
        "api supports": _api("supports/", lambda n: n + _unparted(Support, "title")),
        "api template reminders": _api(
            "template-reminders/", lambda n: n + _unparted(TemplateReminder, "message")
        ),
        "api tutors": _api("tutors/", lambda n: n + 1),
        "api contacts": _api("contacts/", lambda n: n + 1),
        "api dashboard": _api("dashboard/"),
        "api competencies": _api(f"people/{first.pk}/competencies/", audited=_all),
    }


def _touch(client: Any, api: Any) -> None:
    """A 1,000-row round takes minutes: writes made at most once a minute whatever the rows (a
    token's last use, a session's idle mark) land in this small request, not in the measured one."""
    missing = uuid.uuid4()
    client.get(reverse("onboarding:journey", args=[missing]))
    api.get(f"{API}/journeys/{missing}/")


def _measure(client: Any, api: Any, lst: Lst, n: int) -> int:
    """The queries of one request, audit entries apart (checked to be one per record shown)."""
    _touch(client, api)
    queries, response = qc.capture(lambda: (client if lst.kind == "page" else api).get(lst.url))
    if lst.rows is not None:
        assert response.json()["count"] == lst.rows(n), lst.url
    audit = sum(1 for q in queries if qc.is_audit_insert(q["sql"]))
    assert audit == lst.audited(n), (lst.url, n, audit)
    return len(queries) - audit


def _grown(world, onb, client_for, api_for, passes):  # type: ignore[no-untyped-def]
    """The lists whose query count changes with the rows: {name: [per size: [per pass]]}."""
    client, api = client_for(world.coordinator), api_for(world.coordinator)
    _grow_to(world, onb, 2)  # a row of every kind, a closed journey with its review
    lists = endpoints(world, onb)
    for lst in lists.values():  # content types, the token's first use
        (client if lst.kind == "page" else api).get(lst.url)
    found: dict[str, list[list[int]]] = {name: [] for name in lists}
    for n in SIZES:
        _grow_to(world, onb, n)
        for name, lst in lists.items():
            found[name].append([_measure(client, api, lst, n) for _ in range(passes)])
    every = [q for per_size in found.values() for passes_ in per_size for q in passes_]
    assert max(every) <= 25, found
    return {name: counts for name, counts in found.items() if len(set(map(tuple, counts))) > 1}


def test_it_runs_the_same_queries_at_10_100_and_1000_rows_without_the_list_cache(
    world, onb, client_for, api_for, settings
):
    settings.LIST_CACHE_SECONDS = 0
    assert _grown(world, onb, client_for, api_for, passes=1) == {}


def test_it_runs_the_same_queries_at_10_100_and_1000_rows_with_the_list_cache(
    world, onb, client_for, api_for, settings
):
    settings.LIST_CACHE_SECONDS = 600
    # The first request after a change fills the cache, the second reads it.
    assert _grown(world, onb, client_for, api_for, passes=2) == {}


@pytest.mark.parametrize("cache_seconds", [0, 600])
def test_it_runs_the_same_queries_for_a_tutor_and_a_manager_at_any_size(
    world, onb, client_for, api_for, settings, cache_seconds
):
    """'My tasks' and the API's tasks for the tutor who owns every task; the manager's dashboard
    lists every newcomer they manage."""
    settings.LIST_CACHE_SECONDS = cache_seconds
    tutor, manager = client_for(world.professional), client_for(world.manager)
    tutor_api = api_for(world.professional)
    fetch = {
        "my tasks": lambda: tutor.get(reverse("onboarding:my_tasks")),
        "my tasks, all": lambda: tutor.get(reverse("onboarding:my_tasks"), {"show": "all"}),
        "api my tasks": lambda: tutor_api.get(f"{API}/tasks/", {"mine": "true"}),
        "manager dashboard": lambda: manager.get(reverse("onboarding:dashboard")),
        "tutor dashboard": lambda: tutor.get(reverse("onboarding:dashboard")),
    }
    _grow_to(world, onb, 2)
    for get in fetch.values():
        get()
    counts: dict[str, list[int]] = {name: [] for name in fetch}
    for n in SIZES:
        _grow_to(world, onb, n)
        for name, get in fetch.items():
            _touch(tutor, tutor_api)
            _touch(manager, tutor_api)
            queries, response = qc.count(get)
            if name == "api my tasks":
                assert response.json()["count"] == n
            counts[name].append(queries)
    assert {name: c for name, c in counts.items() if len(set(c)) > 1} == {}


def test_it_shows_a_journey_page_with_the_same_queries_whatever_its_size(
    world, onb, client_for, start
):
    journey = start(onb.nina, days=-20).journey
    client = client_for(world.coordinator)
    url = reverse("onboarding:journey", args=[journey.pk])
    client.get(url)
    small = qc.count(lambda: client.get(url))[0]
    competency = journey.version.competencies.first()
    for i in range(10):
        services.observation_record(
            journey=journey,
            competency=competency,
            level=1 + i % 4,
            observed_on=timezone.localdate(),
            note=f"n{i}",
            source="tutor",
            author=world.professional,
        )
        services.feedback_record(
            journey=journey,
            kind="individual",
            given_on=timezone.localdate(),
            text=f"f{i}",
            author=world.professional,
        )
    large = qc.capture(lambda: client.get(url))[0]
    # Each confidential record read is audited (one insert each); everything else is constant.
    assert len(large) - small == 20
    assert sum(1 for q in large if qc.is_audit_insert(q["sql"])) == 20
