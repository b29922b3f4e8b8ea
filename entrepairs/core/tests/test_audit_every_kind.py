"""Every kind of audit entry the app writes reads as a French sentence (issue 15 points 4 and 7,
outside test: ids instead of names, « de une », raw reason codes, a sign-in by e-mail address):
creations, changes, deletions and reads of every audited model (with every reason a read may rely
on), account events, refusals and purges. No uuid, no field's code name, no stored code where a
label exists, no unelided « de » before a vowel, no e-mail address where a name exists."""

import re
import uuid

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from entrepairs.core.audit import (
    ACCOUNT_EVENTS,
    field_vocabulary,
    labels_of,
    neutral_repr,
    record_account_event,
    record_purge,
    record_refusal,
)
from entrepairs.core.audit_sentences import FIELD_LABELS, Namebook, describe, field_label

pytestmark = pytest.mark.django_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # a code name: closure_reason, core_team, mentor_notes
# « de une », « de Amina », « de un »… (the elision a phrase builder must make)
UNELIDED = re.compile(r"\b[dD]e (?:une?|[aeiouéèêAEIOUÉ]\w*)\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _say(entries, language="fr"):  # type: ignore[no-untyped-def]
    with translation.override(language):
        names = Namebook.for_entries(entries)
        return [describe(e, names) for e in entries]


def _clean(text, *, where):  # type: ignore[no-untyped-def]
    assert not UUID.search(text), (where, text)
    assert not CODE.search(text), (where, text)
    assert not UNELIDED.search(text), (where, text)


def _stored(model, f):  # type: ignore[no-untyped-def]
    """A value as auditlog stores it for this field (a code where the field holds codes)."""
    labels = labels_of(field_vocabulary(model, f.name))
    if f.choices:
        return str(f.choices[-1][0])
    if labels:
        code = next(iter(labels))
        return f'["{code}"]' if isinstance(f, models.JSONField) else code
    if isinstance(f, models.ForeignKey):
        return str(uuid.uuid4())  # a record since deleted
    if isinstance(f, models.BooleanField):
        return "True"
    if isinstance(f, models.DateTimeField):
        return "2026-10-16 06:16:02.922925+00:00"
    if isinstance(f, models.DateField):
        return "2026-10-16"
    if isinstance(f, models.JSONField):
        return '{"some_key": "x"}'
    if isinstance(f, models.IntegerField | models.FloatField | models.DecimalField):
        return "3"
    return "texte"


def test_every_field_of_every_audited_model_has_a_french_name():  # type: ignore[no-untyped-def]
    missing = []
    for model in auditlog.get_models():
        for f in model._meta.concrete_fields:
            if f.primary_key:
                continue  # an id is never a change the trail lists
            named = (
                isinstance(f.verbose_name, Promise)
                or f.name in FIELD_LABELS
                or isinstance(f, models.ForeignKey)
            )
            if not named:
                missing.append(f"{model._meta.label}.{f.name}")
    assert missing == []
    with translation.override("fr"):
        assert field_label(None, "decided_by") == "décidé par"


def test_every_change_create_delete_and_read_of_every_model_is_a_french_sentence(world):  # type: ignore[no-untyped-def]
    from entrepairs.core.audit import VOCABULARIES

    reasons = [*labels_of("access_reason"), f"audit:{uuid.uuid4()}", ""]
    entries = []
    for model in auditlog.get_models():
        ct = ContentType.objects.get_for_model(model)
        pk = str(uuid.uuid4())
        changes = {
            f.name: ["None", _stored(model, f)]
            for f in model._meta.concrete_fields
            if f.name not in ("id", "updated_at")
        }
        common = {
            "content_type": ct,
            "object_pk": pk,
            "object_repr": neutral_repr(model, pk),
            "actor": world.coordinator.user,
            "actor_email": world.coordinator.user.email,
        }
        for action in (LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE):
            entries.append(LogEntry(action=action, changes=changes, **common))
        for reason in reasons:
            entries.append(
                LogEntry(
                    action=LogEntry.Action.ACCESS, additional_data={"reason": reason}, **common
                )
            )
    assert len(entries) > 300
    for entry, said in zip(entries, _say(entries), strict=True):
        where = (entry.content_type.model, entry.action)
        _clean(said.sentence, where=where)
        assert said.sentence.startswith("Claire Coordinatrice a "), said.sentence
        assert "@" not in said.sentence
        for change in said.changes:
            _clean(change.text, where=(*where, change.label))
    # The registered codes read as their labels (closure reasons, interests, shared facts...).
    codes = [v for v in VOCABULARIES if v.startswith("values:")]
    assert {"values:mentoring.Match.closure_reason", "values:people.Person.languages"} <= set(codes)


def test_a_match_is_named_by_its_people_and_its_closure_reason_by_its_label(world):  # type: ignore[no-untyped-def]
    from entrepairs.mentoring.models import Match, Programme, Youth

    from .. import audit  # noqa: F401

    programme = Programme.objects.create(organisation=world.org_a, name="Parrainage")
    youth = Youth.objects.create(
        programme=programme,
        person=world.youth,
        agency=world.org_a,
        organisation=world.org_a,
        birth_date="2012-03-04",
    )
    match = Match.objects.create(programme=programme, organisation=world.org_a)
    match.youths.add(youth)
    entry = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Match),
        object_pk=str(match.pk),
        object_repr=str(match),  # « Jumelage 1a2b3c4d »: what a match's name was when written
        action=LogEntry.Action.UPDATE,
        changes={
            "ended_on": ["None", "2026-10-16"],
            "closure_reason": ["", "youth_wish"],
        },
        actor=world.coordinator.user,
        additional_data={"organisation": str(world.org_a.pk), "source": "ui"},
    )
    (said,) = _say([entry])
    assert said.sentence == (
        "Claire Coordinatrice a modifié Jumelage Yanis J. – … (jumelage)\u00a0: terminé le, "
        "motif de clôture"
    )
    texts = [c.text for c in said.changes]
    assert "terminé le\u00a0: 16/10/2026" in texts
    assert any(t.startswith("motif de clôture\u00a0: ") and "youth_wish" not in t for t in texts)


