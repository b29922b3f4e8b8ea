"""The audit trail, read-only: platform administrators see everything, an organisation's
administrators and coordinators see the entries about their organisation, sign-ins of its people
included (account events are tagged with the person's home organisation). Each entry reads as a
sentence (core.audit_sentences); the raw change is one click away for administrators only."""

import json
from datetime import datetime, time
from typing import Any

from auditlog.models import LogEntry
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepairs.core.http import AuthedHttpRequest

from ..audit import ACCOUNT_EVENTS, RECORD_FINDERS, entries_visible_to, raw_data_visible_to
from ..audit_sentences import Namebook, channel_label, describe

ACTIONS = [
    ("", _("All")),
    ("0", _("created")),
    ("1", _("changed")),
    ("2", _("deleted")),
    ("3", _("viewed")),
    ("sign_ins", _("sign-ins and sign-outs (all)")),
    *ACCOUNT_EVENTS.items(),
]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS, required=False)
    actor = forms.CharField(
        label=_("Who"), required=False, help_text=_("A name or an e-mail address.")
    )
    record = forms.CharField(label=_("Record"), required=False)
    since = forms.DateField(
        label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            # Outside test F4: a reversed period silently showed « Aucune entrée. ».
            self.add_error("until", _("The end date must not be before the start date."))
        return data


def _filtered(entries: Any, data: dict[str, Any], reader: Any = None) -> Any:
    action = data["action"]
    if action == "sign_ins":
        entries = entries.filter(additional_data__event__in=list(ACCOUNT_EVENTS))
    elif action in ACCOUNT_EVENTS:
        entries = entries.filter(additional_data__event=action)
    elif action:
        entries = entries.filter(action=int(action))
        if int(action) == LogEntry.Action.ACCESS:
            entries = entries.filter(additional_data__event__isnull=True)
    for word in (data["actor"] or "").split():
        entries = entries.filter(
            Q(actor_email__icontains=word)
            | Q(actor__person__first_name__icontains=word)
            | Q(actor__person__last_name__icontains=word)
        )
    if data["record"]:
        entries = entries.filter(_record_q(data["record"], reader))
    zone = timezone.get_current_timezone()
    if data["since"]:
        entries = entries.filter(
            timestamp__gte=datetime.combine(data["since"], time.min, tzinfo=zone)
        )
    if data["until"]:
        entries = entries.filter(
            timestamp__lte=datetime.combine(data["until"], time.max, tzinfo=zone)
        )
    return entries


def _record_q(text: str, reader: Any) -> Q:
    """The entries about a record whose name, as this reader reads it, holds `text`: the stored
    name, the id, and the records each app's finder matches for this reader (a match by its
    people, a child's case for its core team only: core.audit.RECORD_FINDERS)."""
    from django.contrib.contenttypes.models import ContentType

    q = Q(object_repr__icontains=text) | Q(object_pk=text)
    for model, find in RECORD_FINDERS.items():
        pks = [str(pk) for pk in find(text, reader)]
        if pks:
            kind = ContentType.objects.get_for_model(model)
            q |= Q(content_type=kind, object_pk__in=pks)
    return q


@login_required
def audit_list(request: AuthedHttpRequest) -> HttpResponse:
    entries = entries_visible_to(request.user).select_related("content_type")
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        entries = _filtered(entries, form.cleaned_data, request.user)
    elif form.is_bound:
        entries = entries.none()  # the form says what to correct; no unfiltered list
    page = Paginator(entries.order_by("-timestamp", "-pk"), 50).get_page(request.GET.get("page"))
    names = Namebook.for_entries(page, request.user)
    raw_for = raw_data_visible_to(request.user)
    rows = [
        {
            "entry": entry,
            "description": describe(entry, names),
            "channel": channel_label(entry),
            "raw": _raw(entry) if raw_for(entry) else None,
        }
        for entry in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit/list.html",
        {"page": page, "rows": rows, "form": form, "query": query.urlencode()},
    )


def _raw(entry: LogEntry) -> str:
    return json.dumps(
        {
            "changes": entry.changes_dict,
            "additional_data": entry.additional_data,
            "object_pk": entry.object_pk,
            "actor_email": entry.actor_email,
            "remote_addr": entry.remote_addr,
            "timestamp": entry.timestamp.isoformat(),
        },
        ensure_ascii=False,
        indent=2,
        default=str,
    )
