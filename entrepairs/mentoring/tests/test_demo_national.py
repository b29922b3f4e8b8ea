"""The national benchmark set holds mentoring programmes with matches in proportion, built with
bulk_create yet within the rules the services enforce (mentoring/demo_national.py)."""

import pytest
from django.db.models import Count

from entrepairs.demo import generator
from entrepairs.organisations.models import Membership, Role

from ..models import Match, Mentor, Programme, Youth
from ..services import agreement_for, mentor_gaps, youth_gaps

pytestmark = pytest.mark.django_db


def test_the_national_set_holds_programmes_whose_matches_pass_the_pairing_checks() -> None:
    world = generator.load_national(people=1200, organisations=12)
    largest = world.organisations["largest"]
    assert Programme.objects.filter(organisation=largest).exists()
    assert Match.objects.filter(organisation=largest, status=Match.Status.ACTIVE).exists()
    youths = Youth.objects.select_related("programme", "person")
    assert youths.count() == world.counts["youths"] > 0
    for youth in youths:
        # Every youth is a person the organisation serves, enrolled under a sharing agreement.
        assert Membership.objects.filter(person=youth.person, role=Role.YOUTH).exists()
        assert youth.person.organisation_id == youth.programme.organisation_id
        assert agreement_for(youth.programme.organisation_id, youth.agency_id) is not None
        assert youth_gaps(youth) == [] or youth.status == Youth.Status.LEFT
    matches = Match.objects.prefetch_related("mentors__programme", "youths").annotate(
        m=Count("mentors", distinct=True), y=Count("youths", distinct=True)
    )
    assert matches.filter(status=Match.Status.COMPLETED).exists()
    for match in matches:
        assert match.m == match.y == 1
        (mentor,) = match.mentors.all()
        (youth,) = match.youths.all()
        # Mentor and mentee belong to the programme, both of the programme's organisation.
        assert mentor.programme_id == youth.programme_id == match.programme_id
        assert mentor.person.organisation_id == match.organisation_id
        assert youth.person.organisation_id == match.organisation_id
        assert mentor_gaps(mentor) == ([], [])
        assert match.introduced_on is not None
        if match.status == Match.Status.ACTIVE:
            assert youth.status == Youth.Status.MATCHED
            assert match.checkins.filter(done_on=None).count() == 2
        else:
            assert match.ended_on and match.closure_conversation
    # Nobody mentors beyond capacity; no youth has two open matches.
    open_ = Match.objects.filter(status__in=Match.OPEN)
    assert not Mentor.objects.filter(matches__in=open_).annotate(n=Count("matches")).filter(n__gt=1)
    assert not Youth.objects.filter(matches__in=open_).annotate(n=Count("matches")).filter(n__gt=1)
