"""Incidents (issue 12 point 7) and care plans, the projet pour l'enfant (point 9): services,
selectors, pages and API, permissions."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from entrepairs.casework import selectors, services
from entrepairs.casework.models import CarePlan, Case, Incident, IncidentAction
from entrepairs.casework.models.care import add_months
from entrepairs.core.services import SYSTEM

pytestmark = pytest.mark.django_db
API = "/api/v1/casework"


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def care(cw, open_case):  # type: ignore[no-untyped-def]
    """Lina's case, Paula her guardian; Noé's case in the same core team; Olga's team has one."""
    lina = open_case(cw.children[0], vulnerability="high")
    noe = open_case(cw.children[2])
    services.case_assign(case=lina, guardian=cw.w.professional, reason="Suivi", by=SYSTEM)
    services.case_assign(case=noe, guardian=cw.gina, reason="Suivi", by=SYSTEM)
    other = open_case(cw.children[3], team=cw.core2)
    lina.refresh_from_db()
    return SimpleNamespace(cw=cw, w=cw.w, lina=lina, noe=noe, other=other)


def _incident(care: Any, **overrides: Any) -> Incident:
    args = {
        "team": care.w.core,
        "cases": [care.lina, care.noe],
        "kind": "runaway",
        "occurred_on": _days(-10),
        "facts": "Fugue de deux nuits, retour au foyer.",
        "immediate_measures": "Signalement au commissariat.",
        "by": care.w.professional,
    }
    return services.incident_record(**{**args, **overrides})


# -- incidents --------------------------------------------------------------------------------


def test_it_records_an_incident_on_several_children_with_its_facts_encrypted(care) -> None:
    incident = _incident(care)
    assert set(incident.cases.all()) == {care.lina, care.noe}
    with connection.cursor() as cursor:
        cursor.execute("SELECT facts FROM casework_incident WHERE id = %s", [incident.pk.hex])
        stored = cursor.fetchone()[0]
    assert "Fugue" not in stored and Incident.objects.get().facts.startswith("Fugue")


def test_it_refuses_an_incident_without_facts_and_writes_nothing(care) -> None:
    with pytest.raises(ValidationError) as refused:
        _incident(care, facts="   ")
    assert "Describe the facts" in str(refused.value)
    assert Incident.objects.count() == 0


def test_it_refuses_a_child_of_another_core_team(care) -> None:
    with pytest.raises(ValidationError, match="must be a case of this core team"):
        _incident(care, cases=[care.lina, care.other])
    assert Incident.objects.count() == 0


