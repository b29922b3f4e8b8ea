"""A new line manager that seats the hierarchy in a group (issue 13 point 1, the other direction).

The org chart is an HR fact: the change is recorded on every channel (person page, API, import
dry run and real run), and the breach it creates is said at once: a warning naming the group, the
two people and the link to fix it; the coordinators of the group get an in-app notification.
Bob Bernard and Chloe Caron both sit in "Supervision Lille" (the `gw` fixture)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from entrepairs.core.models import Notification
from entrepairs.people.models import Person

from .. import services

API = "/api/v1"
IMPORT = f"{API}/people/import/"
SENTENCE = (
    "Chloe Caron is the line manager (N+1) of Bob Bernard. "
    "Both sit in the group “Supervision Lille”."
)


@pytest.fixture(autouse=True)
def _in_english(settings: Any) -> Any:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _bob_and_chloe(gw: Any) -> tuple[Person, Person]:
    return gw.others[1], gw.others[2]


def _form(person: Person, line_manager: Person | None) -> dict[str, Any]:
    return {
        "organisation": person.organisation_id,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "profession": person.profession,
        "years_experience": person.years_experience or 0,
        "languages": "fr",
        "line_manager": line_manager.pk if line_manager else "",
        "is_active": "on",
        "roles": ["professional"],
    }


def _csv(*rows: str) -> SimpleUploadedFile:
    data = "\n".join(["first_name,last_name,email,line_manager", *rows]).encode()
    return SimpleUploadedFile("people.csv", data, content_type="text/csv")


def _notified(gw: Any) -> dict[str, list[Notification]]:
    subject = "A new line manager puts the hierarchy in a group"
    found = Notification.objects.filter(subject=subject).select_related("recipient")
    out: dict[str, list[Notification]] = {}
    for n in found:
        out.setdefault(n.recipient.email, []).append(n)
    return out


def test_it_records_the_change_on_the_page_and_warns_with_the_pair_the_group_and_the_fix(
    gw: Any, client_for: Any
) -> None:
    bob, chloe = _bob_and_chloe(gw)
    page = client_for(gw.w.coordinator).post(
        f"/people/{bob.pk}/edit/", _form(bob, chloe), follow=True
    )
    html = page.content.decode()
    assert page.redirect_chain[-1][0] == f"/people/{bob.pk}/"
    bob.refresh_from_db()
    assert bob.line_manager_id == chloe.pk  # recorded: the chart is a fact
    assert SENTENCE in html
    assert "Move Chloe Caron or Bob Bernard to another group." in html
    assert f'href="/groups/{gw.group.pk}/"' in html


def test_it_answers_the_api_with_the_warnings(gw: Any, api_for: Any) -> None:
    bob, chloe = _bob_and_chloe(gw)
    response = api_for(gw.w.coordinator).patch(
        f"{API}/people/{bob.pk}/", {"line_manager": str(chloe.pk)}, format="json"
    )
    assert response.status_code == 200, response.content
    (warning,) = response.json()["warnings"]
    assert warning["code"] == "hierarchy_in_group"
    assert warning["message"] == SENTENCE
    assert warning["url"] == f"/groups/{gw.group.pk}/"
    assert warning["details"]["group"] == str(gw.group.pk)
    assert warning["details"]["superior"] == str(chloe.pk)
    assert warning["details"]["subordinate"] == str(bob.pk)
    assert warning["details"]["level"] == 1  # an integer, as in the breaches API
    assert Person.objects.get(pk=bob.pk).line_manager_id == chloe.pk


def test_the_openapi_schema_documents_the_warnings_and_the_breaches(
    world: Any, client_for: Any
) -> None:
    schema = client_for(world.coordinator).get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    assert components["PersonWritten"]["properties"]["warnings"]["items"] == {
        "$ref": "#/components/schemas/ChangeWarning"
    }
    assert "warnings" in components["PersonImportRow"]["properties"]
    assert "hierarchy_breaches" in components["GroupsDashboard"]["properties"]
    assert "/api/v1/groups/hierarchy-breaches/" in schema["paths"]
    patch = schema["paths"]["/api/v1/people/{id}/"]["patch"]["responses"]["200"]
    assert patch["content"]["application/json"]["schema"]["$ref"].endswith("/PersonWritten")


def test_it_warns_when_a_facilitator_gets_a_member_as_line_manager(gw: Any, api_for: Any) -> None:
    """The fix then points to the group's edit page (name another facilitator)."""
    _bob, chloe = _bob_and_chloe(gw)
    response = api_for(gw.w.coordinator).patch(
        f"{API}/people/{gw.w.facilitator.pk}/", {"line_manager": str(chloe.pk)}, format="json"
    )
    (warning,) = response.json()["warnings"]
    assert warning["url"] == f"/groups/{gw.group.pk}/edit/"
    assert warning["details"]["subordinate_role"] == "facilitator"


