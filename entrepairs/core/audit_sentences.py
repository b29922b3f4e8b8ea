"""The audit trail in plain sentences: one home for every channel that shows an entry (the audit
page, and an API or export if one comes). `Namebook.for_entries` resolves, in a bounded number of
queries whatever the number of entries, the names an entry refers to by id (the actor, the
account, the records its foreign keys point to); `describe` turns one entry into a sentence and
its changes, field names by their verbose name, values formatted for the reader's language, a
confidential field said changed without its value."""

from __future__ import annotations

import ast
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .audit import (
    ACCOUNT_EVENTS,
    RECORD_NAMES,
    REFUSAL_EVENTS,
    field_vocabulary,
    labels_of,
)
from .crypto import EncryptedTextField
from .french import french_text

MASKED = "[chiffré]"  # what core.audit.redact stores in place of a confidential value
EMPTY = {"", "None", "null"}
LONGEST_VALUE = 80

# Where an entry came from (core.audit's context), as the reader says it.
# Outside test F3: "page" / "commande" meant nothing to a coordinator.
CHANNELS = {
    "ui": gettext_lazy("in the application"),
    "web": gettext_lazy("in the application"),
    "api": gettext_lazy("through the API"),
    "command": gettext_lazy("server maintenance"),
    "task": gettext_lazy("automatic"),
    "import": gettext_lazy("data import"),
}


# Fields whose model gives no translated name (Django then makes one from the field's English
# name: "decided_by" → "decided by"): the trail names them here, once for every model. A
# foreign key not listed is named by the record it points to ("group" → « groupe »).
FIELD_LABELS = {
    "user": gettext_lazy("user account"),
    "search_name": gettext_lazy("name (for search)"),
    "search_email": gettext_lazy("e-mail address (for search)"),
    "author": gettext_lazy("author"),
    "created_by": gettext_lazy("created by"),
    "recorded_by": gettext_lazy("recorded by"),
    "proposed_by": gettext_lazy("proposed by"),
    "decided_by": gettext_lazy("decided by"),
    "approved_by": gettext_lazy("approved by"),
    "published_by": gettext_lazy("published by"),
    "raised_by": gettext_lazy("raised by"),
    "followed_up_by": gettext_lazy("followed up by"),
    "done_by": gettext_lazy("done by"),
    "prepared_by": gettext_lazy("prepared by"),
    "decided_at": gettext_lazy("decided on"),
    "followed_up_at": gettext_lazy("followed up on"),
    "reminded_at": gettext_lazy("reminder sent on"),
    "escalated_at": gettext_lazy("escalated on"),
    "acknowledged_at": gettext_lazy("acknowledged on"),
    "last_contact_on": gettext_lazy("last contact on"),
    "status": gettext_lazy("status"),
    "kind": gettext_lazy("kind"),
    "version": gettext_lazy("version"),
    "charter_version": gettext_lazy("charter version accepted"),
    "score": gettext_lazy("score"),
    "breakdown": gettext_lazy("score details"),
    "provider_party": gettext_lazy("provider's details"),
    "client_party": gettext_lazy("client's details"),
    "from_agency": gettext_lazy("from the agency"),
    "to_agency": gettext_lazy("to the agency"),
    "provider": gettext_lazy("provided by"),
    "recipient": gettext_lazy("recipient"),
    "link_nonce": gettext_lazy("link"),
    "required_advice": gettext_lazy("advice required"),
    "advised_roles": gettext_lazy("roles whose advice is asked"),
    "named_by_hand": gettext_lazy("named by hand"),
    "agenda_built_at": gettext_lazy("agenda built on"),
    "assessment": gettext_lazy("assessment"),
    "overdue_notified_on": gettext_lazy("lateness notified on"),
}


def field_label(model: type[models.Model] | None, name: str) -> str:
    """A changed field as the reader names it: the model's translated name of the field, else
    FIELD_LABELS, else (a foreign key) the name of the kind of record it points to."""
    model_field = _field(model, name)
    verbose = getattr(model_field, "verbose_name", None)
    if isinstance(verbose, Promise):
        return str(verbose)
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    if isinstance(model_field, models.ForeignKey):
        return str(model_field.related_model._meta.verbose_name)
    return str(verbose or name).replace("_", " ")


def channel_label(entry: LogEntry) -> str:
    source = (entry.additional_data or {}).get("source") or ""
    return str(CHANNELS.get(source, source or "—"))


@dataclass
class Namebook:
    """Names of the people (by user id) and records (by model and id) some entries mention."""

    people: dict[str, str] = field(default_factory=dict)
    records: dict[tuple[type[models.Model], str], str] = field(default_factory=dict)
    # The entries' own records named today, where the stored name says nothing (a refusal's
    # "person 1a2b3c4d", a match's "Match 1a2b3c4d"): never for a circle's records.
    named: dict[tuple[type[models.Model], str], str] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def for_entries(cls, entries: Iterable[LogEntry], reader: Any = None) -> Namebook:
        """One query for the people, one per kind of record a foreign key points to (bounded by
        the number of models, never by the number of entries)."""
        # By the registry, not an import: core knows no domain app (import-linter contract).
        Person = apps.get_model("people", "Person")  # noqa: N806
        entries = list(entries)
        users: set[str] = set()
        wanted: dict[type[models.Model], set[str]] = defaultdict(set)
        own: dict[type[models.Model], set[str]] = defaultdict(set)
        for entry in entries:
            if entry.actor_id is not None:
                users.add(str(entry.actor_id))
            if _is_account_event(entry) and entry.object_pk:
                users.add(entry.object_pk)
            model = _model(entry)
            if _needs_today_name(entry, model):
                own[model].add(str(entry.object_pk))  # type: ignore[index]
            for name, change in (entry.changes_dict or {}).items():
                target = _foreign_model(model, name)
                if target is not None and isinstance(change, list):
                    wanted[target].update(str(v) for v in change if str(v) not in EMPTY)
        book = cls()
        if users:
            for person in Person.objects.filter(user_id__in=users).only(
                "first_name", "last_name", "user_id"
            ):
                book.people[str(person.user_id)] = str(person)
            # An account without a person (a platform administrator) is named by its own name:
            # one query whatever the page holds (the query count stays flat).
            User = apps.get_model(settings.AUTH_USER_MODEL)  # noqa: N806
            for pk, name in (
                User.objects.filter(pk__in=_valid_pks(User, users))
                .exclude(display_name="")
                .values_list("pk", "display_name")
            ):
                book.people.setdefault(str(pk), name)
        for model, pks in own.items():
            valid = _valid_pks(model, pks)
            if model in RECORD_NAMES:
                found = RECORD_NAMES[model](valid, reader)
            else:
                found = {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=valid)}
            for pk, name in found.items():
                book.named[(model, str(pk))] = name
        for target, pks in wanted.items():
            for obj in target._default_manager.filter(pk__in=_valid_pks(target, pks)):
                book.records[(target, str(obj.pk))] = str(obj)
        return book

    def person(self, user_id: Any) -> str | None:
        return self.people.get(str(user_id)) if user_id is not None else None

    def labels(self, vocabulary: str) -> dict[str, str]:
        """A vocabulary's labels, read once for all the entries described with this book."""
        if vocabulary not in self.vocabularies:
            self.vocabularies[vocabulary] = labels_of(vocabulary)
        return self.vocabularies[vocabulary]


def _needs_today_name(entry: LogEntry, model: type[models.Model] | None) -> bool:
    if model is None or not entry.object_pk or _is_account_event(entry):
        return False
    if getattr(model, "_audit_circle", False):
        # A circle's record is named only by its app's namer, for a reader who may see it.
        return model in RECORD_NAMES
    # A neutral name (core.audit.neutral_repr) ends with the start of the id, in the language
    # it was written in.
    return model in RECORD_NAMES or (entry.object_repr or "").endswith(
        " " + str(entry.object_pk)[:8]
    )


