"""Every cell of the access matrix: the role gets exactly the table's outcome through the channel.

Expected outcomes come from docs/access-expected.yaml only (expected.py); the probes say where each
object is reached (probes.py). A cell the code answers differently is either a leak (marked xfail,
strict: it must fail until the code is fixed, then the marker goes) or a judgement call the
reviewer must settle (asserted as observed, listed in docs/access-matrix.md). Positive controls:
the allowed roles' cells of the same probe are in the same run.
"""

import json

import pytest

from .known import JUDGEMENT, LEAKS
from .matrix import CELLS, OBSERVED

# Thousands of cells checked against an independent table: run once, on PostgreSQL (DECISIONS.md,
# "corpora ... run once"; bin/test). The access rules' own tests run on both databases.
pytestmark = pytest.mark.once


def _param(cell):  # type: ignore[no-untyped-def]
    marks = []
    if cell.id in LEAKS:
        marks.append(pytest.mark.xfail(strict=True, reason="leak: " + LEAKS[cell.id]))
    return pytest.param(cell, id=cell.id, marks=marks)


def _request(client, probe, side, role):  # type: ignore[no-untyped-def]
    url = probe.url_for(side, role)
    if probe.method == "get":
        return client.get(url)
    body = probe.data(side) if probe.data else {}
    return getattr(client, probe.method)(
        url, data=json.dumps(body), content_type="application/json"
    )


@pytest.mark.parametrize("cell", [_param(c) for c in CELLS])
def test_it_gives_each_role_exactly_the_expected_access(cell, access_world, db):  # type: ignore[no-untyped-def]
    side = access_world.a if cell.side == "a" else access_world.x
    probe = cell.probe
    from .probes import observe, observe_email

    if probe.prepare is not None:
        probe.prepare(side)
    if probe.channel == "email":
        observed = observe_email(side, access_world.user_for(cell.role), probe.marker_for(side))
    else:
        response = _request(access_world.clients[cell.role], probe, side, cell.role)
        observed = observe(probe, response, probe.marker_for(side))
        if observed == "allow" and probe.done is not None and not probe.done(side):
            observed = f"{response.status_code} without its effect"
    OBSERVED[cell.id] = observed
    if cell.id in JUDGEMENT:
        recorded, reason = JUDGEMENT[cell.id]
        assert observed == recorded, f"judgement call changed ({reason}): now {observed}"
        return
    assert observed == cell.expected, f"{cell.id}: expected {cell.expected}, got {observed}"
