"""Cases: a child without an account, a weight computed from age, placement, procedures and
vulnerability, a timeline written by the services, confidential text encrypted at rest."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from entrepairs.casework import selectors, services
from entrepairs.casework.models import Case, CaseEvent, Placement
from entrepairs.casework.models.cases import age_points
from entrepairs.core.services import SYSTEM

from .conftest import years_ago

pytestmark = pytest.mark.django_db


def test_a_case_weighs_its_base_age_placement_procedures_and_vulnerability(cw, open_case):
    case = open_case(
        age=10, vulnerability="high", procedures=["asylum", "court"], placement="reception_centre"
    )
    # base 1 + age under 12: 2 + reception centre 1 + two procedures 2 + high vulnerability 4
    assert case.weight == 10
    assert sum(points for _label, points in selectors.case_weight_breakdown(case)) == 10


def test_a_simple_case_of_a_fifteen_year_old_in_a_foster_family_weighs_one(cw, open_case):
    assert open_case(age=15).weight == 1


def test_age_points_are_highest_for_young_children_and_rise_again_before_majority():
    assert [age_points(a) for a in (5, 12, 15, 16, 17)] == [2, 1, 0, 0, 1]


def test_a_new_placement_ends_the_current_one_and_reweighs_the_case(cw, open_case):
    case = open_case(age=15)
    since = timezone.localdate() + datetime.timedelta(days=1)
    services.placement_record(
        case=case, kind="secure", since=since, note="Unité X", by=cw.w.professional
    )
    case.refresh_from_db()
    assert case.weight == 3
    old, new = Placement.objects.filter(child=case.child).order_by("since")
    assert old.until == since - datetime.timedelta(days=1) and new.until is None
    assert case.events.filter(kind=CaseEvent.Kind.PLACEMENT).exists()


def test_a_placement_starting_before_the_current_one_is_refused(cw, open_case):
    case = open_case()
    with pytest.raises(ValidationError) as exc:
        services.placement_record(
            case=case, kind="secure", since=datetime.date(2000, 1, 1), by=cw.w.professional
        )
    assert "starts after the current one" in str(exc.value)


def test_opening_a_case_writes_the_first_line_of_its_timeline(cw, open_case):
    case = open_case()
    assert list(case.events.values_list("kind", flat=True)) == [CaseEvent.Kind.OPENED]
    assert case.status == Case.Status.NEW and case.guardian is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"child": "with_account"}, "a person without an account"),
        ({"child": "org_b"}, "belongs to another organisation"),
        ({"birth_date": "adult"}, "18 years or more"),
        ({"procedures": ["unknown"]}, "Unknown procedures"),
    ],
)
def test_opening_a_case_refuses_bad_input(cw, change, message):
    child = {"with_account": cw.w.colleague, "org_b": cw.child_b}.get(
        change.get("child"), cw.children[0]
    )
    birth = years_ago(19) if change.get("birth_date") == "adult" else years_ago(10)
    with pytest.raises(ValidationError) as exc:
        services.case_open(
            team=cw.w.core,
            child=child,
            birth_date=birth,
            procedures=change.get("procedures", []),
            by=cw.w.professional,
        )
    assert message in str(exc.value)


def test_a_child_has_one_open_case_at_a_time(cw, open_case):
    open_case()
    with pytest.raises(ValidationError, match="already has an open case"):
        open_case()


def test_only_a_member_of_the_core_team_opens_a_case_there(cw):
    for outsider in (cw.w.coordinator, cw.olga, cw.w.worker_b):
        with pytest.raises(PermissionDenied):
            services.case_open(
                team=cw.w.core, child=cw.children[1], birth_date=years_ago(9), by=outsider
            )
    case = services.case_open(
        team=cw.w.core, child=cw.children[1], birth_date=years_ago(9), by=cw.gina
    )
    assert case.core_team == cw.w.core


def test_the_case_summary_and_placement_note_are_encrypted_at_rest(cw, open_case):
    case = open_case()
    with connection.cursor() as cursor:
        cursor.execute("SELECT summary FROM casework_case WHERE id = %s", [case.pk.hex])
        stored = cursor.fetchone()[0]
    assert "scolarisé" not in stored
    assert Case.objects.get(pk=case.pk).summary == "Arrivé seul, scolarisé en 4e."


def test_a_closed_case_takes_no_update(cw, open_case):
    case = services.case_close(case=open_case(), by=cw.w.professional)
    with pytest.raises(ValidationError, match="closed"):
        services.case_update(
            case=case,
            birth_date=case.birth_date,
            vulnerability="high",
            procedures=[],
            summary="",
            by=cw.w.professional,
        )


def test_reading_a_case_in_the_page_is_audited_with_the_reader(cw, open_case, client_for):
    case = open_case()
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(case.pk)).count()
    response = client_for(cw.w.professional).get(f"/casework/cases/{case.pk}/")
    assert response.status_code == 200
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(case.pk))
    assert entries.count() == before + 1
    assert entries.latest("timestamp").actor == cw.w.professional.user


def test_reading_a_case_in_the_api_is_audited_as_api(cw, open_case, api_for):
    case = open_case()
    response = api_for(cw.w.professional).get(f"/api/v1/casework/cases/{case.pk}/")
    assert response.status_code == 200
    assert response.data["summary"] == "Arrivé seul, scolarisé en 4e."
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(case.pk)).latest(
        "timestamp"
    )
    assert entry.additional_data["source"] == "api"


def test_the_case_list_of_the_api_carries_no_confidential_text(cw, open_case, api_for):
    open_case()
    response = api_for(cw.w.professional).get("/api/v1/casework/cases/")
    assert response.status_code == 200
    assert "summary" not in response.data["results"][0]
    assert services is not None and SYSTEM is not None


def test_a_member_registers_a_new_child_with_the_case_and_a_refusal_leaves_no_stray_child(cw):
    from django.core.exceptions import ValidationError

    from entrepairs.casework import services
    from entrepairs.organisations.models import Membership
    from entrepairs.people.models import Person

    from .conftest import years_ago

    case = services.case_open(
        team=cw.w.core,
        new_child_first_name=" Iris ",
        new_child_last_name="Nouvelle",
        birth_date=years_ago(11),
        by=cw.w.professional,
    )
    child = case.child
    assert (child.first_name, child.last_name, child.user_id) == ("Iris", "Nouvelle", None)
    assert child.organisation_id == cw.w.org_a.pk
    assert list(Membership.objects.filter(person=child).values_list("role", flat=True)) == ["youth"]
    before = Person.objects.count()
    with pytest.raises(ValidationError):
        services.case_open(
            team=cw.w.core,
            new_child_first_name="Jade",
            new_child_last_name="Refusée",
            birth_date=years_ago(11),
            opened_on=years_ago(12),  # before the birth: refused after the child was built
            by=cw.w.professional,
        )
    assert Person.objects.count() == before


def test_only_the_responsible_guardian_closes_a_case_on_the_page_and_the_api(cw, open_case, client):
    """Colleagues share the casework, not the decision to close a child's case."""
    case = open_case()
    services.case_assign(case=case, guardian=cw.w.professional, reason="r", by=SYSTEM)
    case.refresh_from_db()
    with pytest.raises(PermissionDenied, match="responsible guardian closes"):
        services.case_close(case=case, by=cw.w.colleague)
    client.force_login(cw.w.colleague.user)
    assert client.post(f"/casework/cases/{case.pk}/close/").status_code == 403
    assert client.post(f"/api/v1/casework/cases/{case.pk}/close/").status_code == 403
    page = client.get(f"/casework/cases/{case.pk}/")
    assert page.status_code == 200 and f"/casework/cases/{case.pk}/close/" not in page.text
    client.force_login(cw.w.professional.user)
    assert client.post(f"/api/v1/casework/cases/{case.pk}/close/").status_code == 200
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED
