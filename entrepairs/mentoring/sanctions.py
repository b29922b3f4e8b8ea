"""Refusing a text that presents ending or pausing mentoring as a sanction (seed 001), whatever
the channel: the field gets the reader's explanation and the attempt goes to the audit trail
(who, which match or programme, what kind of finding — never the text, which may name a child)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from entrepairs.core.audit import record_refusal
from entrepairs.core.services import SYSTEM

from .punitive import read

REFUSED = "sanction_refused"


def refuse_sanctions(
    texts: dict[str, str], *, about: models.Model, what: str, by: Any, kind: str = ""
) -> None:
    """Raise a ValidationError naming each field whose text is a sanction, after writing the
    attempt to the audit trail. Call it before the write's transaction opens."""
    errors: dict[str, str] = {}
    found: list[str] = []
    for field, text in texts.items():
        reading = read(text or "")
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
