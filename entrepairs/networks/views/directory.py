"""A network's directory and "my profile in the directory" (issue 16 point 2). The page reads
the directory through selectors.directory_for only (what each member shares with this
viewer); the profile page writes through services.directory_profile_update only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.people.models import Person
from entrepairs.people.selectors import acting_person

from .. import selectors, services
from ..exports import directory_csv
from ..forms import DirectoryProfileForm, DirectorySearchForm
from ..models import DIRECTORY_FIELDS, FIELD_KEYS, Audience

PAGE_SIZE = 25


def _search(form: DirectorySearchForm) -> selectors.DirectorySearch:
    if not form.is_valid():
        return selectors.DirectorySearch()
    data = form.cleaned_data
    return selectors.DirectorySearch(
        q=data["q"] or "",
        region=data["region"] or "",
        profession=data["profession"] or "",
        language=data["language"] or "",
        min_years=data["min_years"],
    )


@login_required
def directory_export(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """The directory as the viewer sees it, with the page's search, as a CSV file."""
    network = selectors.get_network_for(request.user, pk)
    form = DirectorySearchForm(request.GET or None)
    rows = selectors.directory_for(request.user, network, _search(form))
    body = directory_csv(selectors.directory_entry(row) for row in rows.iterator())
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="annuaire.csv"'
    return response


@login_required
def directory(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    network = selectors.get_network_for(request.user, pk)
    form = DirectorySearchForm(request.GET or None)
    rows = selectors.directory_for(request.user, network, _search(form))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "networks/directory.html",
        {
            "network": network,
            "form": form,
            "page": page,
            "entries": [selectors.directory_entry(row) for row in page.object_list],
            "query": query.urlencode(),
            "own": selectors.own_directory_member(request.user, network),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """Only an accepted member has an entry; someone who sees the network without being its
    member is refused (403)."""
    network = selectors.get_network_for(request.user, pk)
    member = selectors.own_directory_member(request.user, network)
    if member is None:
        raise PermissionDenied(_("Only the network's members have an entry in its directory."))
    profile = getattr(member, "directory_profile", None)
    initial = {f"{key}_audience": Audience.NOBODY for key in FIELD_KEYS}
    if profile is not None:
        initial.update({f"{k}_audience": v for k, v in profile.audiences().items()})
        initial["presentation"] = profile.presentation
    form = DirectoryProfileForm(initial=initial)
    if request.method == "POST":
        form = DirectoryProfileForm(request.POST)
        if form.is_valid():
            try:
                services.directory_profile_update(
                    member=member,
                    by=acting_person(request.user),
                    presentation_text=form.cleaned_data["presentation"],
                    **form.audiences(),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Your choices are saved."))
                return redirect("networks:directory_me", pk=network.pk)
    person = member.person
    return render(
        request,
        "networks/directory_me.html",
        {
            "network": network,
            "form": form,
            "details": [
                (key, label, form[f"{key}_audience"], _own_value(person, key))
                for key, label in DIRECTORY_FIELDS
                if key != "presentation"
            ],
        },
    )


def _own_value(person: Person, key: str) -> str:
    """The member's own detail, shown to them next to the choice (their own record)."""
    if key == "organisation":
        return person.organisation.name
    if key == "profession":
        return str(person.get_profession_display())  # type: ignore[attr-defined]
    if key == "languages":
        return ", ".join(person.language_names)
    if key == "experience":
        years = person.years_experience
        return "" if years is None else str(years)
    return str(getattr(person, key, "") or "")
