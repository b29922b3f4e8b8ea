"""A team leader sees their team's required trainings, person × requirement (up to date,
expiring soon, expired, missing): their direct reports, as the people rule shows them; nobody
else's team, on the page and in the API; bounded queries."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.training import services
from entrepairs.training.models import TrainingModule

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_steps(world: Any) -> TrainingModule:
    """Required of organisation A's professionals (Paula and Colin report to Marc)."""
    return services.module_save(
        module=TrainingModule(
            organisation=world.org_a,
            name="Premiers pas du tuteur",
            audience=TrainingModule.Audience.STAFF,
            validity_months=12,
        ),
        staff_roles=["professional"],
        by=SYSTEM,
    )


def test_the_team_leader_sees_each_report_and_each_requirement(
    world: Any, first_steps: TrainingModule, client_for: Any
) -> None:
    services.completion_record(
        person=world.professional,
        module=first_steps,
        completed_on=timezone.localdate() - timedelta(days=20),
        by=SYSTEM,
    )
    page = client_for(world.manager).get(reverse("training:team"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="stack"' in html  # one card per person on a phone
    paula = html.split(f'data-person="{world.professional.pk}"')[1].split("</tr>")[0]
    colin = html.split(f'data-person="{world.colleague.pk}"')[1].split("</tr>")[0]
    assert 'data-state="ok"' in paula
    assert 'data-state="missing"' in colin
    assert "Claire" not in html  # the coordinator does not report to Marc


def test_someone_without_a_team_or_of_another_organisation_sees_nobody(
    world: Any, first_steps: TrainingModule, client_for: Any, api_for: Any
) -> None:
    for who in (world.professional, world.coordinator_b):
        page = client_for(who).get(reverse("training:team"))
        assert page.status_code == 200
        assert 'id="team-training"' not in page.content.decode()
        assert api_for(who).get("/api/v1/training/team/").json() == {"modules": [], "rows": []}


def test_the_api_gives_the_same_table(
    world: Any, first_steps: TrainingModule, api_for: Any
) -> None:
    services.completion_record(
        person=world.colleague,
        module=first_steps,
        completed_on=timezone.localdate() - timedelta(days=340),
        by=SYSTEM,
    )
    body = api_for(world.manager).get("/api/v1/training/team/").json()
    assert [m["name"] for m in body["modules"]] == ["Premiers pas du tuteur"]
    states = {row["person"]: row["cells"][0]["state"] for row in body["rows"]}
    assert states == {str(world.professional.pk): "missing", str(world.colleague.pk): "expiring"}


def test_the_page_reads_a_bounded_number_of_queries(
    world: Any, first_steps: TrainingModule, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    for n in range(15):
        person = Person.objects.create(
            organisation=world.org_a,
            first_name=f"Tuteur{n}",
            last_name="Equipe",
            line_manager=world.manager,
        )
        Membership.objects.create(person=person, organisation=world.org_a, role=Role.PROFESSIONAL)
    client = client_for(world.manager)
    client.get(reverse("training:team"))  # caches warm
    with django_assert_max_num_queries(20):
        page = client.get(reverse("training:team"))
    assert page.content.decode().count("data-person=") == 17
