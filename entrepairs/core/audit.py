"""The audit trail: who created, changed, deleted or viewed each record, when and from where.

Changes are recorded by django-auditlog; reads of sensitive records go through `record_access`,
the one helper that views, API endpoints and tasks all call. The source of each entry (ui, api,
task, command) and the request's user and address come from a context set by the middleware,
the API authentication and the task wrapper.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import accessed
from django.db import models
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .crypto import EncryptedTextField

_source: ContextVar[str] = ContextVar("audit_source", default="command")
_actor: ContextVar[Any] = ContextVar("audit_actor", default=None)
_remote_addr: ContextVar[str | None] = ContextVar("audit_remote_addr", default=None)
_reason: ContextVar[str] = ContextVar("audit_reason", default="")


@contextmanager
def audit_context(
    *, source: str, actor: Any = None, remote_addr: str | None = None
) -> Iterator[None]:
    tokens = (_source.set(source), _actor.set(actor), _remote_addr.set(remote_addr))
    try:
        yield
    finally:
        _source.reset(tokens[0])
        _actor.reset(tokens[1])
        _remote_addr.reset(tokens[2])


def set_actor(actor: Any, source: str | None = None) -> None:
    """Used by API token authentication, which learns the user after the middleware ran."""
    _actor.set(actor)
    if source:
        _source.set(source)


def redact(value: Any) -> str:
    # Confidential text never reaches the audit trail, only the fact that it changed.
    return "[chiffré]"


def register(
    model: type[models.Model],
    *,
    sensitive: bool = False,
    exclude: tuple[str, ...] = (),
    circle: bool = False,
) -> None:
    """Track changes to `model`; with sensitive=True, reads are tracked too (via record_access).

    `circle=True` is for records confidential to a circle the trail's readers stand outside (a
    core team's cases: the coordinator reads the trail, not the cases): each entry keeps who,
    when, what kind of record and which fields changed, never a value nor a name — the record
    is named by its kind and the start of its id (outside security test: the trail named the
    children whose cases were read)."""
    fields = model._meta.concrete_fields
    secret = [
        f.name
        for f in fields
        if isinstance(f, EncryptedTextField) or (circle and f.name not in ("id", "created_at"))
    ]
    auditlog.register(
        model,
        exclude_fields=["updated_at", *exclude],
        mask_fields=secret,
        mask_callable="entrepairs.core.audit.redact",
    )
    model._audit_sensitive = sensitive  # type: ignore[attr-defined]
    model._audit_circle = circle  # type: ignore[attr-defined]


# What the trail says for a stored code, by vocabulary (core knows no domain app: each app
# registers the codes it writes): "access_reason" (record_access's reasons, "audit:<id>" read by
# its part before ":"), "values:<app_label>.<Model>.<field>" (a field storing codes its model
# has no choices for: a programme's closure reasons, the facts an agreement shares),
# "counts:<action>" (what record_purge counted). A vocabulary is a mapping, or a function giving
# one (read once per page: it may query), of codes to labels in the reader's language.
Labels = Mapping[str, Any] | Callable[[], Mapping[str, Any]]
VOCABULARIES: dict[str, Labels] = {}


def register_labels(vocabulary: str, labels: Labels) -> None:
    VOCABULARIES[vocabulary] = labels


def field_vocabulary(model: type[models.Model], field: str) -> str:
    return f"values:{model._meta.label}.{field}"


def labels_of(vocabulary: str) -> dict[str, str]:
    """The codes of a vocabulary with their labels in the active language ({} if unknown)."""
    found = VOCABULARIES.get(vocabulary)
    if found is None:
        return {}
    mapping = found() if callable(found) else found
    return {str(code): str(label) for code, label in mapping.items()}


# How a record is named in the trail when its stored name says nothing (a match stores "Match
# 4a9efb2f"): a function of ids giving names, one query for all of them (registered by its app).
# Issue 15: every audited model has one (tests: core/tests/test_audit_namers.py). A namer gets
# the ids and the trail's reader (a user, or None): a record confidential to a circle (a child's
# case) is named only for a reader who may see it (its app's selectors decide), else left out.
# `find` gives, for a reader and a word typed in the trail's record filter, the ids of the records
# whose name matches (the filter searches what the reader reads, not the stored text).
Namer = Callable[[list[Any], Any], Mapping[Any, str]]
Finder = Callable[[str, Any], Iterable[Any]]
RECORD_NAMES: dict[type[models.Model], Namer] = {}
RECORD_FINDERS: dict[type[models.Model], Finder] = {}


def register_names(model: type[models.Model], names: Namer, *, find: Finder | None = None) -> None:
    RECORD_NAMES[model] = names
    if find is not None:
        RECORD_FINDERS[model] = find


def by_field(model: Any, field: str = "title") -> tuple[Namer, Finder]:
    """A namer and a finder reading one field of the record (a title, a name through a relation:
    "group__name"), for records whose name says nothing confidential."""

    def names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
        return dict(model._default_manager.filter(pk__in=pks).values_list("pk", field))

    def find(text: str, reader: Any = None) -> list[Any]:
        rows = model._default_manager.filter(**{f"{field}__icontains": text})
        return list(rows.values_list("pk", flat=True)[:500])

    return names, find


def by_text(
    model: Any, text: Callable[[Any], str] = str, *, related: tuple[str, ...] = ()
) -> Namer:
    """A namer giving each record the words `text` makes of it today (its __str__ by default,
    in the reader's language), reading the `related` records in the same query: for records
    whose name says nothing confidential. `text` must never read an encrypted field."""

    def names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
        rows = model._default_manager.filter(pk__in=pks)
        if related:
            rows = rows.select_related(*related)
        return {row.pk: text(row) for row in rows}

    return names


def through(
    model: Any,
    field: str,
    namer: Namer,
    text: Callable[[Any], str] | None = None,
    *,
    related: tuple[str, ...] = (),
) -> Namer:
    """A namer for records about another record (a note about a youth, a closure of a match):
    named by that record's namer (`field`, the foreign key), followed by `text` of the record
    when given ("L. M. — 12/03/2026"). A record the other namer leaves out is left out."""

    def names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
        found = model._default_manager.filter(pk__in=pks)
        rows = list(found.select_related(*related) if related else found)
        others = namer([getattr(row, f"{field}_id") for row in rows], reader)
        out = {}
        for row in rows:
            other = others.get(getattr(row, f"{field}_id"))
            if other:
                out[row.pk] = f"{other} — {text(row)}" if text is not None else other
        return out

    return names


def initials(person: Any) -> str:
    """ "Zainab Chaoui" → "Z. C.": how the trail names a child or a youth."""
    parts = [p[:1].upper() + "." for p in (person.first_name, person.last_name) if p]
    return " ".join(parts)


def registered_models() -> list[type[models.Model]]:
    """Every model whose changes the trail records."""
    return list(auditlog.get_models())


def neutral_repr(model: type[models.Model], pk: Any) -> str:
    return f"{model._meta.verbose_name} {str(pk)[:8]}"


def record_access(instance: models.Model, *, reason: str = "") -> None:
    """Record that the current actor read `instance` (a record marked sensitive). `reason` is
    the access for a reason the read relied on (DECISIONS: audit, leave cover, expert advice),
    kept in the entry's additional data."""
    if getattr(type(instance), "_audit_sensitive", False):
        token = _reason.set(reason)
        try:
            accessed.send(sender=type(instance), instance=instance)
        finally:
            _reason.reset(token)


@receiver(pre_save, sender=LogEntry)
def _fill_context(sender: type, instance: LogEntry, **kwargs: Any) -> None:
    if instance.pk is not None:
        return
    actor = _actor.get()
    if callable(actor) and not hasattr(actor, "pk"):
        actor = actor()
    if (
        instance.actor_id is None
        and actor is not None
        and getattr(actor, "is_authenticated", False)
    ):
        instance.actor = actor
        instance.actor_email = actor.email
    if instance.remote_addr is None:
        instance.remote_addr = _remote_addr.get()
    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is not None and getattr(model, "_audit_circle", False):
        instance.object_repr = neutral_repr(model, instance.object_pk)
    data = dict(instance.additional_data or {})
    data.setdefault("source", _source.get())
    if _reason.get():
        data.setdefault("reason", _reason.get())
    instance.additional_data = data


# Account events: entries about an account rather than a change to a record. They are stored as
# "viewed" entries of the account (auditlog has no other kind) marked with the event's name.
ACCOUNT_EVENTS = {
    "sign_in": _("signed in"),
    "sign_in_failed": _("failed sign-in"),
    "lockout": _("sign-in blocked (too many failures)"),
    "signed_out_idle": _("signed out after inactivity"),
    "signed_out_everywhere": _("signed out everywhere"),
    "refused": _("refused attempt"),  # record_refusal: a read or a write a rule refused
}


def record_account_event(
    *,
    event: str,
    account: Any = None,
    login: str = "",
    organisation_id: Any = None,
    detail: str = "",
) -> LogEntry:
    """Write an account event (`ACCOUNT_EVENTS`) to the audit trail. `account` is the user the
    event is about when known, `login` what was typed otherwise; `organisation_id` (the person's
    home organisation) lets that organisation's coordinators read the entry."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    assert event in ACCOUNT_EVENTS, event  # noqa: S101 - a programming error, not input
    data: dict[str, Any] = {"event": event}
    if organisation_id:
        data["organisation"] = str(organisation_id)
    if detail:
        data["detail"] = detail
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_pk=str(account.pk) if account is not None else "",
        object_repr=(account.email if account is not None else login)[:254],
        action=LogEntry.Action.ACCESS,
        actor=account if event == "sign_in" else None,
        actor_email=account.email if event == "sign_in" else None,
        additional_data=data,
    )


class AuditTrailIsAppendOnly(Exception):
    pass


@receiver(pre_save, sender=LogEntry)
def _forbid_edit(sender: type, instance: LogEntry, **kwargs: Any) -> None:
    if instance.pk is not None and not kwargs.get("raw"):
        raise AuditTrailIsAppendOnly("The audit trail cannot be edited.")


@receiver(pre_delete, sender=LogEntry)
def _forbid_delete(sender: type, instance: LogEntry, **kwargs: Any) -> None:
    raise AuditTrailIsAppendOnly("The audit trail cannot be deleted.")


def entries_visible_to(user: Any) -> Any:
    """The audit trail a user may read: the platform administrator all of it, a coordinator the
    entries of the organisations they run; anyone else none (PermissionDenied)."""
    from django.core.exceptions import PermissionDenied

    from .permissions import current_viewer

    viewer = current_viewer(user)
    if viewer.is_platform_admin:
        return LogEntry.objects.all()
    if not viewer.managed_orgs:
        raise PermissionDenied
    return LogEntry.objects.filter(
        additional_data__organisation__in=[str(o) for o in viewer.managed_orgs]
    )


def raw_data_visible_to(user: Any) -> Any:
    """Who may open an entry's raw data (the stored change as JSON): the platform administrator,
    and an organisation's administrators for its entries; never a coordinator. Encrypted fields
    are stored masked, but the raw change still holds plain values (a phone, an address, the
    caller's IP) that the readable sentence names without repeating in full."""
    from .permissions import current_viewer

    viewer = current_viewer(user)
    if viewer.is_platform_admin:
        return lambda entry: True
    administered = {str(o) for o in viewer.orgs_with("admin")}
    return lambda entry: (entry.additional_data or {}).get("organisation") in administered


def record_refusal(
    model: type[models.Model],
    pk: Any,
    *,
    action: str,
    event: str = "refused",
    message: str = "",
    actor: Any = None,
    organisation_id: Any = None,
    detail: dict[str, Any] | None = None,
) -> LogEntry:
    """Write a refused attempt (a read of a record the actor may not see, a write a rule refused)
    to the audit trail. Written outside the refused write's transaction (nothing of the write is
    kept, the attempt is). The record is named by its kind and the start of its id, never by its
    content: the refused reader must not learn it from the trail either. `organisation_id`, the
    record's organisation, lets its coordinators read the entry; `detail` holds what the auditor
    needs (the rule, the field, the kind of finding), never confidential text."""
    from django.contrib.contenttypes.models import ContentType

    data: dict[str, Any] = {"event": event, "action": action, **(detail or {})}
    if organisation_id:
        data["organisation"] = str(organisation_id)
    if message:
        data["message"] = str(message)[:300]
    user = actor if getattr(actor, "is_authenticated", False) else getattr(actor, "user", None)
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(pk),
        object_repr=neutral_repr(model, pk),
        action=LogEntry.Action.ACCESS,
        actor=user,
        actor_email=getattr(user, "email", None),
        additional_data=data,
    )


# Refused attempts (record_refusal), labelled in the audit list like account events.
REFUSAL_EVENTS = {
    "sanction_refused": _("refused: mentoring withdrawn as a sanction"),
    "purged": _("personal data erased (retention period over)"),  # record_purge
}


def record_purge(
    model: type[models.Model], pk: Any, *, action: str, organisation_id: Any, counts: dict
) -> LogEntry:
    """Write to the audit trail that personal data of a record was erased when its retention
    period ended: what kind of data and how many items (`counts`), never the content. Written by
    a task or a command: the actor is the audit context's (none for the scheduler)."""
    return record_refusal(
        model,
        pk,
        action=action,
        event="purged",
        organisation_id=organisation_id,
        detail={"counts": counts},
    )


def refusals_audited(action: str, target: str) -> Any:
    """Decorate a service (below @service, above @transaction.atomic): a refusal it raises
    (validation or permission) is written to the audit trail once its transaction is rolled back,
    on the record named by the keyword argument `target`, with the refusal's sentences."""
    import functools

    from django.core.exceptions import PermissionDenied, ValidationError

    def wrap(func: Any) -> Any:
        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except (ValidationError, PermissionDenied) as exc:
                obj, by = kwargs.get(target), kwargs.get("by")
                if obj is not None and getattr(by, "pk", None) is not None:
                    org = getattr(obj, "organisation_id", None) or getattr(
                        getattr(obj, "match", None), "organisation_id", None
                    )
                    messages = exc.messages if isinstance(exc, ValidationError) else exc.args
                    record_refusal(
                        type(obj),
                        obj.pk,
                        action=action,
                        message=" ".join(str(m) for m in messages),
                        actor=getattr(by, "user", None),
                        organisation_id=org,
                    )
                raise

        return inner

    return wrap
