"""A coordinator sets the absence threshold, the holidays region, closures and own techniques."""

from ..models import Closure, GroupSettings, Technique


def test_it_lets_a_coordinator_set_the_groups_settings(world, client_for) -> None:
    client = client_for(world.coordinator)
    url = f"/groups/settings/{world.org_a.pk}/"
    assert client.get(url).status_code == 200
    client.post(url, {"action": "settings", "s-absence_threshold": "4", "s-holiday_region": "57"})
    settings = GroupSettings.objects.get(organisation=world.org_a)
    assert settings.absence_threshold == 4 and settings.holiday_region == "57"
    client.post(
        url,
        {
            "action": "closure",
            "c-label": "Été",
            "c-starts_on": "2027-08-01",
            "c-ends_on": "2027-08-20",
        },
    )
    assert Closure.objects.filter(organisation=world.org_a, label="Été").exists()
    bad = client.post(
        url,
        {
            "action": "closure",
            "c-label": "x",
            "c-starts_on": "2027-08-20",
            "c-ends_on": "2027-08-01",
        },
    )
    assert "error-summary" in bad.content.decode()
    client.post(url, {"action": "technique", "t-name": "Photolangage", "t-description": ""})
    assert Technique.objects.filter(organisation=world.org_a, name="Photolangage").exists()


def test_it_refuses_the_settings_to_anyone_but_the_organisations_coordinator(
    world, client_for
) -> None:
    url = f"/groups/settings/{world.org_a.pk}/"
    for who in (world.coordinator_b, world.manager, world.facilitator, world.admin):
        assert client_for(who).get(url).status_code == 404


def test_the_organisation_sets_the_month_its_groups_count_their_year_from(
    world, client_for
) -> None:
    from .. import planning, services

    group = services.group_create(
        organisation=world.org_a,
        name="APP Lille",
        kind="practice_analysis",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    client = client_for(world.coordinator)
    url = f"/groups/settings/{world.org_a.pk}/"
    client.post(
        url,
        {
            "action": "settings",
            "s-absence_threshold": "2",
            "s-holiday_region": "",
            "s-programme_year_start_month": "1",
        },
    )
    assert GroupSettings.objects.get(organisation=world.org_a).programme_year_start_month == 1
    assert planning.year_start_month(group) == 1
