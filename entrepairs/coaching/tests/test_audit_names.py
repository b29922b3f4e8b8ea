"""The audit trail names coaching records by their people (an offer or a request by its person, a
pairing by its pair, a meeting by its pairing) and a coach's availability in words, never by the
organisation alone nor by a code (outside test of issue 16: « Association … (binôme de coaching) »,
« mon-am »)."""

from typing import Any

import pytest

from entrepairs.coaching.models import CoachOffer, CoachPairing, CoachRequest
from entrepairs.core.audit import RECORD_NAMES, field_vocabulary, labels_of

pytestmark = pytest.mark.django_db


def test_records_are_named_by_their_people(
    offer: CoachOffer, asked: CoachRequest, pairing: CoachPairing
) -> None:
    assert RECORD_NAMES[CoachOffer]([offer.pk], None) == {offer.pk: str(offer.person)}
    assert RECORD_NAMES[CoachRequest]([asked.pk], None) == {asked.pk: str(asked.person)}
    named = RECORD_NAMES[CoachPairing]([pairing.pk], None)[pairing.pk]
    assert str(pairing.coach) in named and str(pairing.tutor) in named
    assert pairing.organisation.name not in named


def test_a_coachs_availability_is_written_in_words(english_messages: Any) -> None:
    labels = labels_of(field_vocabulary(CoachOffer, "availability"))
    assert labels["mon-am"] == "Monday morning"
