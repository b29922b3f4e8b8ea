"""A mentor learns of the youth exactly the facts the agency's agreement shares, on the match page
and in the API alike: both render `rules.youth_for_mentor`, the one rule. Each shareable fact is
checked on both channels: shared alone, it shows (the positive control); left out of an agreement
that shares every other fact, its value appears nowhere in the answer."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from entrepairs.mentoring.models import SHAREABLE_FIELDS, SharingAgreement, SituationChange

# Each fact with a value that appears nowhere else on the mentor's page or answer.
VALUES = {
    "first_name": "Linaxq",
    "last_name": "Confidentiellexq",
    "age": None,  # a number: checked by its row and key only
    "birth_date": "2012-05-01",
    "gender": "Genrexq",
    "interests": "originterestxq",
    "languages": "langxq",
    "region": "Regionxq",
    "school_level": "Niveauxq",
    "guardian_name": "Gardiennexq",
    "guardian_phone": "0699887766",
    "case_worker_name": "TravailleuseBxq",
    "case_worker_phone": "0611223344",
    "situation_updates": "Resumexq",
}


@pytest.fixture
def shared(mworld, active_match):  # type: ignore[no-untyped-def]
    youth = mworld.youth
    person = youth.person
    person.first_name, person.last_name = "Linaxq", "Confidentiellexq"
    person.languages, person.region = ["langxq"], "Regionxq"
    person.save()
    youth.gender, youth.interests, youth.school_level = "Genrexq", ["originterestxq"], "Niveauxq"
    youth.save()
    guardian = youth.guardian
    guardian.last_name, guardian.phone = "Gardiennexq", "0699887766"
    guardian.save()
    worker = youth.case_worker
    worker.last_name, worker.phone = "TravailleuseBxq", "0611223344"
    worker.save()
    SituationChange.objects.create(
        youth=youth, kind="placement", happened_on=date(2026, 3, 1), summary_for_mentor="Resumexq"
    )
    return active_match


def _share(mworld: Any, names: list[str]) -> None:
    SharingAgreement.objects.filter(pk=mworld.agreement.pk).update(
        fields=names, purposes=dict.fromkeys(names, "a reason")
    )


def _page(mworld: Any, match: Any, client_for: Any) -> str:
    response = client_for(mworld.mentor.person).get(f"/mentoring/matches/{match.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _api(mworld: Any, match: Any, api_for: Any) -> tuple[dict[str, Any], str]:
    response = api_for(mworld.mentor.person).get(f"/api/v1/mentoring/matches/{match.pk}/")
    assert response.status_code == 200
    return response.json()["youths"][0], response.content.decode()


@pytest.mark.parametrize("field", list(SHAREABLE_FIELDS))
def test_it_shows_a_shared_fact_on_both_channels(
    mworld, shared, client_for, api_for, field: str
) -> None:
    _share(mworld, [field])
    page = _page(mworld, shared, client_for)
    facts, _body = _api(mworld, shared, api_for)
    assert f'data-field="{field}"' in page
    assert set(facts) == {field}
    value = VALUES[field]
    if value:
        # The API keeps the stored value (an ISO date); the page writes it the reader's way.
        from datetime import date

        from entrepairs.core.dates import shown_date

        shown = shown_date(date.fromisoformat(value)) if field == "birth_date" else value
        assert shown in page and value in str(facts[field])


@pytest.mark.parametrize("field", list(SHAREABLE_FIELDS))
def test_it_hides_a_fact_the_agreement_leaves_out_on_both_channels(
    mworld, shared, client_for, api_for, field: str
) -> None:
    others = [n for n in SHAREABLE_FIELDS if n != field]
    _share(mworld, others)
    page = _page(mworld, shared, client_for)
    facts, body = _api(mworld, shared, api_for)
    assert f'data-field="{field}"' not in page and field not in facts
    assert set(facts) == set(others)  # the control: every other fact is there
    value = VALUES[field]
    if value:
        assert value not in page and value not in body
