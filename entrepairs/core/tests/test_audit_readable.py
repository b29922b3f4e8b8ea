"""The audit trail reads as sentences (issue 15 point 7): one builder (core.audit_sentences) for
every channel, names instead of ids, values formatted, confidential values never shown; the page
filters by person, record and period, and shows the raw change to administrators only."""

import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from entrepairs.core.audit import record_account_event, record_refusal
from entrepairs.core.audit_sentences import Namebook, describe
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _entry(world, action, changes=None, **data):  # type: ignore[no-untyped-def]
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        object_pk=str(world.professional.pk),
        object_repr=str(world.professional),
        action=action,
        changes=changes or {},
        actor=world.coordinator.user,
        actor_email=world.coordinator.user.email,
        additional_data={"organisation": str(world.org_a.pk), "source": "ui", **data},
    )


def _say(entry, language):  # type: ignore[no-untyped-def]
    with translation.override(language):
        return describe(entry, Namebook.for_entries([entry]))


def test_an_update_names_the_fields_and_formats_the_values(world):  # type: ignore[no-untyped-def]
    entry = _entry(
        world,
        LogEntry.Action.UPDATE,
        {
            "phone": ["", "06 12 34 56 78"],
            "team": [str(world.region.pk), str(world.core.pk)],
            "is_active": ["True", "False"],
            "profession": ["tutor", "educator"],
            "notes": ["[chiffré]", "[chiffré]"],
        },
    )
    fr = _say(entry, "fr")
    assert fr.sentence == (
        "Claire Coordinatrice a modifié Paula Pro (personne)\u00a0: téléphone, métier, équipe, "
        "notes confidentielles, actif"  # the model's order, on every database
    )
    texts = [c.text for c in fr.changes]
    assert "téléphone\u00a0: 06 12 34 56 78" in texts
    assert "équipe\u00a0: Équipe Lille → Noyau Lille 1" in texts
    assert "actif\u00a0: oui → non" in texts
    assert "Valeur confidentielle, non affichée\u00a0: notes confidentielles" in texts
    assert not any("[chiffré]" in t or UUID.search(t) for t in texts)
    en = _say(entry, "en")
    assert en.sentence.startswith(
        "Claire Coordinatrice changed Paula Pro (person): phone, profession"
    )
    assert "active: yes → no" in [c.text for c in en.changes]


def test_a_date_is_written_the_french_way(world):  # type: ignore[no-untyped-def]
    entry = _entry(world, LogEntry.Action.UPDATE, {"last_seen_on": ["None", "2026-10-16"]})
    # A field the model no longer has keeps its stored name; a real date field is formatted.
    from entrepairs.core.audit_sentences import format_value

    field = Person._meta.get_field("created_at")
    with translation.override("fr"):
        assert format_value(field, "2026-10-16 06:16:02.922925+00:00", Namebook()) == (
            "16/10/2026 08:16"
        )
    assert "None" not in " ".join(c.text for c in _say(entry, "fr").changes)


def test_create_delete_and_access_sentences(world):  # type: ignore[no-untyped-def]
    created = _entry(world, LogEntry.Action.CREATE, {"first_name": ["None", "Paula"]})
    deleted = _entry(world, LogEntry.Action.DELETE)
    viewed = _entry(world, LogEntry.Action.ACCESS, reason="audit:1234")
    assert _say(created, "fr").sentence == "Claire Coordinatrice a créé Paula Pro (personne)"
    assert _say(created, "en").sentence == "Claire Coordinatrice created Paula Pro (person)"
    assert _say(deleted, "fr").sentence == "Claire Coordinatrice a supprimé Paula Pro (personne)"
    assert _say(viewed, "fr").sentence == (
        "Claire Coordinatrice a consulté la fiche de Paula Pro (personne) (motif\u00a0: un audit)"
    )
    assert _say(viewed, "en").sentence == (
        "Claire Coordinatrice viewed the record of Paula Pro (person) (reason: an audit)"
    )


def test_sign_in_and_refusal_sentences(world):  # type: ignore[no-untyped-def]
    signed_in = record_account_event(event="sign_in", account=world.coordinator.user)
    failed = record_account_event(
        event="sign_in_failed", account=world.professional.user, detail="password"
    )
    refused = record_refusal(
        Person,
        world.professional.pk,
        action="update",
        message="Le téléphone est invalide.",
        actor=world.coordinator.user,
    )
    assert _say(signed_in, "fr").sentence == "Connexion de Claire Coordinatrice"
    assert _say(signed_in, "en").sentence == "Sign-in of Claire Coordinatrice"
    assert _say(failed, "fr").sentence == (
        "Échec de connexion pour Paula Pro (mot de passe erroné)"
    )
    # The refused record is named as it is today (issue 15: a reference said nothing).
    fr = _say(refused, "fr").sentence
    assert fr == (
        "Claire Coordinatrice\u00a0: tentative refusée sur Paula Pro (personne) — "
        "Le téléphone est invalide."
    )
    assert _say(refused, "en").sentence.startswith(
        "Claire Coordinatrice: refused attempt on Paula Pro (person)"
    )


def test_an_entry_without_an_actor_is_the_systems(world):  # type: ignore[no-untyped-def]
    entry = _entry(world, LogEntry.Action.UPDATE, {"region": ["", "Nord"]}, source="task")
    LogEntry.objects.filter(pk=entry.pk).update(actor=None, actor_email=None)
    entry.refresh_from_db()
    assert _say(entry, "fr").sentence == "Le système a modifié Paula Pro (personne)\u00a0: région"


