"""The member directory with consent (issue 16 point 2): each member's entry shows a detail only
to the circle its owner chose (nobody by default, the people of their groups, the network), on
the page, in the API and in search alike; organisations outside the network see nothing."""

from typing import Any

import pytest

from entrepairs.groups.models import Group, GroupMember
from entrepairs.networks import selectors, services
from entrepairs.networks.models import DirectoryProfile, Network, NetworkMember

pytestmark = pytest.mark.django_db


def _join(world: Any, network: Network, who: Any) -> NetworkMember:
    row = services.member_request(network=network, by=who)
    return services.member_answer(member=row, accept=True, by=world.coordinator)


@pytest.fixture
def members(world: Any, network: Network) -> dict[str, NetworkMember]:
    """Paula (tutor, 4 years, French and English) and Marc join the network founded by Claire;
    Colin works in the member organisation without joining. Paula has a phone and a region."""
    world.professional.phone = "06 12 34 56 78"
    world.professional.region = "Hauts-de-France"
    world.professional.save()
    return {
        "paula": _join(world, network, world.professional),
        "marc": _join(world, network, world.manager),
        "claire": NetworkMember.objects.get(network=network, person=world.coordinator),
    }


def _share(member: NetworkMember, **audiences: str) -> None:
    services.directory_profile_update(member=member, by=member.person, **audiences)


def _page_entry(client: Any, network: Network, member: NetworkMember, query: str = "") -> str:
    response = client.get(f"/networks/{network.pk}/directory/{query}")
    assert response.status_code == 200
    body = response.content.decode()
    start = body.find(f'id="entry-{member.pk}"')
    return "" if start < 0 else body[start : body.find("</tr>", start)]


def _api_entry(api: Any, network: Network, member: NetworkMember, query: str = "") -> Any:
    response = api.get(f"/api/v1/networks/{network.pk}/directory/{query}")
    assert response.status_code == 200, response.content
    found = [e for e in response.json()["results"] if e["id"] == str(member.pk)]
    return found[0] if found else None


def test_it_shares_nothing_until_the_member_chooses(world, network, members, client_for, api_for):
    row = _page_entry(client_for(world.manager), network, members["paula"])
    assert "Paula Pro" in row
    assert "paula.pro@tutelle-nord.test" not in row and "06 12" not in row
    assert "Hauts-de-France" not in row and "Association Tutelle Nord" not in row
    entry = _api_entry(api_for(world.manager), network, members["paula"])
    assert entry["first_name"] == "Paula"
    for key in ("email", "phone", "organisation", "profession", "region", "languages"):
        assert entry[key] is None, key
    assert entry["experience"] is None and entry["presentation"] is None
    assert not DirectoryProfile.objects.exists()


def test_it_shows_what_is_shared_with_the_network_and_nothing_else(
    world, network, members, client_for, api_for
):
    _share(members["paula"], email="network", profession="network", languages="network")
    row = _page_entry(client_for(world.manager), network, members["paula"])
    assert "paula.pro@tutelle-nord.test" in row
    assert "06 12" not in row and "Hauts-de-France" not in row
    entry = _api_entry(api_for(world.manager), network, members["paula"])
    assert entry["email"] == "paula.pro@tutelle-nord.test"
    assert entry["profession"] == "tutor"
    assert entry["languages"] == ["fr", "en"]
    assert entry["phone"] is None and entry["region"] is None and entry["experience"] is None


def test_it_shows_the_owner_their_whole_entry(world, network, members, api_for):
    entry = _api_entry(api_for(world.professional), network, members["paula"])
    assert entry["is_own"] is True
    assert entry["phone"] == "06 12 34 56 78" and entry["region"] == "Hauts-de-France"


def test_it_shows_a_group_detail_only_to_the_people_of_the_members_groups(
    world, network, members, client_for, api_for
):
    group = Group.objects.create(organisation=world.org_a, name="Analyse", kind="peer_support")
    GroupMember.objects.create(group=group, person=world.professional)
    GroupMember.objects.create(group=group, person=world.coordinator)
    _share(members["paula"], phone="group", region="network")
    # Claire shares a group with Paula: she sees the phone; Marc, of the network only, does not.
    assert _api_entry(api_for(world.coordinator), network, members["paula"])["phone"] == (
        "06 12 34 56 78"
    )
    marc = _api_entry(api_for(world.manager), network, members["paula"])
    assert marc["phone"] is None and marc["region"] == "Hauts-de-France"
    assert "06 12" in _page_entry(client_for(world.coordinator), network, members["paula"])
    assert "06 12" not in _page_entry(client_for(world.manager), network, members["paula"])
    # A member who left the group is no longer of it.
    GroupMember.objects.filter(person=world.coordinator).update(status="left")
    assert _api_entry(api_for(world.coordinator), network, members["paula"])["phone"] is None


