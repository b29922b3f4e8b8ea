"""Issue 15 §7: every model the audit trail records is named by a function of its app
(core.audit.register_names), so the trail never falls back on a model's __str__ (« … @ … ») or
a hexadecimal reference for a record that can be named. A new audited model needs its namer."""

import re
from datetime import date
from html import unescape

import pytest
from auditlog.registry import auditlog
from django.urls import reverse
from django.utils import translation

from entrepairs.core.audit import RECORD_NAMES

# Issue 15 §7 done: every audited model has its namer. Keep this empty: a new audited model
# registers its namer in its app (core.audit.by_field, by_text, through, or its own).
STILL_STORED_NAME: set[str] = set()


def test_every_audited_model_has_a_namer() -> None:
    missing = {
        m._meta.label
        for m in auditlog.get_models()
        if m not in RECORD_NAMES and m._meta.label not in STILL_STORED_NAME
    }
    assert not missing, f"audited models without a namer (core.audit.register_names): {missing}"


def test_the_debt_list_only_lists_models_still_without_a_namer() -> None:
    named = {m._meta.label for m in RECORD_NAMES}
    audited = {m._meta.label for m in auditlog.get_models()}
    assert not (STILL_STORED_NAME & named), STILL_STORED_NAME & named
    assert audited >= STILL_STORED_NAME, STILL_STORED_NAME - audited


SECRET = "Révélation très confidentielle"


@pytest.mark.django_db
def test_the_audit_page_names_records_of_every_app_in_plain_french(world, client_for):  # type: ignore[no-untyped-def]
    """Issue 15 §7 on the page: a youth by initials, a note about them by its kind and date
    (never its text), a group member by person and group, a network by its name, a core team's
    incident only for a reader who may see it (a coordinator outside the team reads a reference)."""
    from entrepairs.casework.models.care import Incident, IncidentKind
    from entrepairs.core.services import SYSTEM
    from entrepairs.groups.models import Group, GroupMember
    from entrepairs.mentoring import services as mentoring
    from entrepairs.mentoring.models import Programme, SharingAgreement, SituationChange
    from entrepairs.networks import services as networks
    from entrepairs.networks.models import Level

    programme = Programme.objects.create(
        organisation=world.org_a, name="Parrainage Jeunes", kind=Programme.Kind.YOUTH
    )
    SharingAgreement.objects.create(
        organisation=world.org_a,
        agency=world.org_b,
        fields=["first_name"],
        purposes={"first_name": "address the youth"},
    )
    youth = mentoring.youth_enrol(
        by=SYSTEM,
        programme=programme,
        agency=world.org_b,
        first_name="Lina",
        last_name="Confidentielle",
        birth_date=date(2012, 5, 1),
        languages=["fr"],
        interests=["football"],
        region="Lille",
        mode="individual",
        case_worker=world.worker_b,
        guardian_first_name="Gina",
        guardian_last_name="Gardienne",
        guardian_phone="0600000000",
        placement="Foyer des Lilas",
        school_level="5e",
    )
    SituationChange.objects.create(
        youth=youth,
        kind=SituationChange.Kind.choices[0][0],
        happened_on=date(2026, 10, 16),
        note=SECRET,
        recorded_by=world.worker_b,
    )
    group = Group.objects.create(organisation=world.org_a, name="Groupe des tuteurs")
    GroupMember.objects.create(group=group, person=world.professional)
    networks.network_create(
        organisation=world.org_a,
        name="Réseau des tuteurs du Nord",
        level=Level.REGIONAL,
        description="",
        by=world.coordinator,
    )
    incident = Incident.objects.create(
        organisation=world.org_a,
        core_team=world.core,
        kind=IncidentKind.choices[0][0],
        occurred_on=date(2026, 10, 16),
        facts=SECRET,
    )
    incident.occurred_on = date(2026, 10, 18)
    incident.save()
    change_kind = SituationChange.Kind.choices[0][1]

    with translation.override("fr"):
        html = client_for(world.admin).get(reverse("audit:list"), HTTP_ACCEPT_LANGUAGE="fr")
    main = html.content.decode().split("<main", 1)[-1]
    text = re.sub(r"<details.*?</details>", " ", main, flags=re.S)  # raw data, one click away
    text = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))
    assert "a créé L. C. (jeune)" in text
    assert f"a créé L. C. — {change_kind} — 16/10/2026 (changement de situation)" in text
    assert "a créé Paula Pro — Groupe des tuteurs (membre du groupe)" in text
    assert "a créé Réseau des tuteurs du Nord (réseau)" in text
    assert "a modifié une fiche confidentielle (incident)" in text  # the admin is outside the team
    assert "réf." not in text
    assert SECRET not in text and " @ " not in text
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text)


@pytest.mark.django_db
def test_no_audited_model_is_ever_named_by_a_reference_code(world) -> None:  # type: ignore[no-untyped-def]
    """Outside test F1 (« a consulté la fiche d’une fiche, réf. 3ce35f80 (dossier) »): for every
    model the trail records, an entry whose record the reader may not see (a core team's circle)
    or that is gone reads as a plain phrase, in every kind of entry, never a code."""
    import uuid

    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from entrepairs.core.audit import neutral_repr
    from entrepairs.core.audit_sentences import Namebook, describe

    entries = []
    for model in auditlog.get_models():
        pk = uuid.uuid4() if model._meta.pk.get_internal_type() == "UUIDField" else 987654321
        for action in (LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.ACCESS):
            entries.append(
                LogEntry.objects.create(
                    content_type=ContentType.objects.get_for_model(model),
                    object_pk=str(pk),
                    object_repr=neutral_repr(model, pk),
                    action=action,
                    changes={},
                    actor=world.coordinator.user,
                    additional_data={"source": "ui"},
                )
            )
    with translation.override("fr"):
        book = Namebook.for_entries(entries, world.coordinator.user)
        sentences = {e.content_type.model_class(): describe(e, book).sentence for e in entries}
    for model, sentence in sentences.items():
        assert "réf." not in sentence, (model._meta.label, sentence)
        assert "fiche d’une fiche" not in sentence, (model._meta.label, sentence)
        assert not re.search(r"\b[0-9a-f]{8}\b|987654321", sentence), (model._meta.label, sentence)
        expected = "une fiche confidentielle" if model._audit_circle else "une fiche supprimée"
        assert expected in sentence, (model._meta.label, sentence)
