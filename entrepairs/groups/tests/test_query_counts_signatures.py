"""The signing page and the API list of a session's signatures run the same queries at 10, 100
and 1,000 signatures."""

import pytest
from django.utils import timezone

from entrepairs.core.tests import querycounts as qc
from entrepairs.people.models import Person

from ..models import Attendance, AttendanceSignature, GroupMember
from ..signatures import half_days

QUERY_COUNTED = {"groups-session-signatures", "groups:sign"}


def _grower(gw):  # type: ignore[no-untyped-def]
    slot = half_days(gw.past)[0]

    def make(indexes: range) -> None:
        people = Person.objects.bulk_create(
            Person(organisation=gw.w.org_a, first_name=f"S{i}", last_name=f"Signer{i:04d}")
            for i in indexes
        )
        members = GroupMember.objects.bulk_create(
            GroupMember(group=gw.group, person=p, status="active") for p in people
        )
        rows = Attendance.objects.bulk_create(
            Attendance(session=gw.past, member=m, status="present") for m in members
        )
        AttendanceSignature.objects.bulk_create(
            AttendanceSignature(
                attendance=row,
                day=slot.day,
                half_day=slot.half_day,
                signed_at=timezone.now(),
                method="facilitator_device",
                typed_name=str(row.member.person),
                collected_by=gw.w.facilitator,
            )
            for row in rows
        )

    return qc.growing(make)


@pytest.mark.parametrize(
    "url,check",
    [
        ("/api/v1/groups/sessions/{past}/signatures/", lambda r, n: len(r.json()) == n),
        ("/groups/sessions/{past}/sign/", lambda r, n: f"Signer{n - 1:04d}" in r.content.decode()),
    ],
    ids=["api", "page"],
)
def test_it_runs_the_same_queries_at_10_100_and_1000_signatures(gw, client_for, url, check) -> None:
    client = client_for(gw.w.facilitator)
    target = url.format(past=gw.past.pk)

    def checked(response, n: int) -> None:  # type: ignore[no-untyped-def]
        assert response.status_code == 200 and check(response, n), (target, n)

    filling, reading = qc.measure(lambda: client.get(target), _grower(gw), checked)
    qc.assert_flat(target, filling, reading)