def test_it_lets_a_group_facilitator_see_a_group_detail(world, network, members, api_for):
    group = Group.objects.create(organisation=world.org_a, name="Analyse", kind="peer_support")
    GroupMember.objects.create(group=group, person=world.professional)
    group.facilitators.add(world.manager)
    _share(members["paula"], phone="group")
    assert _api_entry(api_for(world.manager), network, members["paula"])["phone"] == (
        "06 12 34 56 78"
    )


def test_it_finds_nothing_by_a_hidden_phone_or_region(world, network, members, api_for, client_for):
    _share(members["paula"], email="network")
    api, page = api_for(world.manager), client_for(world.manager)
    for query in (
        "?q=06+12",
        "?region=Hauts",
        "?q=Hauts-de-France",
        "?min_years=1",
        "?language=fr",
        "?profession=tutor",
        "?q=Association",
    ):
        assert _api_entry(api, network, members["paula"], query) is None, query
        assert _page_entry(page, network, members["paula"], query) == "", query
    _share(
        members["paula"],
        phone="network",
        region="network",
        experience="network",
        languages="network",
        profession="network",
        organisation="network",
    )
    for query in (
        "?q=06+12",
        "?region=Hauts",
        "?q=Hauts-de-France",
        "?min_years=4",
        "?language=fr",
        "?language=anglais",
        "?profession=tutor",
        "?q=Association",
    ):
        assert _api_entry(api, network, members["paula"], query) is not None, query
        assert "Paula Pro" in _page_entry(page, network, members["paula"], query), query
    assert _api_entry(api, network, members["paula"], "?min_years=5") is None
    assert _api_entry(api, network, members["paula"], "?language=ar") is None
    # By name, always (a member's name is seen by whoever sees the network's members).
    assert _api_entry(api, network, members["paula"], "?q=pro") is not None


def test_it_hides_the_directory_from_another_organisation(
    world, network, members, client_for, api_for
):
    _share(members["paula"], email="network", phone="network")
    for who in (world.coordinator_b, world.worker_b):
        c = client_for(who)
        assert c.get(f"/networks/{network.pk}/directory/").status_code == 404
        assert c.get(f"/networks/{network.pk}/directory/me/").status_code == 404
        assert c.post(f"/networks/{network.pk}/directory/me/", {}).status_code == 404
        api = api_for(who)
        assert api.get(f"/api/v1/networks/{network.pk}/directory/").status_code == 404
        assert api.get(f"/api/v1/networks/{network.pk}/directory/me/").status_code == 404
        response = api.patch(
            f"/api/v1/networks/{network.pk}/directory/me/", {"email": "network"}, format="json"
        )
        assert response.status_code == 404
    assert not any(selectors.directory_for(world.worker_b, network))


def test_it_refuses_the_anonymous(network, client, members):
    from rest_framework.test import APIClient

    assert client.get(f"/networks/{network.pk}/directory/").status_code == 302
    assert APIClient().get(f"/api/v1/networks/{network.pk}/directory/").status_code == 401


def test_it_shows_a_non_member_of_a_member_organisation_names_only(
    world, network, members, client_for, api_for
):
    """Colin works in a member organisation without joining: he sees who the members are (as
    on the network's page) but nothing shared with the network, and has no entry to set."""
    _share(members["paula"], email="network")
    assert _api_entry(api_for(world.colleague), network, members["paula"])["email"] is None
    assert (
        client_for(world.colleague).get(f"/networks/{network.pk}/directory/me/").status_code == 403
    )
    api = api_for(world.colleague)
    assert api.get(f"/api/v1/networks/{network.pk}/directory/me/").status_code == 403


def test_it_changes_the_choices_from_the_page(world, network, members, client_for):
    c = client_for(world.professional)
    response = c.get(f"/networks/{network.pk}/directory/me/")
    assert response.status_code == 200
    assert (
        'value="nobody" checked'
        in response.content.decode().replace(
            'value="nobody" required checked', 'value="nobody" checked'
        )
        or "checked" in response.content.decode()
    )
    data = {
        f"{k}_audience": "nobody"
        for k in (
            "email",
            "phone",
            "organisation",
            "profession",
            "region",
            "languages",
            "experience",
            "presentation",
        )
    }
    data.update(
        email_audience="network",
        presentation="Tutrice depuis 4 ans.",
        presentation_audience="group",
    )
    response = c.post(f"/networks/{network.pk}/directory/me/", data)
    assert response.status_code == 302
    profile = DirectoryProfile.objects.get(member=members["paula"])
    assert profile.email_audience == "network" and profile.phone_audience == "nobody"
    assert profile.presentation == "Tutrice depuis 4 ans."
    # Changed at any time: back to nobody.
    data["email_audience"] = "nobody"
    c.post(f"/networks/{network.pk}/directory/me/", data)
    profile.refresh_from_db()
    assert profile.email_audience == "nobody"


