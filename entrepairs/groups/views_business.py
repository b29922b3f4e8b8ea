"""Contracts, price grids, invoices and announcements pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.models import Organisation, Role
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from . import business, pdf
from .forms import limit
from .models import Announcement, Contract, Group, PriceGrid
from .rules import business_q, contract_visible_q
from .views import add_errors, me


def parse_bands(text: str, key: str) -> list[dict[str, Any]]:
    """Lines "1-8: 95" (from-to: value); "12-: 10" is open-ended."""
    bands = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            span, value = line.split(":", 1)
            low, high = span.split("-", 1)
            bands.append(
                {"from": int(low), "to": int(high) if high.strip() else None, key: value.strip()}
            )
        except ValueError as exc:
            raise forms.ValidationError(
                _("Write each band as “from-to: value”, e.g. 1-8: 95.")
            ) from exc
    return bands


def _provider_orgs(request: AuthedHttpRequest) -> Any:
    viewer = viewer_for(request.user)
    return Organisation.objects.filter(
        pk__in=viewer.orgs_with(Role.FACILITATOR, Role.COORDINATOR, Role.ADMIN)
    )


class PriceGridForm(forms.Form):
    provider = forms.ModelChoiceField(label=_l("Provider"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_l("Name"), max_length=200)
    beneficiary_bands = forms.CharField(
        label=_l("Hourly rate by number of beneficiaries"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_l("One band a line, e.g. “1-8: 95” then “9-: 110”."),
    )
    rhythm_bands = forms.CharField(
        label=_l("Discount (%) by sessions a year"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_l("One band a line, e.g. “1-11: 0” then “12-: 10”."),
    )


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = [
            "provider",
            "provider_person",
            "client",
            "group",
            "price_grid",
            "session_hours",
            "sessions_per_year",
            "beneficiaries",
        ]


class AnnouncementForm(forms.ModelForm):
    publish = forms.BooleanField(label=_l("Publish and e-mail the subscribers now"), required=False)

    class Meta:
        model = Announcement
        fields = ["provider", "title", "body", "event_date", "place"]
        widgets = {"event_date": forms.DateInput(attrs={"type": "date"})}


@login_required
def contract_list(request: AuthedHttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    contracts = Contract.objects.filter(contract_visible_q(viewer)).select_related(
        "provider", "client", "group"
    )
    grids = PriceGrid.objects.filter(business_q(viewer)).select_related("provider")
    return render(
        request,
        "groups/contracts.html",
        {
            "contracts": contracts,
            "grids": grids,
            "can_manage": check(request.user, "groups.manage_business"),
        },
    )


@login_required
def price_grid_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "groups.manage_business")
    form = PriceGridForm(request.POST or None)
    limit(form, "provider", _provider_orgs(request))
    if request.method == "POST" and form.is_valid():
        try:
            grid = PriceGrid(
                provider=form.cleaned_data["provider"],
                name=form.cleaned_data["name"],
                beneficiary_bands=parse_bands(
                    form.cleaned_data["beneficiary_bands"], "hourly_rate"
                ),
                rhythm_bands=parse_bands(form.cleaned_data["rhythm_bands"], "discount_percent"),
            )
            business.price_grid_save(grid=grid, by=request.user)
        except (ValidationError, forms.ValidationError) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The price grid was saved."))
            return redirect("groups:contracts")
    return render(request, "groups/form.html", {"form": form, "title": _("New price grid")})


@login_required
def contract_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "groups.manage_business")
    viewer = viewer_for(request.user)
    form = ContractForm(request.POST or None)
    providers = _provider_orgs(request)
    limit(form, "provider", providers)
    limit(form, "price_grid", PriceGrid.objects.filter(provider__in=providers))
    limit(form, "client", Organisation.objects.all())
    limit(form, "group", Group.objects.visible_to(request.user))
    limit(
        form,
        "provider_person",
        Person.objects.filter(
            Q(pk=viewer.person_id)
            | Q(memberships__organisation__in=providers, memberships__role=Role.FACILITATOR)
        ).distinct(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            contract = business.contract_save(contract=form.save(commit=False), by=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The quote was saved."))
            return redirect("groups:contract", pk=contract.pk)
    return render(request, "groups/form.html", {"form": form, "title": _("New quote")})


def _visible_contract(request: AuthedHttpRequest, pk: Any) -> Contract:
    return get_visible_or_404(
        Contract.objects.filter(contract_visible_q(viewer_for(request.user))).select_related(
            "provider", "client", "group", "price_grid", "provider_person"
        ),
        pk=pk,
    )


@login_required
def contract_detail(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    contract = _visible_contract(request, pk)
    can_manage = check(request.user, "groups.change_contract", contract)
    if request.method == "POST" and can_manage and "sign" in request.POST:
        try:
            business.contract_sign(contract=contract)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The contract is signed."))
        return redirect("groups:contract", pk=contract.pk)
    return render(
        request,
        "groups/contract.html",
        {
            "contract": contract,
            "progress": business.contract_progress(contract),
            "lines": contract.lines.select_related("session"),
            "can_manage": can_manage,
        },
    )


@login_required
def contract_pdf(request: AuthedHttpRequest, pk: Any, kind: str) -> HttpResponse:
    contract = _visible_contract(request, pk)
    if kind not in ("quote", "contract"):
        raise Http404
    if kind == "contract" and contract.status == Contract.Status.QUOTE:
        messages.error(request, _("The contract exists once the quote is signed."))
        return redirect("groups:contract", pk=contract.pk)
    return pdf.response(
        pdf.contract_document(contract, quote=kind == "quote"), f"{kind}-{str(contract.pk)[:8]}.pdf"
    )


@login_required
@require_POST
def contract_invoice(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    contract = _visible_contract(request, pk)
    require(request.user, "groups.change_contract", contract)
    try:
        number, total, count = business.contract_invoice(contract=contract)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Invoice %(number)s: %(count)s sessions, %(total)s €.")
            % {"number": number, "count": count, "total": total},
        )
    return redirect("groups:contract", pk=contract.pk)


@login_required
def announcement_list(request: AuthedHttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    published = Announcement.objects.filter(published_at__isnull=False).select_related("provider")
    drafts = Announcement.objects.filter(business_q(viewer), published_at__isnull=True)
    providers = Organisation.objects.filter(
        pk__in=Announcement.objects.values("provider_id")
    ) | _provider_orgs(request)
    from .models import Subscription

    mine = set(
        Subscription.objects.filter(
            email__iexact=request.user.email, unsubscribed_at__isnull=True
        ).values_list("provider_id", flat=True)
    )
    return render(
        request,
        "groups/announcements.html",
        {
            "published": published[:50],
            "drafts": drafts,
            "providers": providers.distinct(),
            "subscribed": mine,
            "can_manage": check(request.user, "groups.add_announcement"),
        },
    )


@login_required
def announcement_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "groups.add_announcement")
    form = AnnouncementForm(request.POST or None)
    limit(form, "provider", _provider_orgs(request))
    if request.method == "POST" and form.is_valid():
        announcement = form.save(commit=False)
        announcement.author = me(request)
        announcement.save()
        if form.cleaned_data["publish"]:
            count = business.announcement_publish(announcement=announcement)
            messages.success(request, _("Published; %(n)s subscribers will get it.") % {"n": count})
        else:
            messages.success(request, _("The announcement was saved as a draft."))
        return redirect("groups:announcements")
    return render(request, "groups/form.html", {"form": form, "title": _("New announcement")})


@login_required
@require_POST
def subscribe(request: AuthedHttpRequest) -> HttpResponse:
    provider = get_visible_or_404(Organisation.objects.all(), pk=request.POST.get("provider"))
    if request.POST.get("action") == "unsubscribe":
        from .models import Subscription

        sub = Subscription.objects.filter(
            provider=provider, email__iexact=request.user.email
        ).first()
        if sub:
            business.unsubscribe(token=sub.token)
        messages.success(request, _("You will no longer receive these announcements."))
    else:
        business.subscribe(provider=provider, email=request.user.email, person=me(request))
        messages.success(
            request, _("You will receive the announcements of %(org)s.") % {"org": provider}
        )
    return redirect("groups:announcements")


@csrf_exempt  # the secret token is the credential; mail clients POST without a form (RFC 8058)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click from the e-mail: no sign-in. POST (RFC 8058) or the button on the page."""
    from .models import Subscription

    sub = Subscription.objects.filter(token=token).select_related("provider").first()
    if sub is None:
        raise Http404
    if request.method == "POST":
        business.unsubscribe(token=token)
        sub.refresh_from_db()
    return render(request, "groups/unsubscribe.html", {"sub": sub})
