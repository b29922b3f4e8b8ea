"""The person picker: its search offers exactly the people its source gives the viewer (the same
queryset the form validates with), matched on name, team or profession, a bounded page of them,
in a bounded number of queries; a source is named, its context signed."""

import pytest
from django.core import signing
from django.db import connection
from django.forms import ModelChoiceField
from django.test.utils import CaptureQueriesContext

from entrepairs.onboarding.forms import AssignTutorForm
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people import picker
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db
URL = "/people/pick/onboarding.people/"


def _ask(client, q="", context=""):  # type: ignore[no-untyped-def]
    return client.get(URL, {"q": q, "context": context})


def test_it_finds_people_by_name_team_or_profession_in_any_case(world, client):
    client.force_login(world.coordinator.user)
    for text in ("colin", "COLLEGUE", "colin coll", "noyau lille", "educ"):
        labels = [r["label"] for r in _ask(client, text).json()["results"]]
        assert any(label.startswith("Colin Collegue") for label in labels), (text, labels)
    assert _ask(client, "zzzz").json() == {"results": [], "more": False}


def test_it_offers_only_the_people_the_form_accepts_never_another_organisations(world, client):
    client.force_login(world.coordinator.user)
    found = {r["id"] for r in _ask(client).json()["results"]}
    field = AssignTutorForm(viewer=viewer_for(world.coordinator.user)).fields["tutor"]
    assert isinstance(field, ModelChoiceField) and field.queryset is not None
    accepted = {str(pk) for pk in field.queryset.values_list("pk", flat=True)}
    assert found and found <= accepted
    assert str(world.worker_b.pk) not in found and str(world.coordinator_b.pk) not in found
    assert not _ask(client, "Berthe").json()["results"]


def test_a_long_list_answers_a_bounded_page_in_a_bounded_number_of_queries(world, client):
    Person.objects.bulk_create(
        Person(organisation=world.org_a, first_name=f"Agent{i:03}", last_name="Nombreux")
        for i in range(60)
    )
    client.force_login(world.coordinator.user)
    with CaptureQueriesContext(connection) as queries:
        answer = _ask(client, "nombreux").json()
    assert len(answer["results"]) == picker.RESULTS and answer["more"] is True
    assert len(queries) <= 8, [q["sql"] for q in queries]


def test_an_unknown_source_a_forged_context_or_no_session_get_nothing(world, client):
    assert client.get(URL).status_code == 302  # sign-in first
    client.force_login(world.coordinator.user)
    assert client.get("/people/pick/no.such.source/").status_code == 404
    forged = signing.dumps({"organisation": str(world.org_b.pk)}, salt="another salt")
    assert _ask(client, context=forged).status_code == 404


def test_the_field_renders_only_the_chosen_person_and_labels_the_search_input(world):
    form = AssignTutorForm(
        viewer=viewer_for(world.coordinator.user), initial={"tutor": world.colleague.pk}
    )
    html = str(form["tutor"])
    assert html.count("<option") == 2  # the empty choice and the chosen person, not everyone
    assert 'id="id_tutor"' in html and 'role="combobox"' in html
    assert 'id="id_tutor_value"' in html and 'name="tutor"' in html
    assert "Colin Collegue" in html and "Paula" not in html


def test_it_finds_people_by_the_profession_label_it_shows_with_or_without_accents(world, client):
    """The label shows « Éducateur·rice spécialisé·e »; typing it (or « educateur ») finds them
    (an outside tester got nothing for « Éducat » while the English code « educat » worked)."""
    from django.conf import settings

    client.force_login(world.coordinator.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert picker.professions_named("Éducat") == picker.professions_named("educat") != []
    for text in ("Éducateur", "educateur", "colin éduc"):
        labels = [r["label"] for r in _ask(client, text).json()["results"]]
        assert any(label.startswith("Colin Collegue") for label in labels), (text, labels)