def test_it_notifies_the_coordinators_of_each_owner_of_the_group_without_confidential_text(
    gw: Any, api_for: Any
) -> None:
    bob, chloe = _bob_and_chloe(gw)
    api_for(gw.w.coordinator).patch(
        f"{API}/people/{bob.pk}/", {"line_manager": str(chloe.pk)}, format="json"
    )
    notified = _notified(gw)
    assert set(notified) == {gw.w.coordinator.email, gw.w.coordinator_b.email}
    (note,) = notified[gw.w.coordinator.email]
    assert SENTENCE in note.body and note.link == f"/groups/{gw.group.pk}/"
    assert note.organisation_id == gw.w.org_a.pk
    assert notified[gw.w.coordinator_b.email][0].organisation_id == gw.w.org_b.pk


def test_a_change_that_seats_nobody_with_their_chain_gives_no_warning(
    gw: Any, api_for: Any
) -> None:
    bob, _chloe = _bob_and_chloe(gw)
    response = api_for(gw.w.coordinator).patch(
        f"{API}/people/{bob.pk}/", {"line_manager": str(gw.w.manager.pk)}, format="json"
    )
    assert response.status_code == 200 and response.json()["warnings"] == []
    # Nor does an edit that keeps the line manager, while an old breach stays on the dashboard.
    assert not _notified(gw)


def test_a_breach_that_existed_before_is_not_the_change_s_doing(gw: Any, api_for: Any) -> None:
    bob, chloe = _bob_and_chloe(gw)
    Person.objects.filter(pk=bob.pk).update(line_manager=chloe)  # an old breach
    response = api_for(gw.w.coordinator).patch(
        f"{API}/people/{bob.pk}/", {"phone": "0320000000"}, format="json"
    )
    assert response.json()["warnings"] == []


