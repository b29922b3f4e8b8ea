"""The coaching page (one's offer, request and pairings; the coordinators' waiting tutors,
coaches and pairings), the offer form, asking for a coach, proposing coaches (by hand with the
person picker, or by the matching engine) and the scheme's settings. Each write calls one
function of coaching.services."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.paging import IdsFirstPaginator
from entrepairs.core.views import confirm_page, flash_errors, require
from entrepairs.people.picker import use_picker
from entrepairs.people.selectors import acting_person

from .. import selectors, services
from ..forms import OfferForm, ProposeForm, SchemeForm
from ..pickers import COACHES

PAGE_SIZE = 25
# The page's lists, each paged on its own (the parameter of its page number).
PAGED = {"my_pairings": "mine", "waiting": "waiting", "coaches": "coaches", "run_pairings": "pairs"}


@login_required
def coaching_home(request: AuthedHttpRequest) -> HttpResponse:
    context = selectors.coaching_page(request.user)
    for name, param in PAGED.items():
        context[name] = IdsFirstPaginator(context[name], PAGE_SIZE).get_page(request.GET.get(param))
        others = request.GET.copy()
        others.pop(param, None)
        context[f"{name}_query"] = others.urlencode()
    context["several"] = len(context["organisations"]) > 1
    return render(request, "coaching/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: AuthedHttpRequest) -> HttpResponse:
    current = selectors.own_offer(request.user)
    initial: dict[str, Any] = {"capacity": 1, "active": True}
    if current is not None:
        initial = {
            "capacity": current.capacity,
            "profession": current.profession,
            "region": current.region,
            "languages": ", ".join(current.languages or []),
            "availability": list(current.availability or []),
            "active": current.active,
        }
    form = OfferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_save(by=acting_person(request.user), **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your coach offer is saved."))
            return redirect("coaching:home")
    return render(request, "coaching/offer.html", {"form": form, "offer": current})


@login_required
@require_POST
def coach_ask(request: AuthedHttpRequest) -> HttpResponse:
    try:
        services.coach_ask(by=acting_person(request.user))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request, _("Your request is sent: your coordinators will propose a coach.")
        )
    return redirect("coaching:home")


@login_required
@require_http_methods(["GET", "POST"])
def pairing_propose(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    found = selectors.get_request_for(request.user, pk)
    require(request.user, "coaching.run_scheme", found)
    form = ProposeForm(request.POST or None)
    use_picker(
        form,
        ["coach"],
        COACHES,
        request.user,
        accepted=selectors.open_coaches(request.user, found),
        asked=str(found.pk),
    )
    if request.method == "POST" and form.is_valid():
        offer = selectors.offer_of(found, form.cleaned_data["coach"])
        try:
            if offer is None:
                raise ValidationError({"coach": _("This person does not offer to coach.")})
            pairing = services.pairing_propose(
                request=found, offer=offer, by=acting_person(request.user)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The pairing is proposed: both are asked to confirm."))
            return redirect("coaching:pairing", pk=pairing.pk)
    return render(request, "coaching/propose.html", {"form": form, "coach_request": found})


@login_required
@require_POST
def pairings_propose_all(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    organisation = selectors.get_run_organisation_for(request.user, pk)
    try:
        made = services.pairings_propose_all(
            organisation=organisation, by=acting_person(request.user)
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            ngettext("%(count)s pairing proposed.", "%(count)s pairings proposed.", len(made))
            % {"count": len(made)}
            if made
            else _("No pairing to propose: no waiting new tutor or no free coach."),
        )
    return redirect("coaching:home")


@login_required
@require_http_methods(["GET", "POST"])
def scheme_edit(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    organisation = selectors.get_run_organisation_for(request.user, pk)
    scheme = services.scheme_of(organisation.pk)
    initial: dict[str, Any] = {"flag_after_weeks": scheme.flag_after_weeks}
    initial.update({f"w_{c}": w for c, w in scheme.weight_map().items()})
    form = SchemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.scheme_update(
                organisation=organisation,
                by=acting_person(request.user),
                weights=form.weights(),
                flag_after_weeks=form.cleaned_data["flag_after_weeks"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The coaching settings are saved."))
            return redirect("coaching:home")
    return render(request, "coaching/scheme.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
def request_withdraw(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """The new tutor withdraws their request for a coach (the page asks first)."""
    found = selectors.get_request_for(request.user, pk)
    require(request.user, "coaching.withdraw_request", found)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Withdraw your request for a coach?"),
            question=_("A proposal still waiting for your answer is declined."),
            confirm=_("Withdraw my request"),
            back=reverse("coaching:home"),
        )
    try:
        services.coach_request_withdraw(request=found, by=acting_person(request.user))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Your request for a coach is withdrawn."))
    return redirect("coaching:home")
