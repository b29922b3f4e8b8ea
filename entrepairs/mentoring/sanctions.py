"""Refusing a text that presents ending or pausing mentoring as a sanction (seed 001), whatever
the channel: the field gets the reader's explanation and the attempt goes to the audit trail
(who, which match or programme, what kind of finding — never the text, which may name a child)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from entrepairs.core.audit import record_refusal
from entrepairs.core.services import SYSTEM

from .punitive import Reading, read

REFUSED = "sanction_refused"


def refuse_sanctions(
    texts: dict[str, str], *, about: models.Model, what: str, by: Any, kind: str = ""
) -> None:
    """Raise a ValidationError naming each field whose text is a sanction, after writing the
    attempt to the audit trail. Call it before the write's transaction opens. Every free text
    saying why a match ends, pauses, or is kept or stopped goes through here, whatever the service
    (closure, pause, safeguarding follow-up, adoption)."""
    _refuse({f: read(t or "") for f, t in texts.items()}, about=about, what=what, by=by, kind=kind)


def refuse_sanction_reasons(
    reasons: list, *, about: models.Model, by: Any, field: str = "closure_reasons"
) -> None:
    """The same refusal for closure reasons defined by an organisation: each label is read as a
    note and as a reason (reason_labels: a label naming the youth's conduct is a sanction)."""
    from .reason_labels import read_reason_label
    from .reasons import kind_of

    for r in reasons:
        if not isinstance(r, dict):
            continue
        kind = kind_of(r)
        reading = read_reason_label(str(r.get("code", "")), str(r.get("label", "")), kind)
        _refuse({field: reading}, about=about, what="closure_reason", by=by, kind=kind)


def _refuse(
    readings: dict[str, Reading], *, about: models.Model, what: str, by: Any, kind: str
) -> None:
    errors: dict[str, str] = {}
    found: list[str] = []
    for field, reading in readings.items():
        if reading.is_sanction:
            errors[field] = reading.explanation()
            found += [f.kind for f in reading.findings]
    if not errors:
        return
    record_refusal(
        type(about),
        about.pk,
        action=what,
        event=REFUSED,
        actor=None if by is SYSTEM else by,
        organisation_id=getattr(about, "organisation_id", None),
        detail={"what": what, "fields": sorted(errors), "findings": found, "reason_kind": kind},
    )
    raise ValidationError(errors)
