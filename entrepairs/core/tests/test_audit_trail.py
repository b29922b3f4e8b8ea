import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from entrepairs.core.audit import AuditTrailIsAppendOnly

pytestmark = pytest.mark.django_db


def test_it_records_who_changed_a_record_through_the_api(world, api_for):
    api_for(world.coordinator).patch(
        f"/api/v1/people/{world.colleague.pk}/", {"region": "Hauts-de-France"}, format="json"
    )
    entry = LogEntry.objects.filter(
        object_pk=str(world.colleague.pk), action=LogEntry.Action.UPDATE
    ).latest("timestamp")
    assert entry.actor == world.coordinator.user
    assert entry.additional_data == {"organisation": str(world.org_a.pk), "source": "api"}
    assert entry.changes_dict["region"] == ["", "Hauts-de-France"]


def test_it_records_api_reads_of_sensitive_records(world, api_for):
    api_for(world.coordinator).get(f"/api/v1/people/{world.colleague.pk}/")
    entry = LogEntry.objects.get(object_pk=str(world.colleague.pk), action=LogEntry.Action.ACCESS)
    assert entry.actor == world.coordinator.user and entry.additional_data["source"] == "api"


def test_it_records_deletions(world, client_for):
    client_for(world.coordinator).post(reverse("people:delete", args=[world.colleague.pk]))
    assert LogEntry.objects.filter(
        object_pk=str(world.colleague.pk), action=LogEntry.Action.DELETE
    ).exists()


def test_it_cannot_edit_or_delete_the_trail(world):
    entry = LogEntry.objects.first()
    entry.object_repr = "tampered"
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.delete()


def test_it_shows_each_organisation_only_its_own_trail(world, client_for):
    page = client_for(world.coordinator_b).get(reverse("audit:list"))
    reprs = {e.object_repr for e in page.context["page"]}
    assert "Berthe TravailleuseB" in reprs and "Paula Pro" not in reprs


def test_it_refuses_the_trail_to_professionals(world, client_for):
    assert client_for(world.professional).get(reverse("audit:list")).status_code == 403


def test_it_shows_the_platform_admin_everything(world, client_for):
    page = client_for(world.admin).get(reverse("audit:list"), {"record": "Paula"})
    assert any(e.object_repr == "Paula Pro" for e in page.context["page"])