@dataclass
class Change:
    """One changed field: its name and what the reader reads about it (written in the language
    active when the entry was described)."""

    label: str
    text: str


def _change(label: str, old: str, new: str) -> Change:
    if not old:
        text = _("%(field)s: %(new)s") % {"field": label, "new": new or "—"}
    else:
        text = _("%(field)s: %(old)s → %(new)s") % {
            "field": label,
            "old": old,
            "new": new or _("(empty)"),
        }
    return Change(label, text)


@dataclass
class Description:
    sentence: str
    changes: list[Change]


def describe(entry: LogEntry, names: Namebook) -> Description:
    """The sentence a reader understands for one entry, in the active language."""
    data = entry.additional_data or {}
    event = data.get("event")
    if event in ACCOUNT_EVENTS and event != "refused":
        return Description(french_text(_account_sentence(entry, event, names)), [])
    actor = _actor(entry, names)
    record = _record_name(entry, names)
    kind = entry.content_type.name if entry.content_type_id else _("record")
    values = {"actor": actor, "record": record, "kind": kind}
    if event == "purged":
        counted = names.labels(f"counts:{data.get('action', '')}")
        counts = ", ".join(
            _("%(what)s: %(count)s") % {"what": counted.get(k, _("other items")), "count": v}
            for k, v in (data.get("counts") or {}).items()
        )
        sentence = _("Personal data of %(record)s (%(kind)s) erased, retention period over") % (
            values
        )
        if counts:
            sentence += f" ({counts})"
        return Description(french_text(sentence), [])
    if event is not None:  # a refused attempt
        label = ACCOUNT_EVENTS.get(event) or REFUSAL_EVENTS.get(event) or event
        sentence = _("%(actor)s: %(what)s on %(record)s (%(kind)s)") % {
            **values,
            "what": label,
        }
        if data.get("message"):
            sentence += " — " + str(data["message"])
        return Description(french_text(sentence), [])
    changes = _changes(entry, names)
    if entry.action == LogEntry.Action.CREATE:
        sentence = _("%(actor)s created %(record)s (%(kind)s)") % values
        changes = []  # a creation lists every field: the record's page says it better
    elif entry.action == LogEntry.Action.DELETE:
        sentence = _("%(actor)s deleted %(record)s (%(kind)s)") % values
        changes = []
    elif entry.action == LogEntry.Action.ACCESS and _unnamed(entry, names):
        # "viewed the record of a confidential record" would say nothing twice.
        sentence = _("%(actor)s viewed %(record)s (%(kind)s)") % values
        reason = _reason(data.get("reason"), names)
        if reason:
            sentence += " " + _("(reason: %(reason)s)") % {"reason": reason}
    elif entry.action == LogEntry.Action.ACCESS:
        sentence = _("%(actor)s viewed the record of %(record)s (%(kind)s)") % values
        reason = _reason(data.get("reason"), names)
        if reason:
            sentence += " " + _("(reason: %(reason)s)") % {"reason": reason}
    else:
        sentence = _("%(actor)s changed %(record)s (%(kind)s)") % values
        if changes:
            model = _model(entry)
            sentence += _(": ") + ", ".join(
                field_label(model, name)
                for name, _old_new in _in_model_order(model, entry.changes_dict or {})
            )
    return Description(french_text(sentence), changes)


