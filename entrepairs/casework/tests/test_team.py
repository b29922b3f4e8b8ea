"""How a core team works together (issue 12 points 10-12): meetings built from what is waiting,
peer review seen by the two people concerned only (managers read trends), policies and their
acknowledgements, audits with a reproducible sample read for a reason."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from entrepairs.casework import agenda, selectors, services
from entrepairs.casework.models import (
    Audit,
    PeerReview,
    ReviewIndicator,
)
from entrepairs.core.services import SYSTEM

pytestmark = pytest.mark.django_db
API = "/api/v1/casework"
TODAY = timezone.localdate()


def _days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def colins_case(cw, open_case):  # type: ignore[no-untyped-def]
    case = open_case(cw.children[0])
    return services.case_assign(case=case, guardian=cw.w.colleague, reason="Suivi", by=SYSTEM)


def _ratings(org_id, rating=3):  # type: ignore[no-untyped-def]
    services.indicators_ensure_defaults(organisation_id=org_id, by=SYSTEM)
    return {
        str(i.pk): (rating, "Précis")
        for i in ReviewIndicator.objects.filter(organisation_id=org_id, active=True)
    }


@pytest.fixture
def review(cw, colins_case):  # type: ignore[no-untyped-def]
    return services.peer_review_give(
        case=colins_case,
        ratings=_ratings(cw.w.org_a.pk),
        feedback="Les contacts avec la famille d'accueil sont bien tracés.",
        by=cw.w.professional,
    )


# -- peer review ------------------------------------------------------------------------------


def test_the_framework_has_french_defaults_the_organisation_extends(cw):
    services.indicators_ensure_defaults(organisation_id=cw.w.org_a.pk, by=SYSTEM)
    names = list(selectors.indicators_for(cw.w.org_a.pk).values_list("name", flat=True))
    assert names[0] == "Conduite professionnelle" and "Code de déontologie" in names
    assert len(names) == 5
    services.indicator_save(
        organisation_id=cw.w.org_a.pk, name="Traçabilité", position=9, by=cw.w.coordinator
    )
    assert selectors.indicators_for(cw.w.org_a.pk).count() == 6
    with pytest.raises(PermissionDenied):
        services.indicator_save(organisation_id=cw.w.org_a.pk, name="X", by=cw.w.professional)
    with pytest.raises(ValidationError, match="already has an indicator"):
        services.indicator_save(
            organisation_id=cw.w.org_a.pk, name="protocoles", by=cw.w.coordinator
        )


def test_a_member_reviews_a_colleague_who_reads_and_answers(cw, review, client_for):
    assert review.reviewee == cw.w.colleague and review.ratings.count() == 5
    page = client_for(cw.w.colleague).get(f"/casework/peer-reviews/{review.pk}/")
    assert page.status_code == 200
    assert "bien tracés" in page.content.decode()
    answered = client_for(cw.w.colleague).post(
        f"/casework/peer-reviews/{review.pk}/answer/", {"answer": "Merci, je garde ce rythme."}
    )
    assert answered.status_code == 302
    review.refresh_from_db()
    assert review.answer == "Merci, je garde ce rythme." and review.answered_at
    with pytest.raises(ValidationError, match="already answered"):
        services.peer_review_answer(review=review, answer="Encore", by=cw.w.colleague)


def test_the_feedback_and_answer_are_encrypted_at_rest(review):
    with connection.cursor() as cursor:
        cursor.execute("SELECT feedback FROM casework_peerreview WHERE id = %s", [review.pk.hex])
        row = cursor.fetchone()
    assert row is not None and "tracés" not in row[0]


def test_reading_a_review_is_audited(cw, review, client_for):
    client_for(cw.w.colleague).get(f"/casework/peer-reviews/{review.pk}/")
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(review.pk)).exists()


def test_nobody_reviews_their_own_case_work(cw, colins_case):
    with pytest.raises(ValidationError, match="Nobody reviews their own case work."):
        services.peer_review_give(
            case=colins_case,
            ratings=_ratings(cw.w.org_a.pk),
            feedback="Très bien",
            by=cw.w.colleague,
        )
    assert not PeerReview.objects.exists()


def test_a_review_rates_every_indicator_and_gives_feedback(cw, colins_case):
    ratings = _ratings(cw.w.org_a.pk)
    ratings.popitem()
    with pytest.raises(ValidationError, match="Rate every indicator"):
        services.peer_review_give(
            case=colins_case, ratings=ratings, feedback="Bien", by=cw.w.professional
        )
    with pytest.raises(ValidationError, match="Give targeted feedback"):
        services.peer_review_give(
            case=colins_case,
            ratings=_ratings(cw.w.org_a.pk),
            feedback=" ",
            by=cw.w.professional,
        )
    with pytest.raises(ValidationError, match="between 1 and 4"):
        services.peer_review_give(
            case=colins_case,
            ratings=_ratings(cw.w.org_a.pk, rating=7),
            feedback="Bien",
            by=cw.w.professional,
        )
    assert not PeerReview.objects.exists()


def _who(cw, name):  # type: ignore[no-untyped-def]
    return {
        "paula": cw.w.professional,
        "colin": cw.w.colleague,
        "gina": cw.gina,
        "olga": cw.olga,
        "berthe": cw.w.worker_b,
        "manager": cw.w.manager,
        "coordinator": cw.w.coordinator,
        "coordinator_b": cw.w.coordinator_b,
    }[name]


REVIEW_READERS = [
    ("paula", 200),  # the reviewer
    ("colin", 200),  # the reviewed person
    ("gina", 404),  # the rest of the core team
    ("manager", 404),  # management outside the review
    ("coordinator", 404),
    ("olga", 404),
    ("berthe", 404),
    ("coordinator_b", 404),
]


@pytest.mark.parametrize(("who", "status"), REVIEW_READERS)
def test_an_individual_review_is_read_by_the_two_people_concerned_only(
    cw, review, client_for, api_for, who, status
):
    person = _who(cw, who)
    assert client_for(person).get(f"/casework/peer-reviews/{review.pk}/").status_code == status
    assert api_for(person).get(f"{API}/peer-reviews/{review.pk}/").status_code == status
    listed = api_for(person).get(f"{API}/peer-reviews/").json()["count"]
    assert listed == (1 if status == 200 else 0)


@pytest.fixture
def three_reviews(cw, review, open_case):  # type: ignore[no-untyped-def]
    """Colin's case reviewed by Paula and by Gina, and a case of Paula's reviewed by Colin."""
    services.peer_review_give(
        case=review.case, ratings=_ratings(cw.w.org_a.pk), feedback="Bien.", by=cw.gina
    )
    pauls = services.case_assign(
        case=open_case(cw.children[1]), guardian=cw.w.professional, reason="Suivi", by=SYSTEM
    )
    services.peer_review_give(
        case=pauls, ratings=_ratings(cw.w.org_a.pk), feedback="Bien.", by=cw.w.colleague
    )


def test_a_trend_needs_three_reviews_of_two_people(cw, review, three_reviews):
    rows = selectors.peer_review_trends(cw.w.core, TODAY)
    assert rows[0].count == 3 and rows[0].average == 3.0
    PeerReview.objects.exclude(reviewee=cw.w.colleague).delete()  # Colin's two reviews left
    rows = selectors.peer_review_trends(cw.w.core, TODAY)
    assert rows[0].count == 2 and rows[0].average is None


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("coordinator", 200),
        ("gina", 200),
        ("olga", 404),
        ("berthe", 404),
        ("coordinator_b", 404),
    ],
)
def test_managers_read_the_team_trend_without_a_name(
    cw, review, three_reviews, client_for, api_for, who, status
):
    person = _who(cw, who)
    page = client_for(person).get(f"/casework/teams/{cw.w.core.pk}/trends/")
    api = api_for(person).get(f"{API}/peer-review-trends/{cw.w.core.pk}/")
    assert page.status_code == status and api.status_code == status
    if status == 200:
        text = page.content.decode()
        assert "Conduite professionnelle" in text
        for name in ("Paula", "Colin", "Lina"):
            assert name not in text.split("<main", 1)[-1]
        rows = api.json()["indicators"]
        assert rows[0] == {
            "indicator": "Conduite professionnelle",
            "count": 3,
            "average": 3.0,
            "previous_average": None,
        }
        assert set(api.json()) == {"core_team", "indicators"}


def test_the_review_form_is_offered_to_a_colleague_not_to_the_guardian(cw, colins_case, client_for):
    url = f"/casework/cases/{colins_case.pk}/"
    assert "peer-review/" in client_for(cw.w.professional).get(url).content.decode()
    assert "peer-review/" not in client_for(cw.w.colleague).get(url).content.decode()
    form = client_for(cw.w.professional).get(f"{url}peer-review/")
    assert form.status_code == 200
    assert client_for(cw.olga).get(f"{url}peer-review/").status_code == 404


# -- meetings ---------------------------------------------------------------------------------


def test_the_agenda_is_built_from_what_is_waiting(cw, open_case, review, three_reviews):
    open_case(cw.children[2])  # waiting for allocation
    services.leave_record(person=cw.gina, starts_on=_days(5), ends_on=_days(12), by=SYSTEM)
    policy = services.policy_publish(
        organisation_id=cw.w.org_a.pk,
        core_team=None,
        title="Visites mensuelles",
        text="Une visite par mois.",
        effective_on=TODAY,
        by=cw.w.coordinator,
    )
    services.policy_acknowledge(policy=policy, by=cw.w.professional)
    services.audit_open(
        team=cw.w.core,
        title="Audit PPE",
        starts_on=TODAY,
        ends_on=_days(20),
        sample_size=1,
        auditors=[cw.w.manager],
        seed=7,
        by=cw.w.coordinator,
    )
    services.peer_review_give(
        case=review.case,
        ratings=_ratings(cw.w.org_a.pk, rating=2),
        feedback="Des contacts à rattraper.",
        by=cw.gina,
    )
    topic = services.topic_add(team=cw.w.core, title="Répartition des astreintes", by=cw.gina)
    meeting = services.meeting_create(
        team=cw.w.core, held_on=TODAY, place="Salle 2", by=cw.w.professional
    )
    items = selectors.meeting_agenda(meeting)
    kinds = [i["kind"] for i in items]
    assert kinds[:4] == ["new_cases", "leave", "policy", "audit"]
    assert "peer_review" in kinds and kinds[-1] == "dynamics"
    assert items[0]["title"] == "1 new case waiting for allocation"
    assert "Gina Gardienne on leave from" in items[1]["title"]
    assert "have not acknowledged" in items[2]["detail"]
    assert items[-1]["ref"] == str(topic.pk)
    # The agenda is encrypted at rest (items may name children).
    with connection.cursor() as cursor:
        cursor.execute("SELECT agenda FROM casework_meeting WHERE id = %s", [meeting.pk.hex])
        assert "Visites" not in cursor.fetchone()[0]
    services.meeting_minutes_save(meeting=meeting, minutes="Astreintes revues.", by=cw.gina)
    topic.refresh_from_db()
    assert topic.discussed_in == meeting
    with pytest.raises(ValidationError, match="minutes are written"):
        services.meeting_agenda_refresh(meeting=meeting, by=cw.gina)


def test_registering_a_provider_is_one_line(cw, monkeypatch):
    monkeypatch.setattr(agenda, "AGENDA_PROVIDERS", list(agenda.AGENDA_PROVIDERS))
    agenda.register(
        lambda team, day: [agenda.AgendaItem(kind="safety", title="Contrôle en retard")]
    )
    items = agenda.build_agenda(cw.w.core, TODAY)
    assert items[-1] == agenda.AgendaItem(kind="safety", title="Contrôle en retard")


def test_attendance_and_actions_belong_to_the_team(cw):
    meeting = services.meeting_create(team=cw.w.core, held_on=TODAY, by=cw.w.professional)
    services.meeting_attendance_record(
        meeting=meeting, person=cw.gina, status="excused", by=cw.w.professional
    )
    services.meeting_attendance_record(
        meeting=meeting, person=cw.gina, status="present", by=cw.w.professional
    )
    marks = dict(selectors.meeting_attendance(meeting))
    assert marks[cw.gina] == "present" and marks[cw.sam] == ""
    with pytest.raises(ValidationError, match="Olga Autre is not a member of this core team."):
        services.meeting_attendance_record(
            meeting=meeting, person=cw.olga, status="present", by=cw.w.professional
        )
    with pytest.raises(ValidationError) as refused:
        services.meeting_action_add(
            meeting=meeting, title="", owner=cw.olga, due_on=_days(-3), by=cw.w.professional
        )
    assert set(refused.value.message_dict) == {"title", "owner", "due_on"}
    services.meeting_action_add(
        meeting=meeting, title="Relancer l'ASE", owner=cw.gina, due_on=_days(7), by=cw.gina
    )
    assert meeting.actions.get().owner == cw.gina


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("paula", 200),
        ("gina", 200),
        ("coordinator", 404),
        ("manager", 404),
        ("olga", 404),
        ("berthe", 404),
    ],
)
def test_a_meeting_is_seen_by_its_core_team_only(cw, client_for, api_for, who, status):
    meeting = services.meeting_create(team=cw.w.core, held_on=TODAY, by=cw.w.professional)
    person = _who(cw, who)
    assert client_for(person).get(f"/casework/meetings/{meeting.pk}/").status_code == status
    assert api_for(person).get(f"{API}/meetings/{meeting.pk}/").status_code == status


def test_the_coordinator_sees_the_team_but_not_its_meetings(cw, client_for):
    assert (
        client_for(cw.w.coordinator).get(f"/casework/teams/{cw.w.core.pk}/meetings/").status_code
        == 403
    )
    assert client_for(cw.gina).get(f"/casework/teams/{cw.w.core.pk}/meetings/").status_code == 200


# -- policies ---------------------------------------------------------------------------------


def test_a_policy_is_acknowledged_member_by_member(cw, client_for, api_for):
    policy = services.policy_publish(
        organisation_id=cw.w.org_a.pk,
        core_team=cw.w.core,
        title="Secret partagé",
        text="Ce qui se partage, avec qui.",
        effective_on=TODAY,
        by=cw.w.coordinator,
    )
    done, pending = selectors.policy_status(policy)
    assert done == [] and {p.first_name for p in pending} == {"Paula", "Colin", "Gina", "Sam"}
    assert (
        client_for(cw.gina).post(f"/casework/policies/{policy.pk}/acknowledge/").status_code == 302
    )
    assert (
        api_for(cw.w.professional).post(f"{API}/policies/{policy.pk}/acknowledge/").status_code
        == 200
    )
    data = api_for(cw.w.coordinator).get(f"{API}/policies/{policy.pk}/").json()
    assert set(data["acknowledged"]) == {str(cw.gina.pk), str(cw.w.professional.pk)}
    assert set(data["not_acknowledged"]) == {str(cw.w.colleague.pk), str(cw.sam.pk)}
    page = client_for(cw.w.coordinator).get(f"/casework/policies/{policy.pk}/").content.decode()
    assert "Acknowledged: 2 of 4" in page and "Colin Collegue" in page
    with pytest.raises(ValidationError, match="already acknowledged"):
        services.policy_acknowledge(policy=policy, by=cw.gina)
    # Another core team neither sees nor acknowledges it.
    assert client_for(cw.olga).get(f"/casework/policies/{policy.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.policy_acknowledge(policy=policy, by=cw.olga)


def test_an_organisation_policy_reaches_every_core_team(cw):
    policy = services.policy_publish(
        organisation_id=cw.w.org_a.pk,
        core_team=None,
        title="Charte",
        text="…",
        effective_on=TODAY,
        by=cw.w.coordinator,
    )
    assert cw.olga in selectors.policy_audience(policy)
    services.policy_acknowledge(policy=policy, by=cw.olga)
    with pytest.raises(ValidationError) as refused:
        services.policy_publish(
            organisation_id=cw.w.org_a.pk,
            core_team=cw.w.region,
            title="",
            text="",
            effective_on=TODAY,
            by=cw.w.coordinator,
        )
    assert set(refused.value.message_dict) == {"core_team", "title", "text"}


# -- audits -----------------------------------------------------------------------------------


@pytest.fixture
def four_cases(cw, open_case):  # type: ignore[no-untyped-def]
    return [open_case(child) for child in cw.children[:4]]


def _audit(cw, **kw):  # type: ignore[no-untyped-def]
    args = {
        "team": cw.w.core,
        "title": "Audit des PPE",
        "starts_on": _days(-1),
        "ends_on": _days(10),
        "sample_size": 2,
        "auditors": [cw.w.manager],
        "seed": 42,
        "by": cw.w.coordinator,
    } | kw
    return services.audit_open(**args)


def test_the_sample_is_random_and_reproducible_from_its_seed(cw, four_cases):
    audit = _audit(cw)
    again = _audit(cw, title="Même tirage")
    first = sorted(str(c.pk) for c in audit.sampled_cases.all())
    assert first == sorted(str(c.pk) for c in again.sampled_cases.all())
    ids = [str(c.pk) for c in four_cases]
    assert sorted(services.draw_sample(ids, 2, 42)) == first
    draws = {tuple(sorted(services.draw_sample(ids, 2, seed))) for seed in range(30)}
    assert len(draws) > 1  # the seed changes the draw
    assert audit.seed == 42 and _audit(cw, seed=None).seed is not None


def test_an_audit_refuses_bad_input(cw, four_cases):
    with pytest.raises(ValidationError) as refused:
        _audit(cw, sample_size=5, ends_on=_days(-3), auditors=[], title=" ")
    assert set(refused.value.message_dict) == {"sample_size", "ends_on", "auditors", "title"}
    assert "has 4 active cases" in refused.value.message_dict["sample_size"][0]
    with pytest.raises(PermissionDenied):
        _audit(cw, by=cw.w.professional)
    assert not Audit.objects.exists()


def test_the_auditor_reads_the_sampled_cases_during_the_audit_with_the_reason_logged(
    cw, four_cases, client_for, api_for
):
    audit = _audit(cw)
    sampled = list(audit.sampled_cases.all())
    other = next(c for c in four_cases if c not in sampled)
    auditor = client_for(cw.w.manager)
    home = auditor.get("/casework/").content.decode()
    assert f"/casework/audits/{audit.pk}/" in home  # the auditor finds the audit
    page = auditor.get(f"/casework/audits/{audit.pk}/").content.decode()
    assert f"/casework/cases/{sampled[0].pk}/" in page
    case_page = auditor.get(f"/casework/cases/{sampled[0].pk}/")
    assert case_page.status_code == 200
    assert "/guardian/" not in case_page.content.decode()  # reads, does not act
    assert auditor.post(f"/casework/cases/{sampled[0].pk}/close/").status_code == 403
    assert api_for(cw.w.manager).get(f"{API}/cases/{sampled[0].pk}/").status_code == 200
    assert auditor.get(f"/casework/cases/{other.pk}/").status_code == 404
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(sampled[0].pk))
    assert [e.additional_data["reason"] for e in reads] == [f"audit:{audit.pk}"] * 2
    # A member's read carries no reason.
    client_for(cw.w.professional).get(f"/casework/cases/{other.pk}/")
    member_read = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(other.pk))
    assert "reason" not in member_read.additional_data
    # The audit over, the access ends by itself.
    Audit.objects.filter(pk=audit.pk).update(ends_on=_days(-1), starts_on=_days(-5))
    auditor = client_for(cw.w.manager)  # the one test client was signed in as Paula above
    assert auditor.get(f"/casework/cases/{sampled[0].pk}/").status_code == 404
    assert api_for(cw.w.manager).get(f"{API}/cases/{sampled[0].pk}/").status_code == 404


def test_findings_per_indicator_and_the_teams_actions(cw, four_cases, client_for, api_for):
    audit = _audit(cw)
    case = audit.sampled_cases.first()
    indicator = selectors.indicators_for(cw.w.org_a.pk).first()
    services.audit_finding_record(
        audit=audit, case=case, indicator=indicator, rating=2, note="PPE non signé", by=cw.w.manager
    )
    with pytest.raises(PermissionDenied):
        services.audit_finding_record(
            audit=audit, case=case, indicator=indicator, rating=3, by=cw.w.professional
        )
    outside = next(c for c in four_cases if not audit.sampled_cases.filter(pk=c.pk).exists())
    with pytest.raises(ValidationError, match="not in the audit's sample"):
        services.audit_finding_record(
            audit=audit, case=outside, indicator=indicator, rating=3, by=cw.w.manager
        )
    services.audit_action_add(
        audit=audit, title="Faire signer les PPE", owner=cw.gina, due_on=_days(30), by=cw.gina
    )
    # The team reads the findings; the coordinator reads counts per indicator, no case.
    team_view = client_for(cw.gina).get(f"/casework/audits/{audit.pk}/").content.decode()
    assert "PPE non signé" in team_view and "Faire signer" in team_view
    coordinator = api_for(cw.w.coordinator).get(f"{API}/audits/{audit.pk}/").json()
    assert coordinator["findings"] == [] and coordinator["sampled_cases"] == []
    assert coordinator["trends"][0]["count"] == 1
    page = client_for(cw.w.coordinator).get(f"/casework/audits/{audit.pk}/").content.decode()
    assert "PPE non signé" not in page and str(case.child) not in page
    assert client_for(cw.olga).get(f"/casework/audits/{audit.pk}/").status_code == 404


def test_the_team_pages_speak_french_without_iso_dates(
    cw, open_case, review, three_reviews, client_for, settings
):
    import re

    from django.utils import translation

    settings.LANGUAGE_CODE = "fr"
    open_case(cw.children[2])
    services.leave_record(person=cw.gina, starts_on=_days(2), ends_on=_days(9), by=SYSTEM)
    with translation.override("fr"):
        meeting = services.meeting_create(team=cw.w.core, held_on=TODAY, by=cw.w.professional)
    policy = services.policy_publish(
        organisation_id=cw.w.org_a.pk,
        core_team=None,
        title="Charte",
        text="…",
        effective_on=TODAY,
        by=cw.w.coordinator,
    )
    audit = services.audit_open(
        team=cw.w.core,
        title="Audit",
        starts_on=TODAY,
        ends_on=_days(5),
        sample_size=1,
        auditors=[cw.w.manager],
        by=cw.w.coordinator,
    )
    pages = {
        f"/casework/meetings/{meeting.pk}/": ["Ordre du jour", "nouveau dossier en attente"],
        f"/casework/teams/{cw.w.core.pk}/meetings/": ["Prévoir une réunion"],
        f"/casework/peer-reviews/{review.pk}/": ["Atteint", "Indicateurs"],
        f"/casework/cases/{review.case.pk}/peer-review/": ["Retour ciblé"],
        f"/casework/teams/{cw.w.core.pk}/trends/": ["Tendances des évaluations entre pairs"],
        f"/casework/policies/{policy.pk}/": ["Pas encore d’accusé de réception"],
        f"/casework/audits/{audit.pk}/": ["Constats par indicateur", "tirés au sort"],
    }
    who = {f"/casework/cases/{review.case.pk}/peer-review/": cw.gina}
    for url, words in pages.items():
        client = client_for(who.get(url, cw.w.professional))
        text = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        main = text.split("<main", 1)[-1]
        for word in words:
            assert word in main.replace("&#x27;", "'"), (url, word)
        # What the reader reads: a date field's value is ISO by HTML's rule (the browser shows it
        # the French way), so tags and their attributes are left out.
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", re.sub(r"<[^>]+>", " ", main)), url
        assert "Waiting" not in main and "Peer review" not in main, url


def test_nobody_audits_cases_they_open_the_audit_for_nor_a_coordinator(cw, four_cases, api_for):
    """Outside security test (casework): the coordinator named herself auditor (page and API)
    and read the sampled children's files. Auditors are casework staff, never the opener nor a
    coordinator; a seed out of range is refused, not a server error."""
    with pytest.raises(ValidationError) as own:
        _audit(cw, auditors=[cw.w.coordinator])
    assert "yourself" in own.value.message_dict["auditors"][0]
    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    user = User.objects.create_user("cora@tutelle-nord.test", "pw-casework-1")
    second = Person.objects.create(
        organisation=cw.w.org_a, first_name="Cora", last_name="Coord", user=user
    )
    Membership.objects.create(person=second, organisation=cw.w.org_a, role=Role.COORDINATOR)
    with pytest.raises(ValidationError) as coordinator:
        _audit(cw, auditors=[second])
    assert "not its coordinators" in coordinator.value.message_dict["auditors"][0]
    with pytest.raises(ValidationError) as seed:
        _audit(cw, seed=2**70)
    assert set(seed.value.message_dict) == {"seed"}
    response = api_for(cw.w.coordinator).post(
        f"{API}/audits/",
        {
            "core_team": str(cw.w.core.pk),
            "title": "t",
            "starts_on": str(TODAY),
            "ends_on": str(_days(10)),
            "sample_size": 2,
            "auditors": [str(cw.w.coordinator.pk)],
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert not Audit.objects.exists()
    assert api_for(cw.w.coordinator).get(f"{API}/cases/").json()["count"] == 0
