"""People pages: list, detail, create, edit, delete, invite."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.audit import record_access
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import viewer_for
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.models import Organisation

from . import services
from .forms import PersonFilterForm, PersonForm
from .models import Person

PAGE_SIZE = 50


def _managed_organisations(user: object) -> QuerySet[Organisation]:
    viewer = viewer_for(user)
    if viewer.is_platform_admin:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=viewer.managed_orgs)


@login_required
def person_list(request: AuthedHttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    orgs = (
        Organisation.objects.filter(pk__in=viewer.organisation_ids)
        if not viewer.is_platform_admin
        else Organisation.objects.all()
    )
    form = PersonFilterForm(request.GET or None, organisations=orgs)
    people = Person.objects.visible_to(request.user)
    if form.is_valid():
        people = people.search(
            q=form.cleaned_data["q"],
            organisation=form.cleaned_data["organisation"],
            team=form.cleaned_data["team"],
            profession=form.cleaned_data["profession"],
        )
    page = Paginator(
        people.for_list().order_by("last_name", "first_name", "id"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "form": form,
        "query": query.urlencode(),
        "can_manage": bool(viewer.managed_orgs) or viewer.is_platform_admin,
    }
    template = "people/_rows.html" if request.htmx else "people/list.html"
    return render(request, template, context)


@login_required
def person_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    person = get_visible_or_404(
        Person.objects.visible_to(request.user).select_related(
            "organisation", "team", "line_manager", "user"
        ),
        pk=pk,
    )
    record_access(person)
    memberships = person.memberships.select_related("organisation")
    from entrepairs.core.permissions import check

    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "memberships": memberships,
            "can_manage": check(request.user, "people.change_person", person),
        },
    )


@login_required
def person_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "people.add_person")
    orgs = _managed_organisations(request.user)
    form = PersonForm(request.POST or None, organisations=orgs)
    if request.method == "POST" and form.is_valid():
        person = form.save(commit=False)
        try:
            services.person_save(person=person, roles=form.cleaned_data["roles"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person})
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "title": _("Add a person")})


@login_required
def person_edit(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    person = get_visible_or_404(Person.objects.visible_to(request.user), pk=pk)
    require(request.user, "people.change_person", person)
    form = PersonForm(
        request.POST or None, instance=person, organisations=_managed_organisations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.person_save(
                    person=form.save(commit=False), roles=form.cleaned_data["roles"]
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/form.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": person}, "person": person},
    )


@login_required
def person_delete(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    person = get_visible_or_404(Person.objects.visible_to(request.user), pk=pk)
    require(request.user, "people.delete_person", person)
    if request.method == "POST":
        name = str(person)
        services.person_delete(person=person)
        messages.success(request, _("%(name)s was removed.") % {"name": name})
        return redirect("people:list")
    return render(request, "people/confirm_delete.html", {"person": person})


@login_required
@require_POST
def person_invite(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    person = get_visible_or_404(Person.objects.visible_to(request.user), pk=pk)
    require(request.user, "people.change_person", person)
    try:
        services.person_invite(person=person, invited_by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": person.email}
        )
    return redirect("people:detail", pk=person.pk)