def test_the_page_in_french_has_sentences_no_iso_date_no_uuid_no_raw_diff(world, client_for):  # type: ignore[no-untyped-def]
    _entry(world, LogEntry.Action.UPDATE, {"team": [str(world.region.pk), "None"]})
    _entry(world, LogEntry.Action.UPDATE, {"created_at": ["None", "2026-12-03 06:16:02.922925"]})
    html = client_for(world.coordinator).get(reverse("audit:list")).content.decode()
    text = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[-1])
    assert "Claire Coordinatrice a modifié Paula Pro (personne)\u00a0: équipe" in text
    assert "équipe\u00a0: Équipe Lille → (vide)" in text
    assert "03/12/2026" in text
    assert not UUID.search(text) and not ISO_DATE.search(text)
    assert "None →" not in text and "→ None" not in text
    assert "dans l’application" in text and "ui" not in text.split()


def _sentences(response):  # type: ignore[no-untyped-def]
    return [row["description"].sentence for row in response.context["rows"]]


def test_filters_by_person_record_and_period_kept_in_pagination(world, client_for):  # type: ignore[no-untyped-def]
    mine = _entry(world, LogEntry.Action.UPDATE, {"region": ["", "Nord"]})
    other = _entry(world, LogEntry.Action.UPDATE, {"region": ["", "Sud"]})
    LogEntry.objects.filter(pk=other.pk).update(
        actor=world.manager.user,
        actor_email=world.manager.user.email,
        object_pk=str(world.colleague.pk),  # named by today's name (people's namer)
        object_repr="Colin Collegue",
        timestamp=timezone.now() - timedelta(days=30),
    )
    client = client_for(world.coordinator)
    url = reverse("audit:list")
    by_name = _sentences(client.get(url, {"actor": "marc manager"}))
    assert by_name and all(s.startswith("Marc Manager") for s in by_name)
    by_record = _sentences(client.get(url, {"record": "Colin"}))
    assert by_record and all("Colin Collegue" in s for s in by_record)
    today = timezone.localdate()
    recent = client.get(url, {"since": today.isoformat(), "until": today.isoformat()})
    assert mine.pk in {r["entry"].pk for r in recent.context["rows"]}
    assert other.pk not in {r["entry"].pk for r in recent.context["rows"]}
    old = client.get(url, {"until": (today - timedelta(days=20)).isoformat()})
    assert {r["entry"].pk for r in old.context["rows"]} == {other.pk}
    for _ in range(60):
        _entry(world, LogEntry.Action.UPDATE, {"region": ["", "Nord"]})
    paged = client.get(url, {"actor": "Claire", "since": today.isoformat()})
    assert "actor=Claire&amp;since=" in paged.content.decode()
    assert "page=2" in paged.content.decode()


def test_raw_data_is_for_administrators_only(world, client_for):  # type: ignore[no-untyped-def]
    from entrepairs.organisations.models import Membership, Role

    _entry(world, LogEntry.Action.UPDATE, {"region": ["", "Nord"]})
    coordinator = client_for(world.coordinator).get(reverse("audit:list"))
    assert all(row["raw"] is None for row in coordinator.context["rows"])
    assert 'class="audit-raw' not in coordinator.content.decode()
    Membership.objects.create(person=world.manager, organisation=world.org_a, role=Role.ADMIN)
    org_admin = client_for(world.manager).get(reverse("audit:list"))
    assert any('"region"' in (row["raw"] or "") for row in org_admin.context["rows"])
    assert 'class="audit-raw' in org_admin.content.decode()
    platform = client_for(world.admin).get(reverse("audit:list"))
    assert platform.context["rows"] and all(row["raw"] for row in platform.context["rows"])


def test_a_changed_date_time_reads_on_the_pages_clock_not_in_utc(world):  # type: ignore[no-untyped-def]
    """Outside test F2: auditlog stores a date-time naive in UTC; the trail showed
    « approuvé le : 04/12/2026 15:46 » on a row stamped 16:46 (Paris)."""
    from django.db import models

    from entrepairs.core.audit_sentences import format_value

    with translation.override("fr"), timezone.override("Europe/Paris"):
        winter = format_value(models.DateTimeField(), "2026-12-04 15:46:00", Namebook())
        summer = format_value(models.DateTimeField(), "2026-07-04 15:46:00.123456", Namebook())
        aware = format_value(models.DateTimeField(), "2026-12-04 15:46:00+00:00", Namebook())
    assert winter == "04/12/2026 16:46"
    assert summer == "04/07/2026 17:46"
    assert aware == "04/12/2026 16:46"


def test_a_reversed_period_says_so_instead_of_an_empty_trail(world, client_for):  # type: ignore[no-untyped-def]
    """Outside test F4: « Depuis » after « Jusqu’au » returned « Aucune entrée. » and no word."""
    _entry(world, LogEntry.Action.UPDATE, {"phone": ["", "06 12 34 56 78"]})
    with translation.override("fr"):
        page = client_for(world.admin).get(
            reverse("audit:list"), {"since": "2026-12-05", "until": "2026-12-01"}
        )
    text = page.content.decode()
    assert "La date de fin ne peut pas précéder la date de début." in text
    good = client_for(world.admin).get(
        reverse("audit:list"), {"since": "2020-01-01", "until": "2099-12-31"}
    )
    assert "06 12 34 56 78" in good.content.decode()