def test_an_action_belongs_to_a_member_and_only_its_owner_marks_it_done(care) -> None:
    incident = _incident(care)
    with pytest.raises(ValidationError, match="not a member of this core team"):
        services.incident_action_add(
            incident=incident, description="x", owner=care.cw.olga, due_on=_days(5), by=care.cw.gina
        )
    act = services.incident_action_add(
        incident=incident, description="Revoir le foyer", owner=care.cw.gina, due_on=_days(5),
        by=care.w.professional,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Only the owner"):
        services.incident_action_done(action=act, by=care.w.professional)
    services.incident_action_done(action=act, by=care.cw.gina)
    assert IncidentAction.objects.get().done_on == timezone.localdate()


def test_an_incident_closes_once_analysed_and_its_actions_done(care) -> None:
    incident = _incident(care)
    act = services.incident_action_add(
        incident=incident, description="Revoir", owner=care.cw.gina, due_on=_days(5), by=SYSTEM
    )
    with pytest.raises(ValidationError, match="Analyse the incident"):
        services.incident_close(incident=incident, by=care.cw.gina)
    services.incident_analyse(incident=incident, causes="Conflit", lessons="Écoute", by=SYSTEM)
    with pytest.raises(ValidationError, match="not done yet"):
        services.incident_close(incident=incident, by=care.cw.gina)
    services.incident_action_done(action=act, by=care.cw.gina)
    services.incident_concern_record(
        incident=incident, sent_on=_days(-9), recipient="CRIP du Nord", by=care.cw.gina
    )
    closed = services.incident_close(incident=incident, by=care.cw.gina)
    assert closed.status == "closed" and closed.concern_recipient == "CRIP du Nord"


def test_another_core_team_cannot_record_an_incident_here(care) -> None:
    with pytest.raises(PermissionDenied):
        _incident(care, by=care.cw.olga)


def test_trends_count_per_month_and_type_and_overdue_actions(care) -> None:
    incident = _incident(care)
    _incident(care, kind="violence", occurred_on=_days(-1))
    services.incident_action_add(
        incident=incident, description="Late", owner=care.cw.gina, due_on=_days(-2), by=SYSTEM
    )
    services.incident_action_add(
        incident=incident, description="Soon", owner=care.cw.gina, due_on=_days(2), by=SYSTEM
    )
    trends = selectors.incident_trends(care.w.core)
    assert sum(trends.per_month) == 2 and trends.open_incidents == 2
    assert (trends.open_actions, trends.overdue_actions) == (2, 1)
    data = trends.as_json()
    assert {k["kind"] for k in data["by_kind"]} == {"runaway", "violence"}
    items = selectors.incident_agenda_items(care.w.core)
    assert [i.kind for i in items].count("incident_open") == 2
    assert [i.kind for i in items].count("action_overdue") == 1


def test_managers_and_coordinators_see_counts_never_content_or_names(
    care, client_for, api_for
) -> None:
    _incident(care)
    home = client_for(care.w.manager).get("/casework/").content.decode()
    assert f"/casework/teams/{care.w.core.pk}/incident-trends/" in home
    for who in (care.w.manager, care.w.coordinator):
        page = client_for(who).get(f"/casework/teams/{care.w.core.pk}/incident-trends/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "Fugue" not in text and "Lina" not in text and "Noé" not in text
        api = api_for(who).get(f"{API}/incident-trends/{care.w.core.pk}/")
        assert api.status_code == 200 and api.json()["open_incidents"] == 1
        assert "Lina" not in api.content.decode()
        # The incidents themselves stay hidden.
        incident = Incident.objects.get()
        assert client_for(who).get(f"/casework/incidents/{incident.pk}/").status_code == 404
        assert api_for(who).get(f"{API}/incidents/{incident.pk}/").status_code == 404
        assert api_for(who).get(f"{API}/incidents/").json()["count"] == 0
    # Another core team's member, another organisation: not even the counts.
    olga_trends = client_for(care.cw.olga).get(f"/casework/teams/{care.w.core.pk}/incident-trends/")
    assert olga_trends.status_code == 404
    assert (
        client_for(care.w.coordinator_b)
        .get(f"/casework/teams/{care.w.core.pk}/incident-trends/")
        .status_code
        == 404
    )
    assert (
        api_for(care.w.coordinator_b).get(f"{API}/incident-trends/{care.w.core.pk}/").status_code
        == 404
    )


def test_reading_an_incident_is_audited_on_both_channels(care, client_for, api_for) -> None:
    incident = _incident(care)
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(incident.pk))
    before = reads.count()
    page = client_for(care.cw.gina).get(f"/casework/incidents/{incident.pk}/")
    assert page.status_code == 200 and "Fugue de deux nuits" in page.content.decode()
    api = api_for(care.cw.gina).get(f"{API}/incidents/{incident.pk}/")
    assert api.status_code == 200 and api.json()["facts"].startswith("Fugue")
    assert reads.count() == before + 2


def test_other_core_team_and_organisation_see_no_incident(care, client_for, api_for) -> None:
    incident = _incident(care)
    for who in (care.cw.olga, care.w.worker_b):
        assert client_for(who).get(f"/casework/incidents/{incident.pk}/").status_code == 404
        assert api_for(who).get(f"{API}/incidents/{incident.pk}/").status_code == 404
        assert api_for(who).get(f"{API}/incidents/").json()["count"] == 0
    assert (
        client_for(care.cw.olga).get(f"/casework/teams/{care.w.core.pk}/incidents/").status_code
        == 404
    )
    # Positive control: a member reads the list.
    listing = api_for(care.cw.gina).get(f"{API}/incidents/").json()
    assert listing["count"] == 1 and "facts" not in listing["results"][0]


# -- care plans -------------------------------------------------------------------------------


def _draft(care: Any, text: str = "Scolarité et santé") -> CarePlan:
    return services.care_plan_save(
        case=care.lina, needs="Soins", objectives=text, actions="Tuteur", by=care.w.professional
    )


def test_the_guardian_drafts_and_no_one_else(care) -> None:
    with pytest.raises(ValidationError, match="Only the case's responsible guardian"):
        services.care_plan_save(
            case=care.lina, needs="", objectives="x", actions="", by=care.cw.gina
        )
    with pytest.raises(ValidationError, match="objectives"):
        services.care_plan_save(
            case=care.lina, needs="", objectives=" ", actions="", by=care.w.professional
        )
    plan = _draft(care)
    assert plan.version == 1 and plan.status == "draft"
    again = _draft(care, "Autre")
    assert again.pk == plan.pk and CarePlan.objects.count() == 1


def test_self_approval_is_refused_and_another_member_approves(care) -> None:
    plan = services.care_plan_submit(plan=_draft(care), by=care.w.professional)
    with pytest.raises(ValidationError, match="waits for the core team's decision"):
        _draft(care)
    with pytest.raises(ValidationError, match="cannot approve it"):
        services.care_plan_approve(plan=plan, by=care.w.professional)
    with pytest.raises(PermissionDenied):
        services.care_plan_approve(plan=plan, by=care.cw.olga)
    approved = services.care_plan_approve(plan=plan, by=care.cw.gina)
    today = timezone.localdate()
    assert approved.status == "approved" and approved.approved_on == today
    # Lina's vulnerability is high: review after 6 months.
    assert approved.review_due_on == add_months(today, 6)
    assert [d.by for d in approved.decisions.all()] == [care.cw.gina]


def test_a_returned_plan_starts_a_new_version_then_approval_supersedes(care) -> None:
    v1 = services.care_plan_submit(plan=_draft(care, "Premier jet"), by=care.w.professional)
    with pytest.raises(ValidationError, match="comment is required"):
        services.care_plan_return(plan=v1, comment="", by=care.cw.gina)
    services.care_plan_return(plan=v1, comment="Préciser la scolarité", by=care.cw.gina)
    v2 = _draft(care, "Deuxième jet")
    assert v2.version == 2 and CarePlan.objects.get(pk=v1.pk).objectives == "Premier jet"
    services.care_plan_submit(plan=v2, by=care.w.professional)
    services.care_plan_approve(plan=v2, by=care.w.colleague)
    v3 = _draft(care, "Révision")
    services.care_plan_submit(plan=v3, by=care.w.professional)
    services.care_plan_approve(plan=v3, by=care.cw.gina)
    statuses = dict(CarePlan.objects.values_list("version", "status"))
    assert statuses == {1: "returned", 2: "superseded", 3: "approved"}


def test_reviews_due_and_plans_waiting_show_on_the_agenda_and_the_team_page(
    care, client_for
) -> None:
    plan = services.care_plan_submit(plan=_draft(care), by=care.w.professional)
    items = selectors.care_agenda_items(care.w.core)
    assert [i.kind for i in items] == ["care_plan_waiting"]
    services.care_plan_approve(plan=plan, by=care.cw.gina)
    CarePlan.objects.filter(pk=plan.pk).update(review_due_on=_days(-3))
    assert [i.kind for i in selectors.care_agenda_items(care.w.core)] == ["review_due"]
    assert list(selectors.overdue_reviews(care.w.core)) == [plan]
    page = client_for(care.cw.gina).get(f"/casework/teams/{care.w.core.pk}/")
    assert page.status_code == 200
    overdue = page.content.decode().split('id="care-overdue"')[1].split("</ul>")[0]
    assert "Lina" in overdue
    # The coordinator sees the team page, not the children's plans.
    page = client_for(care.w.coordinator).get(f"/casework/teams/{care.w.core.pk}/")
    assert 'id="care-overdue"' not in page.content.decode()


def test_care_plans_approved_in_time_per_team(care) -> None:
    plan = services.care_plan_submit(plan=_draft(care), by=care.w.professional)
    services.care_plan_approve(plan=plan, by=care.cw.gina)
    # Noé's case opened 4 months ago without a plan: missing.
    Case.objects.filter(pk=care.noe.pk).update(opened_on=add_months(timezone.localdate(), -4))
    (row,) = selectors.care_plans_in_time([care.w.core])
    assert (row.approved, row.in_time, row.late, row.missing) == (1, 1, 0, 1)


def test_reading_a_care_plan_is_audited_and_hidden_from_others(care, client_for, api_for) -> None:
    plan = _draft(care)
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(plan.pk))
    before = reads.count()
    assert client_for(care.cw.gina).get(f"/casework/care-plans/{plan.pk}/").status_code == 200
    api = api_for(care.cw.gina).get(f"{API}/care-plans/{plan.pk}/")
    assert api.status_code == 200 and api.json()["objectives"] == "Scolarité et santé"
    assert reads.count() == before + 2
    for who in (care.cw.olga, care.w.worker_b, care.w.coordinator, care.w.manager):
        assert client_for(who).get(f"/casework/care-plans/{plan.pk}/").status_code == 404
        assert api_for(who).get(f"{API}/care-plans/{plan.pk}/").status_code == 404
        assert client_for(who).get(f"/casework/cases/{care.lina.pk}/care-plan/").status_code == 404


