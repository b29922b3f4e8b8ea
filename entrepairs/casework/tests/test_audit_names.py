"""Issue 15 §7: the audit trail names a child's case (and the records about it) by the child's
initials for a reader who may see the case (casework's selectors decide), « a confidential
record » for anyone else (never a reference code), and its record filter finds what the reader reads."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from entrepairs.casework.models import Case
from entrepairs.core.audit_sentences import Namebook, describe
from entrepairs.core.views.audit import _record_q

pytestmark = pytest.mark.django_db


def _case_entries(case):  # type: ignore[no-untyped-def]
    kind = ContentType.objects.get_for_model(Case)
    return LogEntry.objects.filter(content_type=kind, object_pk=str(case.pk))


def test_a_case_is_named_by_the_childs_initials_for_its_core_team(cw, open_case) -> None:
    case = open_case()
    entry = _case_entries(case).first()
    assert entry is not None
    member = describe(entry, Namebook.for_entries([entry], cw.w.professional.user)).sentence
    assert "L. E." in member and "ref." not in member
    # The coordinator reads the trail but not the case: « a confidential record », no name and
    # no reference code (issue 15, outside test F1).
    outside = describe(entry, Namebook.for_entries([entry], cw.w.coordinator.user)).sentence
    assert "L. E." not in outside and "Lina" not in outside and "ref." not in outside
    assert "a confidential record" in outside


def test_the_record_filter_finds_a_case_by_the_childs_name_for_its_team(cw, open_case) -> None:
    case = open_case()
    found = LogEntry.objects.filter(_record_q("Lina", cw.w.professional.user))
    assert _case_entries(case).first() in found
    assert not LogEntry.objects.filter(_record_q("Lina", cw.w.coordinator.user)).filter(
        content_type=ContentType.objects.get_for_model(Case)
    )


def test_an_incident_is_named_by_its_kind_and_date_for_its_core_team_only(cw) -> None:
    """A core team's confidential record (not about one case) is named for a reader who may see
    it, never by its encrypted text; the coordinator outside the team reads « a confidential
    record »."""
    from datetime import date

    from entrepairs.casework.models.care import Incident, IncidentKind
    from entrepairs.core.dates import shown_date

    incident = Incident.objects.create(
        organisation=cw.w.org_a,
        core_team=cw.w.core,
        kind=IncidentKind.choices[0][0],
        occurred_on=date(2026, 10, 16),
        facts="Des faits très confidentiels",
    )
    kind = ContentType.objects.get_for_model(Incident)
    entry = LogEntry.objects.filter(content_type=kind, object_pk=str(incident.pk)).first()
    assert entry is not None
    member = describe(entry, Namebook.for_entries([entry], cw.w.professional.user)).sentence
    day = shown_date(date(2026, 10, 16))
    assert day in member and "ref." not in member and "confidentiels" not in member
    outside = describe(entry, Namebook.for_entries([entry], cw.w.coordinator.user)).sentence
    assert day not in outside and "ref." not in outside and "a confidential record" in outside
