from io import StringIO
from uuid import UUID

import pytest
from django.core.management import call_command
from django.db.models import Count

from entrepairs.accounts.models import User
from entrepairs.demo import generator
from entrepairs.organisations.models import Membership, Organisation, Role, Team
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def foundation_only(monkeypatch):
    """These tests check the foundation's world; each module tests its own `demo_steps`."""
    monkeypatch.setattr(generator, "_app_steps", lambda attribute: [])


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def assert_no_line_management_cycle(people: list[Person]) -> None:
    managers = {p.pk: p.line_manager_id for p in people}
    for start in managers:
        seen: set[UUID] = set()
        current: UUID | None = start
        while current is not None:
            assert current not in seen, "line management has a cycle"
            seen.add(current)
            current = managers.get(current)


@pytest.fixture
def demo() -> str:
    return load()


def test_it_builds_two_regional_teams_of_about_fifteen_split_into_core_teams_of_six_to_eight(demo):
    atn = Organisation.objects.get(slug="atn")
    regional = Team.objects.filter(organisation=atn, kind=Team.Kind.REGIONAL)
    assert regional.count() == 2
    for team in regional:
        cores = team.children.annotate(n=Count("members"))
        assert len(cores) >= 2
        assert all(6 <= core.n <= 8 for core in cores), [(c.name, c.n) for c in cores]
        assert all(core.kind == Team.Kind.CORE for core in cores)
        assert 13 <= team.members.count() + sum(core.n for core in cores) <= 17


def test_it_gives_each_core_team_a_manager_who_reports_to_a_regional_manager(demo):
    for core in Team.objects.filter(organisation__slug="atn", kind=Team.Kind.CORE):
        managers = [
            p for p in core.members.all() if p.memberships.filter(role=Role.MANAGER).exists()
        ]
        assert len(managers) == 1
        assert managers[0].line_manager is not None
        assert managers[0].line_manager.team == core.parent
        staff = core.members.exclude(pk=managers[0].pk)
        assert set(staff.values_list("line_manager", flat=True)) == {managers[0].pk}


def test_it_has_about_sixty_people_across_the_professions(demo):
    assert 50 <= Person.objects.count() <= 70
    professions = set(Person.objects.values_list("profession", flat=True))
    assert {
        "tutor",
        "social_worker",
        "educator",
        "psychologist",
        "nurse",
        "legal_adviser",
        "case_worker",
    } <= professions
    languages = {
        lang for langs in Person.objects.values_list("languages", flat=True) for lang in langs
    }
    assert "fr" in languages and len(languages) >= 3
    atn_staff = Person.objects.filter(organisation__slug="atn").exclude(profession="")
    assert all(
        p.region == "Hauts-de-France" and p.external_id and p.availability for p in atn_staff
    )


def test_it_has_no_cycle_in_line_management(demo):
    assert_no_line_management_cycle(list(Person.objects.all()))
    assert Person.objects.filter(line_manager__isnull=False).count() > 40


def test_it_lets_every_demo_login_sign_in_with_the_demo_password_without_two_factor(demo, client):
    roles = {login.role for login in generator.SMALL_LOGINS}
    assert {
        "admin",
        "coordinator",
        "manager",
        "professional",
        "facilitator",
        "case_worker",
    } <= roles
    for login in generator.SMALL_LOGINS:
        client.logout()
        response = client.post(
            "/accounts/login/", {"login": login.email, "password": login.password}
        )
        assert response.status_code == 302, login.email
        assert client.get("/").status_code == 200, login.email
        assert login.email in demo
    assert User.objects.get(email=generator.SMALL_LOGINS[0].email).is_superuser


def test_it_gives_each_login_the_role_it_is_named_after(demo):
    for login in generator.SMALL_LOGINS[1:]:
        person = Person.objects.get(user__email=login.email)
        assert person.memberships.filter(role=login.role).exists(), login.email
    assert Organisation.objects.filter(require_mfa_roles=[]).count() == 3


def test_it_gives_the_external_facilitator_the_facilitator_role_in_two_organisations(demo):
    facilitator = Person.objects.get(email="facilitatrice@demo.entrepairs.fr")
    kinds = set(
        facilitator.memberships.filter(role=Role.FACILITATOR).values_list(
            "organisation__kind", flat=True
        )
    )
    assert kinds == {Organisation.Kind.ASSOCIATION, Organisation.Kind.PROVIDER}
    agency = Organisation.objects.get(kind=Organisation.Kind.AGENCY)
    assert Membership.objects.filter(organisation=agency, role=Role.CASE_WORKER).count() >= 5
    assert Membership.objects.filter(organisation=agency, role=Role.MANAGER).exists()


def test_it_keeps_youths_and_foster_parents_without_accounts(demo):
    without = Person.objects.filter(memberships__role__in=[Role.YOUTH, Role.GUARDIAN])
    assert without.count() >= 3
    assert not without.filter(user__isnull=False).exists()


def test_it_writes_people_through_the_service_so_the_audit_trail_has_them(demo):
    from auditlog.models import LogEntry

    created = LogEntry.objects.filter(action=LogEntry.Action.CREATE, content_type__model="person")
    assert created.count() == Person.objects.count()
    assert created.first().additional_data["source"] == "command"


def test_it_does_not_duplicate_anything_when_run_twice(demo):
    before = (
        Person.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Team.objects.count(),
    )
    again = load()
    assert "already loaded" in again and "coordinatrice@demo.entrepairs.fr" in again
    assert (
        Person.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Team.objects.count(),
    ) == before


def test_it_rebuilds_the_same_world_with_reset(demo):
    names = sorted(Person.objects.values_list("first_name", "last_name"))
    load("--reset")
    assert sorted(Person.objects.values_list("first_name", "last_name")) == names
    assert Organisation.objects.count() == 3


def test_it_generates_a_scaled_down_national_set(api_client):
    out = load("--size", "national", "--people", "700", "--organisations", "6")
    orgs = Organisation.objects.filter(slug__startswith="nat-")
    assert orgs.count() == 6
    people = list(Person.objects.all())
    assert len(people) == 700
    assert_no_line_management_cycle(people)
    multi = Membership.objects.values("person").annotate(orgs=Count("organisation", distinct=True))
    assert multi.filter(orgs__gt=1).exists()
    for core in Team.objects.filter(kind=Team.Kind.CORE).annotate(n=Count("members")):
        assert 6 <= core.n <= 8
    # The benchmark coordinator's token lists the largest organisation through the API.
    token = out.split("API access token for bench-coordinator@demo.entrepairs.fr: ")[1].split()[0]
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = api_client.get("/api/v1/people/").json()
    largest = orgs.annotate(n=Count("people")).order_by("-n").first()
    assert largest is not None
    assert body["count"] >= largest.n
    assert "already loaded" in load("--size", "national", "--people", "700", "--organisations", "6")


def test_it_generates_the_same_national_set_from_the_same_seed():
    first = generator.load_national(people=300, organisations=3)
    ids = sorted(str(pk) for pk in Person.objects.values_list("pk", flat=True))
    generator.delete_organisations(generator.national_organisations_qs(), audited=False)
    User.objects.filter(email=generator.BENCH_COORDINATOR_EMAIL).delete()
    second = generator.load_national(people=300, organisations=3)
    assert sorted(str(pk) for pk in Person.objects.values_list("pk", flat=True)) == ids
    assert first.counts == second.counts


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