def _account_sentence(entry: LogEntry, event: str, names: Namebook) -> str:
    account = names.person(entry.object_pk) if entry.object_pk else None
    who = account or entry.object_repr or _("an unknown account")
    detail = (entry.additional_data or {}).get("detail")
    sentences = {
        "sign_in": _("Sign-in of %(who)s"),
        "sign_in_failed": _("Failed sign-in for %(who)s"),
        "lockout": _("Sign-in blocked for %(who)s (too many failures)"),
        "signed_out_idle": _("Sign-out of %(who)s after inactivity"),
        "signed_out_everywhere": _("Sign-out of %(who)s on every device"),
    }
    sentence = sentences[event] % {"who": who}
    if detail == "two_factor":
        sentence += " " + _("(wrong two-factor code)")
    elif detail == "password":
        sentence += " " + _("(wrong password)")
    return sentence


def _actor(entry: LogEntry, names: Namebook) -> str:
    name = names.person(entry.actor_id)
    if name:
        return name
    if entry.actor_id is not None or entry.actor_email:
        return entry.actor_email or _("An account")
    source = (entry.additional_data or {}).get("source")
    return _("The system") if source in ("task", "command", "import") else _("Someone")


def _record_name(entry: LogEntry, names: Namebook) -> str:
    """The record's name: today's name where the stored one says nothing (a refusal, a match),
    else the name it had; for a record the trail must not name (a circle's: core.audit's
    neutral_repr, its kind and the start of its id) or one since deleted, a short reference."""
    model = _model(entry)
    today = names.named.get((model, str(entry.object_pk))) if model is not None else None
    if today:
        return today
    if _unnamed(entry, names):
        # Never a reference code (issue 15, outside test F1: "une fiche, réf. 3ce35f80"): a
        # circle's record the reader may not see is said confidential, any other is gone.
        if getattr(model, "_audit_circle", False):
            return _("a confidential record")
        return _("a record since deleted")
    return entry.object_repr or "—"


def _unnamed(entry: LogEntry, names: Namebook) -> bool:
    """Whether the entry's record has no name for this reader: its namer left it out (a circle's
    record the reader may not see, a record since deleted) and the stored name is the neutral
    one (its kind and the start of its id)."""
    model = _model(entry)
    if model is not None and (model, str(entry.object_pk)) in names.named:
        return False
    ref = str(entry.object_pk)[:8]
    return bool(ref) and (entry.object_repr or "").endswith(f" {ref}")


CODE = re.compile(r"[a-z][a-z0-9_]*(:.*)?")
UUID = re.compile(
    r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
)


def _reason(reason: Any, names: Namebook) -> str:
    """The reason a read relied on: a registered code's label ("audit:<id>" by "audit"), or the
    sentence stored (a leave replacement names the colleague away)."""
    if not reason:
        return ""
    text = str(reason)
    labels = names.labels("access_reason")
    code = text.split(":", 1)[0]
    if code in labels:
        return labels[code]
    return _("another reason") if CODE.fullmatch(text) else text


