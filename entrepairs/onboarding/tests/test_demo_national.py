"""The national benchmark set holds onboarding journeys in proportion, bulk-inserted as
`services.journey_start` would write them (onboarding/demo_national.py)."""

import pytest
from django.db.models import Count
from django.utils import timezone

from entrepairs.demo import generator
from entrepairs.organisations.models import Membership, Role

from ..models import Journey, JourneyTask

pytestmark = pytest.mark.django_db


def test_the_national_set_holds_journeys_from_published_templates() -> None:
    world = generator.load_national(people=1200, organisations=12)
    largest = world.organisations["largest"]
    bench = Membership.objects.get(
        person__email=generator.BENCH_COORDINATOR_EMAIL, role=Role.COORDINATOR
    ).person
    assert Journey.objects.filter(organisation=largest, coordinator=bench).count() >= 2
    journeys = Journey.objects.select_related("newcomer", "tutor", "colleague", "version")
    assert journeys.count() == world.counts["journeys"]
    # About 5 % of the field staff, never more than one active journey per newcomer.
    assert 0.02 * 1200 <= journeys.count() <= 0.06 * 1200
    assert not journeys.values("newcomer").annotate(n=Count("id")).filter(n__gt=1)
    today = timezone.localdate()
    for journey in journeys:
        assert journey.version.is_published
        assert journey.version.template.organisation_id == journey.organisation_id
        for person in (journey.newcomer, journey.tutor, journey.colleague):
            assert person is None or person.organisation_id == journey.organisation_id
        assert journey.tutor != journey.newcomer
        assert Membership.objects.filter(person=journey.newcomer, role=Role.NEWCOMER).exists()
        assert journey.tasks.count() == journey.version.tasks.count()
        assert journey.phase == ("prepare" if journey.start_date > today else journey.phase)
    # Tasks owned by the newcomer's line manager resolve to them; none is done before it is due.
    for task in JourneyTask.objects.filter(owner_role="manager").select_related(
        "journey__newcomer"
    ):
        assert task.owner_id == task.journey.newcomer.line_manager_id
    assert not JourneyTask.objects.filter(done_at__isnull=False, due_date__gte=today)
    assert {j.phase for j in journeys} >= {"accompany"}
