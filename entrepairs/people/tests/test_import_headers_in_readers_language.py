"""The people import speaks the reader's language (outside test of issue 15: the page listed
first_name, email… to a French coordinator): the page names and explains each column in French or
English, gives a blank file with those headers, and the importer reads headers written either way,
whatever their capitals and accents — through the page and the command alike, since both read
them with `imports.header_column`."""

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from entrepairs.people import imports
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db

# A French coordinator's own spreadsheet: capitals, accents and spellings of their own.
FRENCH_FILE = (
    "PRÉNOM;nom;E-Mail;Équipe;Téléphone\r\nAnn;Lee;ann@example.test;Noyau Lille 1;0601020304\r\n"
)


def _client(client_for: Any, world: Any, language: str) -> Any:
    client = client_for(world.coordinator)
    client.cookies["django_language"] = language
    return client


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize(
    ("language", "first", "external"),
    [("fr", "Prénom", "Identifiant externe"), ("en", "First name", "External id")],
)
def test_the_page_names_and_explains_the_columns_in_the_readers_language(
    world: Any, client_for: Any, language: str, first: str, external: str
) -> None:
    page = _client(client_for, world, language).get(
        reverse("people:import"), HTTP_ACCEPT_LANGUAGE=language
    )
    main = _main(page.content.decode())
    table = main[main.index('id="import-columns"') : main.index("</table>")]
    assert f'<th scope="row">{first}</th>' in table and f'<th scope="row">{external}</th>' in table
    with translation.override(language):
        assert all(guide.help and guide.label in table for guide in imports.column_guide())
    # No field name is shown to a reader: they live in the API's and the command's documentation.
    for code in imports.COLUMNS:
        assert not re.search(rf"(?<![\w-]){code}(?![\w-])", re.sub(r"<[^>]+>", " ", main)), code


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_blank_file_has_the_readers_headers_and_imports_back_through_the_page(
    world: Any, client_for: Any, language: str
) -> None:
    client = _client(client_for, world, language)
    blank = client.get(reverse("people:import_blank"), HTTP_ACCEPT_LANGUAGE=language)
    assert blank.status_code == 200 and "attachment" in blank["Content-Disposition"]
    header = blank.content.decode("utf-8-sig").splitlines()[0]
    with translation.override(language):
        assert header == ",".join(str(imports.COLUMN_LABELS[c]) for c in imports.COLUMNS)
    row = {"first_name": "Ann", "last_name": "Lee", "email": "ann@example.test"}
    filled = header + "\r\n" + ",".join(row.get(c, "") for c in imports.COLUMNS) + "\r\n"
    page = client.post(
        reverse("people:import"),
        {"organisation": world.org_a.pk, "file": SimpleUploadedFile("p.csv", filled.encode())},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    preview = page.context["preview"]
    assert preview.valid and preview.to_create == 1 and not preview.ignored


def test_a_french_file_with_its_own_capitals_and_accents_is_read_by_the_page(
    world: Any, client_for: Any
) -> None:
    page = _client(client_for, world, "fr").post(
        reverse("people:import"),
        {
            "organisation": world.org_a.pk,
            "file": SimpleUploadedFile("p.csv", FRENCH_FILE.encode("cp1252")),
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    preview = page.context["preview"]
    assert preview.valid and preview.to_create == 1 and not preview.ignored, preview.ignored
    assert preview.rows[0].cleaned["team"].name == "Noyau Lille 1"


def test_a_french_file_with_its_own_capitals_and_accents_is_read_by_the_command(
    world: Any, tmp_path: Any, capsys: Any
) -> None:
    path = tmp_path / "personnes.csv"
    path.write_bytes(FRENCH_FILE.encode("cp1252"))
    call_command("import_people", str(path), "--organisation", world.org_a.slug, "--commit")
    ann = Person.objects.get(email="ann@example.test")
    assert ann.team is not None
    assert (ann.first_name, ann.last_name, ann.team.name, ann.phone) == (
        "Ann",
        "Lee",
        "Noyau Lille 1",
        "0601020304",
    )
    assert "Ignored columns" not in capsys.readouterr().out


def test_a_missing_identifier_is_named_in_the_readers_words() -> None:
    with translation.override("fr"), pytest.raises(imports.ImportFileError) as refused:
        imports.read_table("Prénom;Nom\r\nAnn;Lee\r\n".encode(), "p.csv")
    message = str(refused.value.message)
    assert "« E-mail »" in message.replace("\u00a0", " ") and "external_id" not in message
