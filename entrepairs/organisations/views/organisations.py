"""Organisation pages: the organisation, its sites and its teams."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import ask_first, confirm_page, get_visible_or_404, require
from entrepairs.organisations.viewer import viewer_for

from .. import services
from ..forms import OrganisationSettingsForm, RoleRequestForm, SiteForm, TeamForm
from ..models import Membership, Organisation, RoleRequest, Site, Team
from ..rules import (
    membership_visible_q,
    organisation_visible_q,
    role_request_incoming_q,
    role_request_sent_q,
    role_request_visible_q,
)


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
        Membership.objects.filter(membership_visible_q(viewer_for(request.user)), organisation=org)
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
            "role_requests": org.role_requests.filter(status=RoleRequest.Status.PENDING)
            if check(request.user, "organisations.change_organisation", org)
            else [],
            "can_manage": check(request.user, "organisations.change_organisation", org),
        },
    )


@login_required
def organisation_settings(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    require(request.user, "organisations.change_organisation", org)
    form = OrganisationSettingsForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(organisation=form.save(commit=False), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("organisations:detail", pk=org.pk)
    return render(
        request,
        "organisations/form.html",
        {"form": form, "organisation": org, "title": _("Organisation settings")},
    )


def _edit(
    request: AuthedHttpRequest,
    org: Organisation,
    form_class: type,
    instance: object,
    title: str,
    delete_url: str = "",
) -> HttpResponse:
    require(request.user, "organisations.change_organisation", org)
    form = form_class(request.POST or None, instance=instance, organisation=org)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        try:
            if isinstance(record, Team):
                services.team_save(team=record, by=request.user)
            else:
                services.site_save(site=record, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("organisations:detail", pk=org.pk)
    return render(
        request,
        "organisations/form.html",
        {"form": form, "organisation": org, "title": title, "delete_url": delete_url},
    )


@login_required
def team_create(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    return _edit(request, org, TeamForm, None, _("New team"))


@login_required
def team_edit(request: AuthedHttpRequest, pk: str, team_pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    team = get_visible_or_404(Team.objects.filter(organisation=org), pk=team_pk)
    return _edit(
        request,
        org,
        TeamForm,
        team,
        _("Edit team %(name)s") % {"name": team},
        delete_url=reverse("organisations:team_delete", args=[org.pk, team.pk]),
    )


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
def team_delete(request: AuthedHttpRequest, pk: str, team_pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    team = get_visible_or_404(Team.objects.filter(organisation=org), pk=team_pk)
    require(request.user, "organisations.delete_team", team)
    error = None
    if request.method == "POST":
        try:
            services.team_delete(team=team, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Team removed."))
            return redirect("organisations:detail", pk=org.pk)
    return render(
        request,
        "organisations/team_confirm_delete.html",
        {"organisation": org, "team": team, "error": error},
        status=400 if error else 200,
    )


@login_required
def role_request_create(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """Ask to give a role to someone of another organisation: one answer whatever the address."""
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    require(request.user, "organisations.add_rolerequest", org)
    form = RoleRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_request_create(
                organisation=org,
                role=form.cleaned_data["role"],
                email=form.cleaned_data["email"],
                requested_by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, ROLE_REQUEST_SENT)
            return redirect("organisations:detail", pk=org.pk)
    return render(
        request,
        "organisations/form.html",
        {
            "form": form,
            "organisation": org,
            "title": _("Give a role to someone from another organisation"),
            "intro": _(
                "They, or a coordinator of their organisation, will be asked to accept. Until "
                "then nothing of them is shown here."
            ),
            "submit_label": _("Send the request"),
        },
    )


# The same answer whatever the address: the form tells nobody whether it is known anywhere.
ROLE_REQUEST_SENT = gettext_lazy(
    "Request sent. If this address belongs to someone, they and their organisation's "
    "coordinator will be asked."
)


@login_required
def role_requests(request: AuthedHttpRequest) -> HttpResponse:
    """Requests waiting for my answer (for me or people of organisations I manage) and requests
    my organisations sent."""
    viewer = viewer_for(request.user)
    requests = RoleRequest.objects.select_related("organisation", "person").order_by("-created_at")
    incoming = requests.filter(role_request_incoming_q(viewer))[:200]
    sent = requests.filter(role_request_sent_q(viewer))[:200]
    return render(
        request,
        "organisations/role_requests.html",
        {"incoming": incoming, "sent": sent, "my_person_id": viewer.person_id},
    )


@login_required
@require_POST
def role_request_answer(request: AuthedHttpRequest, pk: str, answer: str) -> HttpResponse:
    viewer = viewer_for(request.user)
    role_request = get_visible_or_404(
        RoleRequest.objects.filter(role_request_visible_q(viewer)).select_related("person"), pk=pk
    )
    action = {
        "accept": services.role_request_accept,
        "decline": services.role_request_decline,
        "withdraw": services.role_request_withdraw,
    }[answer]
    if answer == "withdraw":
        require(request.user, "organisations.withdraw_rolerequest", role_request)
        asked = ask_first(
            request,
            title=_("Withdraw your request?"),
            question=_("Your request for the role %(role)s will be withdrawn.")
            % {"role": role_request.get_role_display()},
            confirm=_("Yes, withdraw"),
            back=reverse("organisations:role_requests"),
        )
        if asked is not None:
            return asked
    try:
        action(request=role_request, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            {
                "accept": _("Request accepted: the role is given."),
                "decline": _("Request declined."),
                "withdraw": _("Request withdrawn."),
            }[answer],
        )
    return redirect("organisations:role_requests")


@login_required
def membership_end(request: AuthedHttpRequest, pk: str, membership_pk: str) -> HttpResponse:
    org = get_visible_or_404(_visible_orgs(request), pk=pk)
    visible = Membership.objects.filter(membership_visible_q(viewer_for(request.user)))
    membership = get_visible_or_404(visible.filter(organisation=org), pk=membership_pk)
    require(request.user, "organisations.delete_membership", membership)
    if request.method == "POST":
        services.membership_end(membership=membership, by=request.user)
        messages.success(request, _("Role removed."))
        return redirect("organisations:detail", pk=org.pk)
    return confirm_page(
        request,
        title=_("Remove this role?"),
        question=_("%(name)s loses the role “%(role)s” in %(organisation)s.")
        % {
            "name": membership.person,
            "role": membership.get_role_display(),
            "organisation": org.name,
        },
        confirm=_("Remove the role"),
        back=reverse("organisations:detail", args=[org.pk]),
    )