def test_the_api_walks_draft_submit_return_and_approval(care, api_for) -> None:
    paula, gina = api_for(care.w.professional), api_for(care.cw.gina)
    made = paula.post(
        f"{API}/care-plans/",
        {"case": str(care.lina.pk), "objectives": "Scolarité"},
        format="json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert paula.post(f"{API}/care-plans/{pk}/submit/").json()["status"] == "submitted"
    refused = paula.post(f"{API}/care-plans/{pk}/approve/", {}, format="json")
    assert refused.status_code == 400 and "cannot approve it" in refused.content.decode()
    returned = gina.post(f"{API}/care-plans/{pk}/return/", {"comment": "Plus"}, format="json")
    assert returned.json()["status"] == "returned"
    v2 = paula.post(
        f"{API}/care-plans/", {"case": str(care.lina.pk), "objectives": "Mieux"}, format="json"
    ).json()
    assert v2["version"] == 2
    paula.post(f"{API}/care-plans/{v2['id']}/submit/")
    approved = gina.post(f"{API}/care-plans/{v2['id']}/approve/", {}, format="json").json()
    assert approved["status"] == "approved" and approved["decisions"][0]["by"] == str(
        care.cw.gina.pk
    )
    listing = paula.get(f"{API}/care-plans/").json()
    assert listing["count"] == 2 and "objectives" not in listing["results"][0]


# Source-language words that would betray an untranslated string on the care pages.
ENGLISH = (
    "Follow-up", "Facts (", "Immediate measures", "Lessons learned", "Care plan", "Incidents of",
    "Record an incident", "Waiting for approval", "Returned with", "Approved", "Review due",
    "Children concerned", "Trends", "Submit to", "Save the", "Running away", ">overdue",
)  # fmt: skip


def test_the_care_pages_speak_french(care, client_for, settings) -> None:
    settings.LANGUAGE_CODE = "fr"
    incident = _incident(care)
    services.incident_action_add(
        incident=incident, description="Appeler", owner=care.cw.gina, due_on=_days(-1), by=SYSTEM
    )
    plan = services.care_plan_submit(plan=_draft(care), by=care.w.professional)
    team = care.w.core.pk
    pages = {
        care.cw.gina: [
            f"/casework/teams/{team}/",
            f"/casework/teams/{team}/incidents/",
            f"/casework/teams/{team}/incidents/new/",
            f"/casework/teams/{team}/incident-trends/",
            f"/casework/incidents/{incident.pk}/",
            f"/casework/cases/{care.lina.pk}/",
            f"/casework/cases/{care.lina.pk}/care-plan/",
            f"/casework/care-plans/{plan.pk}/",
        ],
        care.w.professional: [f"/casework/care-plans/{plan.pk}/"],
    }
    for who, urls in pages.items():
        client = client_for(who)
        for url in urls:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
            assert response.status_code == 200, url
            text = response.content.decode()
            assert not [w for w in ENGLISH if w in text], (url, [w for w in ENGLISH if w in text])
    page = client_for(care.cw.gina).get(f"/casework/incidents/{incident.pk}/")
    assert "Actions de suivi" in page.content.decode() and "en retard" in page.content.decode()
    refused = client_for(care.w.professional).post(
        f"/casework/care-plans/{plan.pk}/approve/", {"comment": ""}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "L’auteur d’un projet pour l’enfant ne peut pas l’approuver" in (
        refused.content.decode()
    )


def test_the_incident_form_starts_from_the_case_it_was_opened_from(care, client_for) -> None:
    client = client_for(care.cw.gina)
    url = f"/casework/teams/{care.w.core.pk}/incidents/new/"
    form = client.get(f"{url}?case={care.lina.pk}").context["form"]
    assert list(form.initial["cases"]) == [care.lina.pk]
    assert client.get(f"{url}?case=not-an-id").status_code == 200


def test_the_trends_page_names_months_in_french_and_totals_every_type(
    care, client_for, settings
) -> None:
    """Outside test F8: « JUI 2026 » / « JUL 2026 » were ambiguous and the totals row had no
    total. Months use French abbreviations (« juin », « juil. »); the totals row ends with the
    grand total, and is left out when there is nothing to add up."""
    address = f"/casework/teams/{care.w.core.pk}/incident-trends/"
    client = client_for(care.w.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert "<tfoot>" not in client.get(address).content.decode()
    _incident(care)
    html = client.get(address).content.decode()
    from django.utils import formats, translation

    with translation.override("fr"):
        this_month = formats.date_format(timezone.localdate(), "YEAR_MONTH_FORMAT")
    assert f'<th scope="col">{this_month}</th>' in html
    footer = html.split("<tfoot>")[1].split("</tfoot>")[0]
    assert footer.endswith("<td>1</td></tr>")
