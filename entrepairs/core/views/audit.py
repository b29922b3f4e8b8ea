"""The audit trail, read-only: platform administrators see everything, an organisation's
administrators and coordinators see the entries about their organisation, sign-ins of its people
included (account events are tagged with the person's home organisation)."""

from auditlog.models import LogEntry
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from entrepairs.core.http import AuthedHttpRequest

from ..audit import ACCOUNT_EVENTS, REFUSAL_EVENTS, entries_visible_to

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
    actor = forms.CharField(label=_("Who (e-mail)"), required=False)
    record = forms.CharField(label=_("Record"), required=False)


@login_required
def audit_list(request: AuthedHttpRequest) -> HttpResponse:
    entries = entries_visible_to(request.user).select_related("content_type", "actor")
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        action = data["action"]
        if action == "sign_ins":
            entries = entries.filter(additional_data__event__in=list(ACCOUNT_EVENTS))
        elif action in ACCOUNT_EVENTS:
            entries = entries.filter(additional_data__event=action)
        elif action:
            entries = entries.filter(action=int(action))
            if int(action) == LogEntry.Action.ACCESS:
                entries = entries.filter(additional_data__event__isnull=True)
        if data["actor"]:
            entries = entries.filter(actor_email__icontains=data["actor"])
        if data["record"]:
            entries = entries.filter(
                Q(object_repr__icontains=data["record"]) | Q(object_pk=data["record"])
            )
    page = Paginator(entries.order_by("-timestamp", "-pk"), 50).get_page(request.GET.get("page"))
    for entry in page:
        event = (entry.additional_data or {}).get("event")
        entry.event_label = (  # type: ignore[attr-defined]
            ACCOUNT_EVENTS.get(event) or REFUSAL_EVENTS.get(event) if event else None
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "core/audit/list.html", {"page": page, "form": form, "query": query.urlencode()}
    )
