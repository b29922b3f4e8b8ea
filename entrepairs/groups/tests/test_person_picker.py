"""The groups' person pickers (people.picker): the member and facilitator fields search, on the
page and in the API, only the people their selector suggests for a group the viewer may run;
never another organisation's people; 404 for a group the viewer does not see, 403 where they
see it but may not add members."""

import pytest
from django.urls import reverse

from entrepairs.organisations.models import Membership, Organisation, Role
from entrepairs.people.models import Person
from entrepairs.people.picker import sign_context

pytestmark = pytest.mark.django_db
PAGE = "/people/pick/{}/"
API = "/api/v1/people/pick/{}/"


@pytest.fixture
def stranger(gw):  # type: ignore[no-untyped-def]
    """Someone of an organisation that has nothing to do with the group."""
    org = Organisation.objects.create(name="Maison Ailleurs", slug="ailleurs")
    person = Person.objects.create(organisation=org, first_name="Zoé", last_name="Ailleurs")
    Membership.objects.create(person=person, organisation=org, role=Role.FACILITATOR)
    return person


def _ids(answer):  # type: ignore[no-untyped-def]
    return {r["id"] for r in answer.json()["results"]}


def test_the_member_picker_offers_people_not_yet_in_the_group_never_strangers(
    gw, stranger, client_for, api_for
):
    context = sign_context({"group": gw.group.pk})
    page = client_for(gw.w.facilitator).get(
        PAGE.format("groups.members"), {"q": "", "context": context}
    )
    api = api_for(gw.w.facilitator, gw.w.org_a).get(
        API.format("groups.members"), {"q": "", "context": context}
    )
    assert page.status_code == api.status_code == 200
    assert _ids(page) == _ids(api)
    found = _ids(page)
    assert str(gw.outsider.pk) in found  # not a member yet
    assert str(gw.w.professional.pk) not in found  # already a member
    assert str(gw.w.facilitator.pk) not in found  # leads it
    assert str(stranger.pk) not in found
    odile = client_for(gw.w.facilitator).get(
        PAGE.format("groups.members"), {"q": "odile out", "context": context}
    )
    labels = [r["label"] for r in odile.json()["results"]]
    assert len(labels) == 1 and labels[0].startswith("Odile Outsider — ")


def test_a_viewer_who_may_not_add_members_gets_403_and_one_who_does_not_see_it_404(
    gw, stranger, client_for, api_for
):
    context = sign_context({"group": gw.group.pk})
    url = PAGE.format("groups.members")
    # A member sees the group but does not run it.
    assert client_for(gw.w.colleague).get(url, {"context": context}).status_code == 403
    assert (
        api_for(gw.w.colleague, gw.w.org_a)
        .get(API.format("groups.members"), {"context": context})
        .status_code
        == 403
    )
    # The outsider does not see the supervision group at all.
    assert client_for(gw.outsider).get(url, {"context": context}).status_code == 404


def test_the_facilitator_picker_offers_facilitators_of_the_viewers_organisations(
    gw, stranger, client_for
):
    found = _ids(client_for(gw.w.coordinator).get(PAGE.format("groups.facilitators")))
    assert str(gw.w.facilitator.pk) in found
    assert str(gw.w.colleague.pk) not in found  # not a facilitator
    assert str(stranger.pk) not in found  # a facilitator, of another organisation


def test_the_group_pages_render_pickers_not_a_list_of_everyone(gw, client_for):
    client = client_for(gw.w.coordinator)
    add = client.get(reverse("groups:member_add", args=[gw.group.pk])).content.decode()
    assert 'role="combobox"' in add and "Odile Outsider" not in add
    edit = client.get(reverse("groups:edit", args=[gw.group.pk])).content.decode()
    assert 'id="id_facilitators_value"' in edit and "multiple" in edit
    assert "Fanny Facilitatrice" in edit  # the current facilitator, chosen
    assert "Alice Arnaud" not in edit


def test_a_member_chosen_in_the_picker_is_added_by_the_service(gw, client_for):
    client = client_for(gw.w.facilitator)
    answer = client.post(
        reverse("groups:member_add", args=[gw.group.pk]), {"person": gw.outsider.pk}
    )
    assert answer.status_code == 302
    assert gw.group.members.filter(person=gw.outsider).exists()
