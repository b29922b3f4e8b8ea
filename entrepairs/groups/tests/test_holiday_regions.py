"""Holiday regions are named the way a French coordinator names them, never by a raw subdivision
code or in English (issue 13, outside test)."""

import pytest
from django.utils import translation

from ..models import GroupSettings, HolidayRegion


@pytest.fixture
def french(settings):  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "fr"
    with translation.override("fr"):
        yield


def test_the_settings_page_labels_each_region_in_french(world, client_for, french) -> None:
    page = client_for(world.coordinator).get(
        f"/groups/settings/{world.org_a.pk}/", HTTP_ACCEPT_LANGUAGE="fr"
    )
    labels = dict(page.context["form"].fields["holiday_region"].choices)
    assert labels["57"] == "Alsace-Moselle\xa0: Moselle"
    assert labels["6AE"] == "Alsace-Moselle\xa0: Bas-Rhin et Haut-Rhin"
    assert labels["973"] == "Guyane" and labels[""].startswith("France métropolitaine")
    assert all(label != code for code, label in labels.items())
    html = page.content.decode()
    assert ">Alsace-Moselle\xa0: Moselle</option>" in html and ">57<" not in html
    assert "Région des jours fériés" in html


def test_a_saved_region_reads_back_in_french_anywhere(world, french) -> None:
    settings = GroupSettings.objects.create(organisation=world.org_a, holiday_region="6AE")
    assert settings.get_holiday_region_display() == "Alsace-Moselle\xa0: Bas-Rhin et Haut-Rhin"
    assert {code for code, _label in HolidayRegion.choices} >= {"", "57", "6AE", "974"}