def test_account_events_name_the_person_never_the_e_mail_when_a_name_exists(world):  # type: ignore[no-untyped-def]
    world.admin.display_name = "Alice Admin"
    world.admin.save()
    entries = [
        record_account_event(event=event, account=account, detail=detail)
        for event in ACCOUNT_EVENTS
        if event != "refused"
        for account in (world.coordinator.user, world.admin)
        for detail in ("", "password", "two_factor")
    ]
    unknown = record_account_event(event="sign_in_failed", login="quelquun@example.org")
    for said in _say(entries):
        _clean(said.sentence, where="account")
        assert not EMAIL.search(said.sentence), said.sentence
        assert "Claire Coordinatrice" in said.sentence or "Alice Admin" in said.sentence
    # Nobody's name exists for a login nobody has: what was typed is all the trail has.
    assert _say([unknown])[0].sentence == "Échec de connexion pour quelquun@example.org"


def test_refusals_and_purges_name_the_record_and_say_their_counts(world):  # type: ignore[no-untyped-def]
    from entrepairs.mentoring.models import Match
    from entrepairs.people.models import Person

    refused = record_refusal(
        Person, world.professional.pk, action="update", actor=world.coordinator.user
    )
    gone = uuid.uuid4()
    purged = record_purge(
        Match,
        gone,
        action="mentoring_shared_data",
        organisation_id=world.org_a.pk,
        counts={"contacts": 2, "mentor_notes": 1},
    )
    sanction = record_refusal(
        Person,
        world.professional.pk,
        action="closure_reason",
        event="sanction_refused",
        actor=world.coordinator.user,
    )
    first, second, third = _say([refused, purged, sanction])
    assert first.sentence == (
        "Claire Coordinatrice\u00a0: tentative refusée sur Paula Pro (personne)"
    )
    assert second.sentence == (
        "Données personnelles d’une fiche supprimée depuis (jumelage) effacées, durée "
        "de conservation écoulée (contacts\u00a0: 2, notes du ou de la mentor\u00a0: 1)"
    )
    assert "Paula Pro" in third.sentence
    for said in (first, second, third):
        _clean(said.sentence, where="refusal")


def test_reads_say_their_reason_by_its_label(world):  # type: ignore[no-untyped-def]
    from entrepairs.people.models import Person

    def read(reason):  # type: ignore[no-untyped-def]
        return LogEntry(
            content_type=ContentType.objects.get_for_model(Person),
            object_pk=str(world.professional.pk),
            object_repr=str(world.professional),
            action=LogEntry.Action.ACCESS,
            actor=world.coordinator.user,
            additional_data={"reason": reason},
        )

    core, expert, audit, cover = _say(
        [
            read("core_team"),
            read("expert_advice"),
            read(f"audit:{uuid.uuid4()}"),
            read("remplacement pendant le congé de Marc Manager"),
        ]
    )
    prefix = "Claire Coordinatrice a consulté la fiche de Paula Pro (personne) (motif\u00a0: "
    assert core.sentence == prefix + "membre du noyau de l’enfant)"
    assert expert.sentence == prefix + "avis d’expert demandé)"
    assert audit.sentence == prefix + "un audit)"
    assert cover.sentence == prefix + "remplacement pendant le congé de Marc Manager)"


def test_the_audit_page_in_french_reads_plainly(world, client_for):  # type: ignore[no-untyped-def]
    from entrepairs.mentoring.models import Match
    from entrepairs.people.models import Person

    record_account_event(event="sign_in", account=world.admin, organisation_id=world.org_a.pk)
    record_refusal(
        Person,
        world.professional.pk,
        action="update",
        actor=world.coordinator.user,
        organisation_id=world.org_a.pk,
    )
    record_purge(
        Match,
        uuid.uuid4(),
        action="mentoring_shared_data",
        organisation_id=world.org_a.pk,
        counts={"situation_summaries": 3},
    )
    html = client_for(world.admin).get(reverse("audit:list")).content.decode()
    main = html.split("<main", 1)[-1]
    text = re.sub(r"<details.*?</details>", " ", main, flags=re.S)  # raw data, one click away
    text = re.sub(r"<[^>]+>", " ", text)
    assert "tentative refusée sur Paula Pro (personne)" in text
    assert "d’une fiche" in text and "résumés de situation\u00a0: 3" in text
    _clean(text, where="page")
    assert 'class="audit-raw' in main  # the raw data stays one click away for an administrator


def test_a_list_of_ids_is_counted_never_shown(world):  # type: ignore[no-untyped-def]
    from entrepairs.core.audit_sentences import format_value
    from entrepairs.groups.models import Session

    order = [str(uuid.uuid4()) for _ in range(3)]
    with translation.override("fr"):
        said = format_value(
            Session._meta.get_field("speaking_order"), str(order), Namebook(), Session
        )
    assert said == "3 éléments"


def test_amounts_in_record_names_are_written_the_french_way(world):  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from entrepairs.casework.models import MemberProfile

    with translation.override("fr"):
        name = str(MemberProfile(person=world.professional, fte=Decimal("0.90")))
    assert name == "Paula Pro — 0,90 ETP"
