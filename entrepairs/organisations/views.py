"""Organisation pages: the organisation, its sites and its teams."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check, viewer_for
from entrepairs.core.views import get_visible_or_404, require

from .forms import ExternalMemberForm, OrganisationSettingsForm, SiteForm, TeamForm
from .models import Membership, Organisation, Site, Team
from .rules import organisation_visible_q


def _visible_orgs(request: AuthedHttpRequest):  # type: ignore[no-untyped-def]
    return Organisation.objects.filter(organisation_visible_q(viewer_for(request.user)))


@login_required
def organisation_list(request: AuthedHttpRequest) -> HttpResponse:
    orgs = _visible_orgs(request).annotate(people_count=Count("people", distinct=True))
    return render(request, "organisations/list.html", {"organisations": orgs})


@login_required
def organisation_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    teams = org.teams.select_related("parent", "site").annotate(member_count=Count("members"))
    # People whose home is another organisation but who hold a role here (external facilitators).
    external = (
        Membership.objects.filter(organisation=org)
        .exclude(person__organisation=org)
        .select_related("person", "person__organisation")
    )
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": org,
            "teams": teams,
            "sites": org.sites.all(),
            "external_members": external,
            "can_manage": check(request.user, "organisations.change_organisation", org),
        },
    )


@login_required
def organisation_settings(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    require(request.user, "organisations.change_organisation", org)
    form = OrganisationSettingsForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Settings saved."))
        return redirect("organisations:detail", pk=org.pk)
    return render(
        request,
        "organisations/form.html",
        {"form": form, "organisation": org, "title": _("Organisation settings")},
    )


def _edit(
    request: AuthedHttpRequest, org: Organisation, form_class: type, instance: object, title: str
) -> HttpResponse:
    require(request.user, "organisations.change_organisation", org)
    form = form_class(request.POST or None, instance=instance, organisation=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("organisations:detail", pk=org.pk)
    return render(
        request, "organisations/form.html", {"form": form, "organisation": org, "title": title}
    )


@login_required
def team_create(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    return _edit(request, org, TeamForm, None, _("New team"))


@login_required
def team_edit(request: AuthedHttpRequest, pk: str, team_pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    team = get_visible_or_404(Team.objects.filter(organisation=org), pk=team_pk)
    return _edit(request, org, TeamForm, team, _("Edit team %(name)s") % {"name": team})


@login_required
def site_create(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    return _edit(request, org, SiteForm, None, _("New site"))


@login_required
def site_edit(request: AuthedHttpRequest, pk: str, site_pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    site = get_visible_or_404(Site.objects.filter(organisation=org), pk=site_pk)
    return _edit(request, org, SiteForm, site, _("Edit site %(name)s") % {"name": site})


@login_required
def external_member_add(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    require(request.user, "organisations.add_membership", org)
    form = ExternalMemberForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        Membership.objects.create(person=person, organisation=org, role=form.cleaned_data["role"])
        messages.success(request, _("%(name)s now holds this role here.") % {"name": person})
        return redirect("organisations:detail", pk=org.pk)
    return render(
        request,
        "organisations/form.html",
        {
            "form": form,
            "organisation": org,
            "title": _("Give a role to someone from another organisation"),
        },
    )


@login_required
def membership_end(request: AuthedHttpRequest, pk: str, membership_pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    membership = get_visible_or_404(Membership.objects.filter(organisation=org), pk=membership_pk)
    require(request.user, "organisations.delete_membership", membership)
    if request.method == "POST":
        membership.delete()
        messages.success(request, _("Role removed."))
    return redirect("organisations:detail", pk=org.pk)