def test_it_refuses_an_invalid_choice_on_the_page_and_writes_nothing(
    world, network, members, client_for
):
    c = client_for(world.professional)
    response = c.post(
        f"/networks/{network.pk}/directory/me/",
        {"email_audience": "everyone", "phone_audience": "network"},
    )
    assert response.status_code == 200
    assert "is not a valid choice: choose nobody" in response.content.decode()
    assert not DirectoryProfile.objects.exists()


def test_it_reads_and_changes_the_choices_in_the_api(world, network, members, api_for):
    api = api_for(world.professional)
    url = f"/api/v1/networks/{network.pk}/directory/me/"
    body = api.get(url).json()
    assert body["email"] == "nobody" and body["presentation_text"] == ""
    body = api.patch(
        url, {"email": "network", "presentation_text": "Bonjour"}, format="json"
    ).json()
    assert body["email"] == "network" and body["phone"] == "nobody"
    assert body["presentation_text"] == "Bonjour"
    response = api.patch(url, {"phone": "everyone"}, format="json")
    assert response.status_code == 400
    assert "is not a valid choice: choose nobody" in response.content.decode()
    assert DirectoryProfile.objects.get().phone_audience == "nobody"


def test_it_lets_only_the_member_set_their_entry(world, network, members):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.directory_profile_update(
            member=members["paula"], by=world.coordinator, email="network"
        )
    with pytest.raises(ValidationError) as caught:
        services.directory_profile_update(
            member=members["paula"], by=world.professional, email="all"
        )
    assert "email" in caught.value.error_dict
    with pytest.raises(ValidationError) as caught:
        services.directory_profile_update(
            member=members["paula"], by=world.professional, notes="network"
        )
    assert "notes" in caught.value.error_dict
    assert not DirectoryProfile.objects.exists()


def test_it_forgets_the_choices_of_a_member_who_leaves(world, network, members, api_for):
    _share(members["paula"], email="network")
    services.member_leave(member=members["paula"], by=world.professional)
    assert not DirectoryProfile.objects.exists()
    assert _api_entry(api_for(world.manager), network, members["paula"]) is None
    again = _join(world, network, world.professional)
    entry = _api_entry(api_for(world.manager), network, again)
    assert entry["email"] is None


def test_it_speaks_french_about_an_invalid_choice(world, network, members, api_for, settings):
    from django.utils import translation

    settings.LANGUAGE_CODE = "fr"
    with translation.override("fr"):
        api = api_for(world.professional)
        response = api.patch(
            f"/api/v1/networks/{network.pk}/directory/me/",
            {"email": "tout-le-monde"},
            format="json",
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    assert response.status_code == 400
    assert "n’est pas un choix valide" in response.content.decode()


def _export(client: Any, network: Network, query: str = "") -> str:
    response = client.get(f"/networks/{network.pk}/directory/export/{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return response.content.decode("utf-8-sig")


def test_the_export_holds_what_the_page_shows_and_nothing_more(world, network, members, client_for):
    _share(members["paula"], email="network", phone="group")
    body = _export(client_for(world.manager), network)
    assert body.splitlines()[0].startswith("First name;Last name;")  # the reader’s language
    paula = next(line for line in body.splitlines() if "Paula" in line)
    assert "paula.pro@tutelle-nord.test" in paula
    assert "06 12" not in paula and "Hauts-de-France" not in paula  # not shared with Marc
    own = _export(client_for(world.professional), network)
    assert "06 12 34 56 78" in own and "Hauts-de-France" in own  # the owner's whole entry
    # The page's search applies, on shown values only: a hidden phone finds nobody.
    assert "Paula" not in _export(client_for(world.manager), network, "?q=0612")


def test_the_export_is_refused_outside_the_network(world, network, members, client_for):
    from django.test import Client

    _share(members["paula"], email="network")
    for who in (world.coordinator_b, world.worker_b):
        assert client_for(who).get(f"/networks/{network.pk}/directory/export/").status_code == 404
    anonymous = Client().get(f"/networks/{network.pk}/directory/export/")
    assert anonymous.status_code == 302 and "/accounts/login" in anonymous["Location"]
