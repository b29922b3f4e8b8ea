"""No answer tells that a person or a team the caller cannot see exists (security review F9).

`PATCH /api/v1/people/{own}/ {"line_manager": <another organisation's person>}` answered "This
line manager belongs to another organisation", and a random id "does not exist": the difference
confirmed the id. The people API now offers only people (and teams) the caller sees, so both
answer alike; a person they see in their organisation is still accepted (the control)."""

import re
import uuid

import pytest

pytestmark = pytest.mark.usefixtures("english_messages")


def _patch(api, person, **fields):  # type: ignore[no-untyped-def]
    return api.patch(f"/api/v1/people/{person.pk}/", fields, format="json")


def _field_errors(response, field: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The field's messages, the id they quote left out."""
    assert response.status_code == 400, response.content
    return [re.sub(r'"[^"]*"', '"<id>"', m) for m in response.json()["error"]["fields"][field]]


@pytest.mark.parametrize("field", ["line_manager", "team"])
def test_an_unseen_id_gets_the_answer_of_a_missing_one(world, api_for, field):
    api = api_for(world.coordinator)
    unseen = world.worker_b if field == "line_manager" else world.team_b
    other_org = _patch(api, world.colleague, **{field: str(unseen.pk)})
    missing = _patch(api, world.colleague, **{field: str(uuid.uuid4())})
    assert _field_errors(other_org, field) == _field_errors(missing, field)
    assert "another organisation" not in other_org.content.decode()


def test_a_line_manager_and_a_team_the_coordinator_sees_are_accepted(world, api_for):
    response = _patch(
        api_for(world.coordinator),
        world.colleague,
        line_manager=str(world.coordinator.pk),
        team=str(world.region.pk),
    )
    assert response.status_code == 200, response.content
    world.colleague.refresh_from_db()
    assert (world.colleague.line_manager, world.colleague.team) == (world.coordinator, world.region)
