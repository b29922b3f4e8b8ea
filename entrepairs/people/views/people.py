"""People pages: list, detail, create, edit, delete, invite."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core import listcache
from entrepairs.core.audit import record_access
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.paging import IdsFirstPaginator
from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.rules import membership_visible_q
from entrepairs.organisations.viewer import Viewer, viewer_for

from .. import selectors, services
from ..forms import PersonFilterForm, PersonForm
from ..models import LIST_ORDER, Person, Profession
from ..rules import list_scope
from ..signals import ChangeWarning

PAGE_SIZE = 50
# The columns of the people list, read as plain values (no model instances for 50 rows).
ROW_FIELDS = (
    "first_name",
    "last_name",
    "is_active",
    "profession",
    "team__name",
    "line_manager__first_name",
    "line_manager__last_name",
    "organisation__name",
)


@login_required
def person_list(request: AuthedHttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    # What the list shows depends only on the viewer's scope, the query string and the language:
    # it is cached whole (filter bar and table) until a person, team, membership or organisation
    # of the organisations it shows changes (see core.listcache, rules.list_scope); the header
    # around it is rendered per request.
    html = listcache.get_or_compute(
        (
            "people list",
            viewer.scope_key,
            sorted(request.GET.lists()),
            get_language(),
            bool(request.htmx),
        ),
        lambda: _list_html(request, viewer, rows_only=bool(request.htmx)),
        orgs=list_scope(viewer),
    )
    if request.htmx:
        return HttpResponse(html)
    return render(request, "people/list.html", {"content": html})


def _list_html(request: AuthedHttpRequest, viewer: Viewer, *, rows_only: bool) -> SafeString:
    form = PersonFilterForm(
        request.GET or None,
        organisations=selectors.organisations_to_filter(request.user),
        depends_on=list_scope(viewer),
    )
    filters = form.search_filters() if form.is_valid() else {}
    query = request.GET.copy()
    query.pop("page", None)
    rows = _rows_html(request, filters, request.GET.get("page"), query.urlencode())
    if rows_only:
        return rows
    context = {
        "rows": rows,
        "form": form,
        "query": query.urlencode(),
        "can_manage": check(request.user, "people.add_person", None),
    }
    return render_to_string("people/_content.html", context)


def _rows_html(
    request: AuthedHttpRequest, filters: dict, page_number: str | None, query: str
) -> SafeString:
    people = Person.objects.visible_to(request.user).search(**filters).order_by(*LIST_ORDER)
    page = IdsFirstPaginator(people, PAGE_SIZE, values=ROW_FIELDS).get_page(page_number)
    labels = dict(Profession.choices)
    for row in page:
        row["profession_label"] = labels.get(row["profession"], row["profession"])
    context = {
        "page": page,
        "query": query,
        # One reverse() for the page instead of one per row.
        "detail_prefix": reverse("people:list"),
    }
    return render_to_string("people/_rows.html", context)


def warn_about(request: AuthedHttpRequest, warnings: list[ChangeWarning]) -> None:
    """What the change breaks elsewhere, shown at once with the link to fix it (the change is
    recorded: the org chart is an HR fact)."""
    for warning in warnings:
        messages.warning(
            request,
            format_html(
                '{} {} <a href="{}">{}</a>',
                warning.message,
                warning.fix,
                warning.url,
                _("Fix it"),
            ),
        )


@login_required
def person_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    person = get_visible_or_404(
        Person.objects.visible_to(request.user).select_related(
            "organisation", "team", "line_manager", "user"
        ),
        pk=pk,
    )
    record_access(person)
    memberships = person.memberships.filter(
        membership_visible_q(viewer_for(request.user))
    ).select_related("organisation")
    from entrepairs.core.permissions import check

    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "memberships": memberships,
            "can_manage": check(request.user, "people.change_person", person),
            # The line manager's name links to their record only when the viewer may open it
            # (a member sees their own record, not always their manager's).
            "may_open_line_manager": person.line_manager_id is not None
            and selectors.people_visible_to(request.user)
            .filter(pk=person.line_manager_id)
            .exists(),
        },
    )


@login_required
def person_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "people.add_person")
    orgs = selectors.organisations_managed_by(request.user)
    form = PersonForm(request.POST or None, organisations=orgs, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = form.save(commit=False)
        try:
            _saved, warnings = services.person_save_warned(
                person=person, roles=form.cleaned_data["roles"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person})
            warn_about(request, warnings)
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "title": _("Add a person")})


@login_required
def person_edit(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    person = get_visible_or_404(Person.objects.visible_to(request.user), pk=pk)
    require(request.user, "people.change_person", person)
    form = PersonForm(
        request.POST or None,
        instance=person,
        organisations=selectors.organisations_managed_by(request.user),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                _saved, warnings = services.person_save_warned(
                    person=form.save(commit=False),
                    roles=form.cleaned_data["roles"],
                    by=request.user,
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Changes saved."))
            warn_about(request, warnings)
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
        services.person_delete(person=person, by=request.user)
        messages.success(request, _("%(name)s was removed.") % {"name": name})
        return redirect("people:list")
    return render(request, "people/confirm_delete.html", {"person": person})


@login_required
@require_POST
def person_invite(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    person = get_visible_or_404(Person.objects.visible_to(request.user), pk=pk)
    try:
        services.person_invite(person=person, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": person.email}
        )
    return redirect("people:detail", pk=person.pk)
