"""The demo step builds a regional network of the three demo organisations."""

import pytest


@pytest.mark.django_db
def test_it_builds_the_networks_demo(monkeypatch) -> None:
    from entrepairs.demo import generator
    from entrepairs.demo.tests import replay
    from entrepairs.groups import hierarchy
    from entrepairs.networks import demo_steps
    from entrepairs.networks.models import Network, Status
    from entrepairs.networks.selectors import member_organisation_ids

    monkeypatch.setattr(generator, "_app_steps", lambda attribute: list(demo_steps.SMALL_STEPS))
    replay.load_small()  # the second test of the module replays the first one's rows
    network = Network.objects.get()
    assert network.level == "regional"
    assert len(member_organisation_ids(network)) == 3
    assert all(link.decided_by is not None for link in network.links.all())
    assert network.members.filter(status=Status.ACCEPTED).count() == 5
    assert network.news.count() == 2
    hosted = network.hosted_groups.get()
    seated = set(hosted.group.members.values_list("person_id", flat=True))
    assert len(seated) == 2
    assert len(hosted.group.organisation_ids()) == 2  # two organisations, each agreed
    # The hierarchy rule holds in the hosted group (groups.hierarchy).
    assert not hierarchy.links_within(seated | hosted.group.facilitator_ids())


@pytest.mark.django_db
def test_it_gives_the_demo_members_a_mix_of_directory_choices(monkeypatch) -> None:
    from entrepairs.demo import generator
    from entrepairs.demo.tests import replay
    from entrepairs.networks import demo_steps
    from entrepairs.networks.models import DirectoryProfile, Network

    monkeypatch.setattr(generator, "_app_steps", lambda attribute: list(demo_steps.SMALL_STEPS))
    replay.load_small()  # the second test of the module replays the first one's rows
    network = Network.objects.get()
    profiles = DirectoryProfile.objects.filter(member__network=network)
    assert profiles.count() == 3  # the case worker shares nothing
    chosen = {p.member.person.first_name: p.audiences() for p in profiles}
    assert {a for audiences in chosen.values() for a in audiences.values()} == {
        "nobody",
        "group",
        "network",
    }
