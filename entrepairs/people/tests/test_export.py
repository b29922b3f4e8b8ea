"""Exporting people to CSV and XLSX: the list's rules and filters, the import's columns."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from entrepairs.people import imports

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(settings):
    # Messages are checked in their source language; the French wording belongs to the translators.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def read_csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode())  # Excel needs the mark to read UTF-8
    rows = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
    # Named by column whether the file's headers are labels (the page) or field names.
    return [{imports.header_column(k) or k: v for k, v in row.items()} for row in rows]


def test_it_exports_a_coordinators_people_with_the_import_columns(world, client_for):
    response = client_for(world.coordinator).get(
        reverse("people:export"), {"format": "csv", "columns": "codes"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="people-all-' in response["Content-Disposition"]
    rows = read_csv(response)
    assert list(rows[0]) == imports.COLUMNS
    assert {r["last_name"] for r in rows} == {
        "Coordinatrice",
        "Manager",
        "Pro",
        "Collegue",
        "Facilitatrice",
        "Jeune",
    }
    paula = next(r for r in rows if r["last_name"] == "Pro")
    assert paula == {
        "first_name": "Paula",
        "last_name": "Pro",
        "email": "paula.pro@tutelle-nord.test",
        "phone": "",
        "external_id": "",
        "profession": "tutor",
        "years_experience": "4",
        "languages": "fr, en",
        "region": "",
        "team": "Noyau Lille 1",
        "line_manager": "marc.manager@tutelle-nord.test",
        "availability": "",
        "roles": "professional",
        "is_active": "yes",
    }


def test_it_exports_an_excel_workbook(world, client_for):
    response = client_for(world.coordinator).get(
        reverse("people:export"),
        {"format": "xlsx", "organisation": world.org_a.pk, "columns": "codes"},
    )
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="people-tutelle-nord-' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))
    assert list(lines[0]) == imports.COLUMNS and len(lines) == 7


@pytest.mark.parametrize(
    ("filters", "names"),
    [
        ({"q": "paula"}, {"Pro"}),
        ({"profession": "educator"}, {"Collegue"}),
        ({"team": "core"}, {"Pro", "Collegue"}),
    ],
)
def test_it_exports_only_what_the_lists_filters_show(world, client_for, filters, names):
    if filters.get("team") == "core":
        filters = {"team": world.core.pk}
    response = client_for(world.coordinator).get(
        reverse("people:export"), {"format": "csv", **filters}
    )
    assert {r["last_name"] for r in read_csv(response)} == names


def test_it_refuses_an_export_filtered_on_another_organisation(world, client_for):
    response = client_for(world.coordinator).get(
        reverse("people:export"), {"format": "csv", "organisation": world.org_b.pk}
    )
    assert response.status_code == 400
    assert b"CoordB" not in response.content


def test_it_refuses_export_to_people_who_manage_nobody(world, client_for):
    assert client_for(world.professional).get(reverse("people:export")).status_code == 403


def test_it_refuses_export_to_a_line_manager_who_sees_but_does_not_manage(world, client_for):
    assert (
        client_for(world.manager).get(reverse("people:export"), {"format": "xlsx"}).status_code
        == 403
    )


def test_it_refuses_an_unknown_format(world, client_for):
    assert (
        client_for(world.coordinator).get(reverse("people:export"), {"format": "pdf"}).status_code
        == 400
    )


def test_it_lets_a_platform_admin_export_every_organisation(world, client_for):
    rows = read_csv(client_for(world.admin).get(reverse("people:export"), {"format": "csv"}))
    assert {"Pro", "CoordB", "TravailleuseB"} <= {r["last_name"] for r in rows}


def test_it_keeps_the_external_facilitator_out_of_another_organisations_export(world, client_for):
    # Fanny belongs to A but holds a role in B: B's coordinator sees her, yet may not manage her.
    rows = read_csv(
        client_for(world.coordinator_b).get(
            reverse("people:export"), {"format": "csv", "columns": "codes"}
        )
    )
    assert {r["last_name"] for r in rows} == {"CoordB", "TravailleuseB"}
    assert next(r for r in rows if r["last_name"] == "CoordB")["roles"] == "coordinator"


def test_it_escapes_cells_that_a_spreadsheet_would_run_as_formulas(world, client_for):
    world.colleague.first_name = "=1+2"
    world.colleague.phone = "+33 6 00 00 00 00"
    world.colleague.save()
    rows = read_csv(client_for(world.coordinator).get(reverse("people:export"), {"format": "csv"}))
    colin = next(r for r in rows if r["last_name"] == "Collegue")
    assert colin["first_name"] == "'=1+2" and colin["phone"] == "+33 6 00 00 00 00"


def test_it_exports_in_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    from entrepairs.people.models import Person

    Person.objects.bulk_create(
        [
            Person(
                organisation=world.org_a,
                first_name="N",
                last_name=f"L{i}",
                email=f"n{i}@x.test",
                team=world.core,
                line_manager=world.manager,
            )
            for i in range(120)
        ]
    )
    client = client_for(world.coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("people:export"), {"format": "csv"})
    assert len(read_csv(response)) == 126


# --- API ---------------------------------------------------------------------------------------


def test_it_exports_through_the_api(world, api_for):
    api = api_for(world.coordinator)
    response = api.get("/api/v1/people/export/", {"format": "csv", "organisation": "tutelle-nord"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert {r["last_name"] for r in read_csv(response)} >= {"Pro", "Manager"}
    xlsx = api.get(
        "/api/v1/people/export/", {"format": "xlsx", "organisation": str(world.org_a.pk)}
    )
    assert load_workbook(io.BytesIO(xlsx.content)).worksheets[0].max_row == 7


def test_it_refuses_an_api_export_of_another_organisation(world, api_for):
    response = api_for(world.coordinator).get(
        "/api/v1/people/export/", {"format": "csv", "organisation": "enfance-sud"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_it_refuses_an_api_export_to_a_professional(world, api_for):
    assert api_for(world.professional).get("/api/v1/people/export/").status_code == 403


def test_it_answers_api_export_errors_in_json(world, api_for):
    response = api_for(world.coordinator).get("/api/v1/people/export/", {"format": "pdf"})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"format": ["Use csv or xlsx."]}


# --- the page's file in the reader's language (issue 15 point 4) ------------------------------


def _french_export(world, client_for, fmt="csv"):  # type: ignore[no-untyped-def]
    world.professional.availability = ["mon-am", "tue-pm"]
    world.professional.languages = ["fr", "ar"]
    world.professional.save()
    with translation.override("fr"):
        client = client_for(world.coordinator)
        client.cookies["django_language"] = "fr"
        return client.get(
            reverse("people:export"),
            {"format": fmt, "organisation": world.org_a.pk},
            HTTP_ACCEPT_LANGUAGE="fr",
        )


def test_the_pages_export_speaks_french_to_a_french_reader(world, client_for):
    response = _french_export(world, client_for)
    body = response.content.decode("utf-8-sig")
    header = body.splitlines()[0]
    assert header.startswith("Prénom,Nom,")
    assert "first_name" not in header and "is_active" not in header
    paula = next(row for row in csv.DictReader(io.StringIO(body)) if row["Nom"] == "Pro")
    assert paula["Langues"] == "français, arabe"
    assert paula["Disponibilités"] == "lundi matin, mardi après-midi"
    assert paula["Actif"] == "oui"
    assert "tutor" not in paula.values() and "professional" not in paula.values()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_french_export_reimports_as_updates_without_changes(world, client_for, fmt):
    from auditlog.models import LogEntry

    data = _french_export(world, client_for, fmt).content
    entries = LogEntry.objects.count()
    with translation.override("fr"):
        preview = imports.import_people(
            data=data,
            filename=f"personnes.{fmt}",
            organisation=world.org_a,
            commit=True,
            by=world.coordinator.user,
        )
    assert preview.valid, preview.errors_by_line()
    assert {row.action for row in preview.rows} == {"update"}
    assert [row.changes for row in preview.rows if row.changes] == []
    assert LogEntry.objects.count() == entries  # nothing changed, nothing saved


def test_the_stable_columns_stay_for_scripts(world, client_for):
    response = client_for(world.coordinator).get(
        reverse("people:export"), {"format": "csv", "columns": "codes"}
    )
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == imports.COLUMNS