def _in_model_order(model: Any, changes: dict[str, Any]) -> list[tuple[str, Any]]:
    """The changed fields in the model's order: PostgreSQL's JSON keeps no order of its own, and
    a trail must read the same on every database."""
    order = {f.name: i for i, f in enumerate(model._meta.get_fields())} if model else {}
    return sorted(changes.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _changes(entry: LogEntry, names: Namebook) -> list[Change]:
    model = _model(entry)
    circle = getattr(model, "_audit_circle", False)
    out = []
    hidden = []
    for name, change in _in_model_order(model, entry.changes_dict or {}):
        model_field = _field(model, name)
        label = field_label(model, name)
        if not isinstance(change, list):  # a many-to-many change
            out.append(_change(label, "", _("changed")))
            continue
        old, new = (change + ["", ""])[:2]
        masked = (
            circle or isinstance(model_field, EncryptedTextField) or MASKED in (str(old), str(new))
        )
        if masked:
            hidden.append(label)
            continue
        out.append(
            _change(
                label,
                format_value(model_field, old, names, model),
                format_value(model_field, new, names, model),
            )
        )
    if hidden:
        # One line for the confidential fields, not one "changed, confidential value" each
        # (outside test F3: the field list read twice).
        out.append(
            Change(
                ", ".join(hidden),
                _("Confidential, value not shown: %(fields)s") % {"fields": ", ".join(hidden)},
            )
        )
    return out


def _parsed(text: str) -> Any:
    """A JSON value as auditlog stored it (JSON, or Python's repr of a list); None if neither."""
    for parse in (json.loads, ast.literal_eval):
        try:
            return parse(text)
        except (ValueError, SyntaxError, TypeError):
            continue
    return None


def format_value(
    model_field: Any, value: Any, names: Namebook, model: type[models.Model] | None = None
) -> str:
    """A stored value (auditlog keeps strings) as the reader says it: a code by its label (the
    field's choices, or the vocabulary its app registered), never a raw structure."""
    text = "" if value is None else str(value)
    if text in EMPTY:
        return ""
    if model_field is None:
        return _shorten(text)
    labels = names.labels(field_vocabulary(model, model_field.name)) if model else {}
    if isinstance(model_field, models.JSONField) and text[:1] in "[{":
        parsed = _parsed(text)
        if isinstance(parsed, list) and parsed and all(UUID.fullmatch(str(v)) for v in parsed):
            # Ids of records (the order of a round table): how many, never the ids.
            return ngettext("%(n)s item", "%(n)s items", len(parsed)) % {"n": len(parsed)}
        if isinstance(parsed, list) and all(isinstance(v, str | int | float) for v in parsed):
            return _shorten(", ".join(labels.get(str(v), str(v)) for v in parsed))
        if isinstance(parsed, dict) and labels and all(isinstance(v, str) for v in parsed.values()):
            return _shorten(
                "; ".join(
                    _("%(field)s: %(new)s") % {"field": labels.get(str(k), str(k)), "new": v}
                    for k, v in parsed.items()
                )
            )
        if parsed == [] or parsed == {}:
            return ""
        return _("(details changed)")
    if labels and text in labels:
        return labels[text]
    if isinstance(model_field, models.BooleanField):
        return _("yes") if text in ("True", "true", "1") else _("no")
    if model_field.choices:
        labels = {str(k): str(v) for k, v in model_field.flatchoices}
        return labels.get(text, text)
    if isinstance(model_field, models.ForeignKey):
        target = model_field.related_model
        return names.records.get((target, text)) or _("(a deleted record)")
    if isinstance(model_field, models.DateTimeField):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return _shorten(text)
        # auditlog stores a date-time naive in UTC (auditlog.diff.get_field_value): the reader
        # reads it on the page's clock (outside test F2: "15:46" on a row stamped 16:46).
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=UTC)
        moment = timezone.localtime(moment)
        return date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(model_field, models.DateField):
        try:
            return date_format(date.fromisoformat(text[:10]), "SHORT_DATE_FORMAT")
        except ValueError:
            return _shorten(text)
    return _shorten(text)


def _shorten(text: str) -> str:
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"


def _is_account_event(entry: LogEntry) -> bool:
    event = (entry.additional_data or {}).get("event")
    return event in ACCOUNT_EVENTS and event != "refused"


def _model(entry: LogEntry) -> type[models.Model] | None:
    return entry.content_type.model_class() if entry.content_type_id else None


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except Exception:  # a field since removed: named as stored
        return None
    return found if getattr(found, "concrete", False) else None


def _foreign_model(model: type[models.Model] | None, name: str) -> Any:
    model_field = _field(model, name)
    if isinstance(model_field, models.ForeignKey) and not getattr(model, "_audit_circle", False):
        return model_field.related_model
    return None


def _valid_pks(model: type[models.Model], pks: set[str]) -> list[Any]:
    """The ids that are well-formed for `model` (a stored value may be anything)."""
    out = []
    for pk in pks:
        try:
            out.append(model._meta.pk.to_python(pk))  # type: ignore[union-attr]
        except Exception:  # noqa: S112 - a malformed stored id names nothing
            continue
    return out
