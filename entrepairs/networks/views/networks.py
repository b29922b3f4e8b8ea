"""The networks list and a network's page. Each write calls one function of networks.services;
an object the viewer may not know about is a 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import confirm_page, flash_errors
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.selectors import acting_person

from .. import selectors, services
from ..forms import (
    HostedGroupForm,
    HostedMemberForm,
    InviteMemberForm,
    InviteOrganisationForm,
    NetworkForm,
    NewsForm,
)


def _managed(request: Any) -> Any:
    return selectors.coordinated_organisations(request.user)


@login_required
def network_list(request: AuthedHttpRequest) -> HttpResponse:
    managed = _managed(request)
    form = NetworkForm(prefix="n", organisations=managed)
    if request.method == "POST":
        form = NetworkForm(request.POST, prefix="n", organisations=managed)
        if form.is_valid():
            try:
                network = services.network_create(
                    by=acting_person(request.user), **form.cleaned_data
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The network is created."))
                return redirect("networks:detail", pk=network.pk)
    viewer = viewer_for(request.user)
    return render(
        request,
        "networks/list.html",
        {
            "networks": selectors.networks_for(viewer),
            "invitations": selectors.invitations_for(viewer),
            "personal_invitations": selectors.person_invitations_for(viewer),
            "open_networks": selectors.open_networks_for(viewer),
            "managed": list(managed),
            "form": form,
        },
    )


@login_required
def network_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    network = selectors.get_network_for(request.user, pk)
    viewer = viewer_for(request.user)
    org_form = InviteOrganisationForm(
        prefix="o", organisations=selectors.invitable_organisations(request.user)
    )
    people = selectors.invitable_people(request.user).filter(
        pk__in=selectors.people_of_members(network)
    )
    member_form = InviteMemberForm(prefix="p", people=people, user=request.user, network=network)
    organiser_form = InviteMemberForm(prefix="g", people=people, user=request.user, network=network)
    members = selectors.network_member_people(network)
    orgs = Organisation.objects.filter(pk__in=selectors.member_organisation_ids(network)).order_by(
        "name"
    )
    news_form = NewsForm(prefix="news")
    group_form = HostedGroupForm(
        prefix="hg", organisations=orgs, people=members, user=request.user, network=network
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("publish_news", "create_group"):
                # Members see the network but may not write to it: 403, as in the API.
                perm = "add_newsitem" if action == "publish_news" else "add_hostedgroup"
                if not request.user.has_perm(f"networks.{perm}", network):
                    raise PermissionDenied
            if action == "publish_news":
                news_form = NewsForm(request.POST, prefix="news")
                if news_form.is_valid():
                    services.news_publish(
                        network=network, by=acting_person(request.user), **news_form.cleaned_data
                    )
                    messages.success(request, _("The news is published."))
                    return redirect("networks:detail", pk=network.pk)
            elif action == "create_group":
                group_form = HostedGroupForm(
                    request.POST,
                    prefix="hg",
                    organisations=orgs,
                    people=members,
                    user=request.user,
                    network=network,
                )
                if group_form.is_valid():
                    data = dict(group_form.cleaned_data)
                    data["facilitators"] = list(data["facilitators"])
                    data["organisations"] = list(data["organisations"])
                    services.hosted_group_create(
                        network=network, by=acting_person(request.user), **data
                    )
                    messages.success(request, _("The group is created."))
                    return redirect("networks:detail", pk=network.pk)
            elif action in ("add_group_member", "ask_group"):
                return _hosted_action(request, network, action, members)
            elif action == "invite_organisation":
                org_form = InviteOrganisationForm(
                    request.POST,
                    prefix="o",
                    organisations=selectors.invitable_organisations(request.user),
                )
                if org_form.is_valid():
                    services.organisation_invite(
                        network=network,
                        organisation=org_form.cleaned_data["organisation"],
                        by=acting_person(request.user),
                    )
                    messages.success(request, _("The invitation is sent."))
                    return redirect("networks:detail", pk=network.pk)
            elif action == "invite_member":
                member_form = InviteMemberForm(
                    request.POST, prefix="p", people=people, user=request.user, network=network
                )
                if member_form.is_valid():
                    services.member_invite(
                        network=network,
                        person=member_form.cleaned_data["person"],
                        by=acting_person(request.user),
                    )
                    messages.success(request, _("The invitation is sent."))
                    return redirect("networks:detail", pk=network.pk)
            elif action == "add_organiser":
                organiser_form = InviteMemberForm(
                    request.POST, prefix="g", people=people, user=request.user, network=network
                )
                if organiser_form.is_valid():
                    services.organiser_add(
                        network=network,
                        person=organiser_form.cleaned_data["person"],
                        by=acting_person(request.user),
                    )
                    messages.success(request, _("The organiser is added."))
                    return redirect("networks:detail", pk=network.pk)
            elif action == "join":
                services.member_request(network=network, by=acting_person(request.user))
                messages.success(request, _("Your request is sent to the organisers."))
                return redirect("networks:detail", pk=network.pk)
        except ValidationError as exc:
            forms = {
                "invite_member": member_form,
                "add_organiser": organiser_form,
                "publish_news": news_form,
                "create_group": group_form,
            }
            form = forms.get(action or "", org_form)
            if action == "join":
                flash_errors(request, exc)
                return redirect("networks:detail", pk=network.pk)
            add_errors(form, exc)
    context = selectors.network_page(network, viewer)
    context.update(
        {
            "network": network,
            "org_form": org_form,
            "member_form": member_form,
            "organiser_form": organiser_form,
            "news_form": news_form,
            "group_form": group_form,
            "hosted_member_form": HostedMemberForm(
                prefix="hm",
                people=members,
                user=request.user,
                network=network,
                groups=[h for h in context["hosted_groups"] if h.adds],
            ),
        }
    )
    return render(request, "networks/detail.html", context)


def _hosted_action(request: Any, network: Any, action: str, members: Any) -> HttpResponse:
    """Add a member to a hosted group, or ask to join one: the services decide, their refusal
    (the groups module's own, the hierarchy rule included) is shown on the network page."""
    posted = request.POST.get("hosted") or request.POST.get("hm-hosted", "")
    hosted = selectors.get_hosted_group_for(request.user, posted)
    if hosted.network_id != network.pk:
        raise Http404
    if action == "add_group_member" and not request.user.has_perm(
        "networks.add_hostedgroup_member", hosted
    ):
        raise PermissionDenied
    try:
        if action == "ask_group":
            services.hosted_group_ask_to_join(hosted=hosted, by=acting_person(request.user))
            messages.success(request, _("Your request is sent to the group's facilitators."))
        else:
            form = HostedMemberForm(
                request.POST,
                prefix="hm",
                people=members,
                user=request.user,
                network=network,
                groups=[hosted],
            )
            if not form.is_valid():
                raise ValidationError(_("Choose a member of the network."))
            member = services.hosted_group_member_add(
                hosted=hosted, person=form.cleaned_data["person"], by=acting_person(request.user)
            )
            messages.success(request, _("%(name)s joined the group.") % {"name": member.person})
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("networks:detail", pk=network.pk)


@login_required
@require_http_methods(["GET", "POST"])
def news_edit(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """An organiser corrects a piece of news; members who may read it get a 403."""
    news = selectors.get_news_for(request.user, pk)
    if not request.user.has_perm("networks.change_newsitem", news):
        raise PermissionDenied
    form = NewsForm(
        request.POST or None,
        initial={"title": news.title, "body": news.body, "published_on": news.published_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.news_update(news=news, by=acting_person(request.user), **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The news is saved."))
            return redirect("networks:detail", pk=news.network_id)
    return render(request, "networks/news_edit.html", {"news": news, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def news_delete(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """An organiser removes a piece of news, after a confirmation page."""
    news = selectors.get_news_for(request.user, pk)
    if not request.user.has_perm("networks.delete_newsitem", news):
        raise PermissionDenied
    back = reverse("networks:detail", args=[news.network_id])
    if request.method != "POST":
        return confirm_page(
            request,
            title=_("Delete the news"),
            question=_("Delete the news “%(title)s”?") % {"title": news.title},
            confirm=_("Delete"),
            back=back,
        )
    try:
        services.news_delete(news=news, by=acting_person(request.user))
        messages.success(request, _("The news is deleted."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect(back)


ANSWERS = {"accept": True, "decline": False}


def _next(request: Any) -> str:
    """Back to the page the form was on, when it is one of this site's own addresses."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("networks:list")


def _post_or_confirm_leave(request: Any, action: str) -> None:
    """Leaving asks first on a page of its own (GET); everything else is a POST."""
    if action not in (*ANSWERS, "leave"):
        raise Http404
    if request.method != "POST" and action != "leave":
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def link_action(request: AuthedHttpRequest, pk: str, action: str) -> HttpResponse:
    """Accept or decline an organisation's invitation or request, or take it out (leave)."""
    _post_or_confirm_leave(request, action)
    link = selectors.get_link_for(request.user, pk)
    if request.method != "POST":
        return confirm_page(
            request,
            title=_("Leave the network"),
            question=_("Take %(organisation)s out of the network %(network)s?")
            % {"organisation": link.organisation.name, "network": link.network.name},
            confirm=_("Take it out"),
            back=reverse("networks:detail", args=[link.network_id]),
        )
    try:
        if action == "leave":
            services.link_leave(link=link, by=acting_person(request.user))
            messages.success(request, _("Your organisation has left the network."))
            return redirect("networks:list")
        services.link_answer(link=link, accept=ANSWERS[action], by=acting_person(request.user))
        messages.success(request, _("Your answer is recorded."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect(_next(request))


@login_required
@require_http_methods(["GET", "POST"])
def member_action(request: AuthedHttpRequest, pk: str, action: str) -> HttpResponse:
    """Accept or decline a person's invitation or request, or leave."""
    _post_or_confirm_leave(request, action)
    member = selectors.get_member_for(request.user, pk)
    if request.method != "POST":
        if member.status == "pending":  # a request or an invitation not answered yet
            return confirm_page(
                request,
                title=_("Withdraw"),
                question=_("Withdraw your request or invitation for the network %(network)s?")
                % {"network": member.network.name},
                confirm=_("Yes, withdraw"),
                back=reverse("networks:detail", args=[member.network_id]),
            )
        return confirm_page(
            request,
            title=_("Leave the network"),
            question=_("Leave the network %(network)s?") % {"network": member.network.name},
            confirm=_("Leave the network"),
            back=reverse("networks:detail", args=[member.network_id]),
        )
    try:
        if action == "leave":
            services.member_leave(member=member, by=acting_person(request.user))
            messages.success(request, _("You have left the network."))
            return redirect("networks:list")
        services.member_answer(
            member=member, accept=ANSWERS[action], by=acting_person(request.user)
        )
        messages.success(request, _("Your answer is recorded."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect(_next(request))


@login_required
@require_POST
def request_to_join(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """A coordinator asks for their organisation to join an open network."""
    network = selectors.get_open_network_for(request.user, pk)
    form = InviteOrganisationForm(request.POST, organisations=_managed(request))
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose an organisation you coordinate."))
        services.organisation_request(
            network=network,
            organisation=form.cleaned_data["organisation"],
            by=acting_person(request.user),
        )
        messages.success(request, _("Your request is sent to the organisers."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("networks:list")
