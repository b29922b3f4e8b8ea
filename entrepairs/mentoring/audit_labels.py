"""What the audit trail says for mentoring's stored codes (core.audit's vocabularies): closure
reasons by their programme's label, the facts an agreement shares, interests, what a purge of
shared data counted; a match named by its people, a youth by initials, a record about a youth or
a match by them and its kind and date (never its encrypted text)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from entrepairs.core import audit


def closure_reason_labels() -> dict[str, str]:
    """Every closure reason code with its label: the programmes' own (one query), the product's
    defaults, and the codes of reasons saved before kinds existed (by their kind)."""
    from .models import Programme
    from .models.programmes import DEFAULT_CLOSURE_REASONS
    from .reasons import _LEGACY, CLOSURE_KINDS

    labels: dict[str, str] = {
        code: str(CLOSURE_KINDS[kind][0]) for code, kind in _LEGACY.items() if kind in CLOSURE_KINDS
    }
    labels.update({code: str(label) for code, (label, _outcome) in CLOSURE_KINDS.items()})
    for reason in [*DEFAULT_CLOSURE_REASONS]:
        labels[reason["code"]] = gettext(reason["label"])
    for reasons in Programme.objects.values_list("closure_reasons", flat=True):
        for reason in reasons or []:
            if isinstance(reason, dict) and reason.get("code") and reason.get("label"):
                labels[str(reason["code"])] = gettext(str(reason["label"]))
    return labels


def match_names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
    """Matches named by their people ("Jumelage Lina M. – Paul R."), in two queries."""
    from .models import Match

    matches = Match.objects.filter(pk__in=pks).prefetch_related("youths__person", "mentors__person")
    return {m.pk: m.name_with(m.youths.all()) for m in matches}


def find_matches(text: str, reader: Any = None) -> list[Any]:
    """The matches whose name (their mentors' and youths' names) holds `text`."""
    from django.db.models import Q

    from .models import Match

    q = Q()
    for field in ("first_name", "last_name"):
        q |= Q(**{f"mentors__person__{field}__icontains": text})
        q |= Q(**{f"youths__person__{field}__icontains": text})
    return list(Match.objects.filter(q).values_list("pk", flat=True).distinct()[:500])


def register() -> None:
    from .interests import INTERESTS
    from .models import Closure, Match, Mentor, SharingAgreement, Youth
    from .models.programmes import SHAREABLE_FIELDS

    for model in (Youth, Mentor):
        audit.register_labels(audit.field_vocabulary(model, "interests"), INTERESTS)
    for name in ("fields", "purposes", "proposed_fields", "proposed_purposes"):
        audit.register_labels(audit.field_vocabulary(SharingAgreement, name), SHAREABLE_FIELDS)
    audit.register_labels(audit.field_vocabulary(Match, "closure_reason"), closure_reason_labels)
    audit.register_labels(audit.field_vocabulary(Closure, "reason"), closure_reason_labels)
    audit.register_labels(
        "counts:mentoring_shared_data",
        {
            "contacts": _("contacts"),
            "mentor_checkins": _("mentor check-ins"),
            "mentor_notes": _("mentor notes"),
            "situation_summaries": _("situation summaries"),
        },
    )
    audit.register_names(Match, match_names, find=find_matches)
    _register_the_others()


def _youth(youth: Any) -> str:
    return audit.initials(youth.person)


def _status(record: Any) -> str:
    return str(record.get_status_display())


def _register_the_others() -> None:
    from . import models as m

    names, find = audit.by_field(m.Programme, "name")
    audit.register_names(m.Programme, names, find=find)
    audit.register_names(
        m.SharingAgreement, audit.by_text(m.SharingAgreement, related=("organisation", "agency"))
    )
    mentors = audit.by_text(m.Mentor, related=("person",))
    youths = audit.by_text(m.Youth, _youth, related=("person",))
    audit.register_names(m.Mentor, mentors)
    audit.register_names(m.Youth, youths)
    audit.register_names(m.ScreeningStep, audit.through(m.ScreeningStep, "mentor", mentors, str))
    for about_a_youth in (m.SituationChange, m.Consent, m.ProgressNote):
        audit.register_names(about_a_youth, audit.through(about_a_youth, "youth", youths, str))
    audit.register_names(
        m.Transfer,
        audit.through(m.Transfer, "youth", youths, str, related=("from_agency", "to_agency")),
    )
    for about_a_match in (m.CheckIn, m.ContactLog):
        audit.register_names(about_a_match, audit.through(about_a_match, "match", match_names, str))
    for decided in (m.Closure, m.SafeguardingReview):
        audit.register_names(decided, audit.through(decided, "match", match_names, _status))