def test_a_team_regulation_group_gives_no_warning(world: Any, api_for: Any) -> None:
    regulation = services.group_create(
        organisation=world.org_a,
        name="Régulation Noyau Lille",
        kind="team_regulation",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    for person in (world.professional, world.colleague):
        services.member_add(group=regulation, person=person, by=world.coordinator)
    response = api_for(world.coordinator).patch(
        f"{API}/people/{world.colleague.pk}/",
        {"line_manager": str(world.professional.pk)},
        format="json",
    )
    assert response.status_code == 200 and response.json()["warnings"] == []
    assert not Notification.objects.filter(
        subject="A new line manager puts the hierarchy in a group"
    ).exists()


def test_the_import_dry_run_lists_the_warning_on_its_row_and_writes_nothing(
    gw: Any, api_for: Any
) -> None:
    bob, chloe = _bob_and_chloe(gw)
    response = api_for(gw.w.coordinator).post(
        IMPORT,
        {"file": _csv(f"Bob,Bernard,{bob.email},{chloe.email}"), "organisation": "tutelle-nord"},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["valid"] and body["dry_run"]
    (warning,) = body["rows"][0]["warnings"]
    assert warning["message"] == SENTENCE and warning["code"] == "hierarchy_in_group"
    assert Person.objects.get(pk=bob.pk).line_manager_id is None
    assert not _notified(gw)


def test_the_import_dry_run_sees_a_chain_through_a_person_the_file_creates(
    gw: Any, api_for: Any
) -> None:
    """Nina is new: Chloe → Nina → Bob makes Chloe Bob's N+2; the warning is on Bob's row."""
    bob, chloe = _bob_and_chloe(gw)
    response = api_for(gw.w.coordinator).post(
        IMPORT,
        {
            "file": _csv(
                f"Bob,Bernard,{bob.email},nina@example.test",
                f"Nina,Nouvelle,nina@example.test,{chloe.email}",
            ),
            "organisation": "tutelle-nord",
        },
        format="multipart",
    )
    rows = response.json()["rows"]
    (warning,) = rows[0]["warnings"]
    assert warning["message"].startswith("Chloe Caron is the line manager (N+2) of Bob Bernard.")
    assert rows[1]["warnings"] == []


def test_the_real_import_records_the_change_reports_it_and_notifies(gw: Any, api_for: Any) -> None:
    bob, chloe = _bob_and_chloe(gw)
    response = api_for(gw.w.coordinator).post(
        IMPORT,
        {
            "file": _csv(f"Bob,Bernard,{bob.email},{chloe.email}"),
            "organisation": "tutelle-nord",
            "dry_run": "false",
        },
        format="multipart",
    )
    assert response.status_code == 200, response.content
    (warning,) = response.json()["rows"][0]["warnings"]
    assert warning["message"] == SENTENCE
    assert Person.objects.get(pk=bob.pk).line_manager_id == chloe.pk
    assert set(_notified(gw)) == {gw.w.coordinator.email, gw.w.coordinator_b.email}


def test_the_import_page_shows_the_warning_in_the_preview_and_after_writing(
    gw: Any, client_for: Any
) -> None:
    bob, chloe = _bob_and_chloe(gw)
    client = client_for(gw.w.coordinator)
    page = client.post(
        "/people/import/",
        {"organisation": gw.w.org_a.pk, "file": _csv(f"Bob,Bernard,{bob.email},{chloe.email}")},
    )
    html = page.content.decode()
    assert 'id="import-warnings"' in html and SENTENCE in html
    done = client.post("/people/import/", {"token": page.context["token"]}, follow=True)
    assert "Line 2:" in done.content.decode() and SENTENCE in done.content.decode()
    assert Person.objects.get(pk=bob.pk).line_manager_id == chloe.pk


def test_the_groups_api_lists_the_breaches_as_the_dashboard_page_does(
    gw: Any, api_for: Any, client_for: Any
) -> None:
    bob, chloe = _bob_and_chloe(gw)
    Person.objects.filter(pk=bob.pk).update(line_manager=chloe)
    api = api_for(gw.w.coordinator)
    (breach,) = api.get(f"{API}/groups/hierarchy-breaches/").json()
    assert breach["message"] == SENTENCE and breach["level"] == 1
    assert breach["fix"] == "Move Chloe Caron or Bob Bernard to another group."
    assert api.get(f"{API}/groups/dashboard/").json()["hierarchy_breaches"] == [breach]
    page = client_for(gw.w.coordinator).get("/groups/dashboard/").content.decode()
    assert "Chloe Caron is the line manager (N+1) of Bob Bernard." in page
    # A professional is refused the list, as the page shows them none.
    assert api_for(gw.w.professional).get(f"{API}/groups/hierarchy-breaches/").status_code == 403


def test_the_refusal_reads_the_same_whatever_the_manager_s_gender_in_french(gw: Any) -> None:
    """Person has no gender: the French wording is neutral ("a … sous sa responsabilité")."""
    bob, chloe = _bob_and_chloe(gw)
    Person.objects.filter(pk=bob.pk).update(line_manager=chloe)
    from .. import hierarchy

    with translation.override("fr"):
        link = hierarchy.find_link(bob.pk, chloe.pk)
        assert link is not None
        assert link.sentence == (
            "Chloe Caron a Bob Bernard sous sa responsabilité hiérarchique (N+1)."
        )


def test_a_background_import_keeps_the_warnings_in_its_report(
    gw: Any, api_for: Any, client_for: Any, settings: Any
) -> None:
    """A file above IMPORT_INLINE_ROWS is written by the worker: its run (API and page) lists the
    same warnings by line."""
    from django.test import TestCase

    from entrepairs.people.models import ImportRun

    settings.IMPORT_INLINE_ROWS = 1
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    bob, chloe = _bob_and_chloe(gw)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = api_for(gw.w.coordinator).post(
            IMPORT,
            {
                "file": _csv(f"Bob,Bernard,{bob.email},{chloe.email}", "Ann,Lee,ann@example.test,"),
                "organisation": "tutelle-nord",
                "dry_run": "false",
            },
            format="multipart",
        )
    assert response.status_code == 202, response.content
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE
    body = api_for(gw.w.coordinator).get(response.json()["url"]).json()
    (warning,) = body["warnings"]["2"]
    assert warning["message"] == SENTENCE
    page = client_for(gw.w.coordinator).get(f"/people/import/{run.pk}/").content.decode()
    assert 'id="run-warnings"' in page and SENTENCE in page
    assert set(_notified(gw)) == {gw.w.coordinator.email, gw.w.coordinator_b.email}


def test_the_import_command_prints_the_warning_in_its_preview_and_its_report(
    gw: Any, tmp_path: Any, capsys: Any
) -> None:
    from django.core.management import call_command

    bob, chloe = _bob_and_chloe(gw)
    path = tmp_path / "people.csv"
    path.write_bytes(_csv(f"Bob,Bernard,{bob.email},{chloe.email}").read())
    call_command("import_people", str(path), "--organisation", "tutelle-nord")
    assert f"warning: {SENTENCE}" in capsys.readouterr().out
    assert Person.objects.get(pk=bob.pk).line_manager_id is None
    call_command("import_people", str(path), "--organisation", "tutelle-nord", "--commit")
    assert f"warning: {SENTENCE}" in capsys.readouterr().out
    assert Person.objects.get(pk=bob.pk).line_manager_id == chloe.pk
    assert set(_notified(gw)) == {gw.w.coordinator.email, gw.w.coordinator_b.email}
