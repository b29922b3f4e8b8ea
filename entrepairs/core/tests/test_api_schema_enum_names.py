"""The schema's enums carry names that say whose they are (outside test of #16: the coaching end
request's `reason` was an anonymous `ReasonEnum`), and generating it warns of nothing (a name
collision is one of drf-spectacular's warnings)."""

import re

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

# Names a field's bare name gives when nothing says whose enum it is: two modules' `reason` or
# `status` would share (or fight over) one component.
GENERIC = {"ReasonEnum", "StatusEnum", "KindEnum", "StateEnum", "TypeEnum"}
# drf-spectacular's answer to a collision: the field's name and a hash (`Status7c1Enum`).
COLLIDED = re.compile(r"^[A-Z][A-Za-z]*[0-9a-f]{3}Enum$")


@pytest.fixture(scope="module")
def generated() -> tuple[dict, dict[str, int]]:
    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    warnings = dict(GENERATOR_STATS._warn_cache) | dict(GENERATOR_STATS._error_cache)
    return schema, warnings


def test_the_coaching_end_request_names_its_reason(generated):
    schema, _warnings = generated
    reason = schema["components"]["schemas"]["CoachEndRequest"]["properties"]["reason"]
    assert reason == {"$ref": "#/components/schemas/CoachingEndReasonEnum"}


def test_no_enum_keeps_a_generic_or_collided_name(generated):
    schema, _warnings = generated
    names = [n for n in schema["components"]["schemas"] if n.endswith("Enum")]
    assert names
    assert not [n for n in names if n in GENERIC or COLLIDED.match(n)]


def test_generating_the_schema_warns_of_nothing(generated):
    _schema, warnings = generated
    assert warnings == {}
