"""The demo gains a regional team of 15 in two core teams with 120 cases, mostly allocated."""

import pytest

from entrepairs.casework.demo_steps import casework_demo
from entrepairs.casework.models import AllocationProposal, Case, Leave, MemberProfile
from entrepairs.demo import generator
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


def test_it_builds_two_core_teams_of_the_lille_region_with_120_cases(settings):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = generator.DemoWorld(logins=list(generator.SMALL_LOGINS))
    world.state["password_hash"] = make_password("x")
    for step in [*generator.SMALL_STEPS, casework_demo]:
        step(world)
    teams = [world.teams["lille_nord"], world.teams["lille_sud"]]
    assert Person.objects.filter(team__in=teams).count() == 15
    assert MemberProfile.objects.filter(person__team__in=teams).count() == 15
    assert Case.objects.count() == 120
    assert Case.objects.filter(guardian=None).count() == 16
    assert AllocationProposal.objects.filter(status="confirmed").count() == 2
    assert Leave.objects.count() == 4  # under way (approved) and next month (requested)
    for team in teams:
        held = Case.objects.filter(core_team=team).exclude(guardian=None)
        assert not held.exclude(guardian__team=team).exists()
    # Team work (points 10-12): a meeting, a peer review answered, a policy partly acknowledged,
    # an audit with its sample, a finding and an action.
    from entrepairs.casework import selectors
    from entrepairs.casework.models import Audit, Meeting, PeerReview, Policy

    meeting = Meeting.objects.get()
    assert meeting.minutes and meeting.actions.count() == 1 and meeting.attendance.count() == 8
    assert {i["kind"] for i in selectors.meeting_agenda(meeting)} >= {
        "new_cases",
        "leave",
        "policy",
        "audit",
        "peer_review",
        "dynamics",
    }
    assert PeerReview.objects.count() == 3
    assert PeerReview.objects.exclude(answer="").get().answered_at is not None
    done, pending = selectors.policy_status(Policy.objects.get())
    assert done and pending
    audit = Audit.objects.get()
    assert audit.sampled_cases.count() == 6 and audit.findings.count() == 1
    generator.delete_organisations(world.organisations.values())
    assert not Case.objects.exists() and not MemberProfile.objects.exists()


def test_the_demo_has_checks_and_decisions_with_and_without_required_advice(settings):
    from django.contrib.auth.hashers import make_password

    from entrepairs.casework import selectors
    from entrepairs.casework.models import Decision, SafetyCheck

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = generator.DemoWorld(logins=list(generator.SMALL_LOGINS))
    world.state["password_hash"] = make_password("x")
    for step in [*generator.SMALL_STEPS, casework_demo]:
        step(world)
    team = world.teams["lille_nord"]
    assert SafetyCheck.objects.filter(risk="high", ip_recipient="CRIP du Nord").count() == 1
    assert selectors.decisions_advice_summary(team) == {
        "with_required_advice": 1,
        "no_advice_required": 1,
        "missing_advice": 0,
        "open": 1,
    }
    assert Decision.objects.get(status="prepared").trigger == "insecurity"
    kinds = sorted(i.kind for i in selectors.safety_agenda_items(team))
    assert kinds == ["decision", "high_risk", "overdue"]
    generator.delete_organisations(world.organisations.values())
    assert not Decision.objects.exists() and not SafetyCheck.objects.exists()


def test_it_adds_an_incident_and_a_care_plan_returned_then_approved(settings):
    from django.contrib.auth.hashers import make_password

    from entrepairs.casework.models import CarePlan, Incident

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = generator.DemoWorld(logins=list(generator.SMALL_LOGINS))
    world.state["password_hash"] = make_password("x")
    for step in [*generator.SMALL_STEPS, casework_demo]:
        step(world)
    incident = Incident.objects.get()
    assert incident.cases.count() == 2 and incident.analysed_on is not None
    assert incident.concern_recipient == "CRIP du Nord"
    assert sorted(a.done_on is None for a in incident.actions.all()) == [False, True]
    nord = world.teams["lille_nord"]
    plans = {p.version: p for p in CarePlan.objects.filter(core_team=nord)}
    assert (plans[1].status, plans[2].status) == ("returned", "approved")
    approver = plans[2].decisions.get().by
    assert approver is not None and approver.pk != plans[2].author_id
    assert (
        CarePlan.objects.filter(status="submitted", core_team=world.teams["lille_sud"]).count() == 1
    )
