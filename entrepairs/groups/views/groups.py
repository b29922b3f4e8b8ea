"""Group pages: list, create, detail, members, charter, founding."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import ask_first, confirm_page, get_visible_or_404, require
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import rules as group_rules
from .. import selectors, services
from ..forms import CharterForm, GroupFilterForm, GroupForm, MemberAddForm
from ..models import CoOwnershipRequest, Group, GroupMember
from ..periods import certificate_choice

PAGE_SIZE = 50


def me(request: AuthedHttpRequest) -> Person | None:
    viewer = viewer_for(request.user)
    if viewer.person_id is None:
        return None
    return Person.objects.filter(pk=viewer.person_id).first()


def visible_group(request: AuthedHttpRequest, pk: Any) -> Group:
    return selectors.get_group_for(request.user, pk)


def _my_organisations(request: AuthedHttpRequest) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=viewer_for(request.user).organisation_ids)


@login_required
def group_list(request: AuthedHttpRequest) -> HttpResponse:
    form = GroupFilterForm(request.GET or None)
    groups = selectors.groups_visible_to(request.user)
    if form.is_valid():
        # Names only: situations and notes are encrypted and never searched.
        if form.cleaned_data["q"]:
            groups = groups.filter(name__icontains=form.cleaned_data["q"])
        if form.cleaned_data["kind"]:
            groups = groups.filter(kind=form.cleaned_data["kind"])
    page = Paginator(groups.for_list().order_by("name", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "groups/list.html",
        {
            "page": page,
            "form": form,
            "can_add": check(request.user, "groups.add_group"),
            "can_compose": check(request.user, "groups.compose_group"),
            "can_follow_calendar": check(request.user, "groups.add_calendarfeed"),
        },
    )


@login_required
def group_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "groups.add_group")
    creator = me(request)
    orgs = _my_organisations(request)
    form = GroupForm(
        request.POST or None,
        organisations=orgs,
        user=request.user,
        reach=selectors.people_in_reach(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.group_create(
                organisation=data["organisation"],
                organisations=list(data["organisations"]),
                name=data["name"],
                kind=data["kind"],
                facilitators=list(data["facilitators"]),
                created_by=creator,
                description=data["description"],
                hard_questions=data["hard_questions"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The group was created."))
            return redirect("groups:detail", pk=group.pk)
    return render(request, "groups/form.html", {"form": form, "title": _("Create a group")})


@login_required
def group_detail(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    group = visible_group(request, pk)
    viewer = viewer_for(request.user)
    members = list(group.members.exclude(status="left").select_related("person__organisation"))
    sessions = list(group.sessions.select_related("site").order_by("starts_at"))
    mine = next((m for m in members if m.person_id == viewer.person_id), None)
    return render(
        request,
        "groups/detail.html",
        {
            "group": group,
            "members": members,
            "sessions": sessions,
            "me_member": mine,
            "can_run": check(request.user, "groups.change_group", group),
            "can_facilitate": check(request.user, "groups.facilitate_group", group),
            "reads_content": group_rules.reads_content(viewer, group),
            "limits": group.size_limits,
            "active_count": sum(1 for m in members if m.status == GroupMember.Status.ACTIVE),
            "programme_years": selectors.programme_years(group),
            "certificates": certificate_choice(
                request.GET, group=group, today=timezone.localdate()
            ),
        },
    )


@login_required
def member_add(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    group = visible_group(request, pk)
    require(request.user, "groups.add_groupmember", group)
    form = MemberAddForm(
        request.POST or None,
        user=request.user,
        group=group,
        reach=selectors.people_in_reach(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_add(
                group=group, person=form.cleaned_data["person"], by=me(request)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if member.status == GroupMember.Status.PENDING:
                messages.info(
                    request,
                    _("The group is closed: the facilitator must approve this late joiner."),
                )
            else:
                messages.success(request, _("%(name)s joined the group.") % {"name": member.person})
            return redirect("groups:detail", pk=group.pk)
    return render(
        request,
        "groups/member_form.html",
        {"form": form, "group": group, "title": _("Add a member")},
    )


@login_required
@require_POST
def member_approve(request: AuthedHttpRequest, pk: Any, member_pk: Any) -> HttpResponse:
    group = visible_group(request, pk)
    require(request.user, "groups.facilitate_group", group)
    member = get_visible_or_404(group.members.all(), pk=member_pk)
    try:
        services.member_approve(member=member, by=me(request))  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s joined the group.") % {"name": member.person})
    return redirect("groups:detail", pk=group.pk)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: AuthedHttpRequest, pk: Any, member_pk: Any) -> HttpResponse:
    group = visible_group(request, pk)
    require(request.user, "groups.delete_groupmember", group)
    member = get_visible_or_404(group.members.select_related("person"), pk=member_pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Remove %(name)s from the group?") % {"name": member.person},
            question=_("%(name)s will no longer be a member of %(group)s.")
            % {"name": member.person, "group": group.name},
            confirm=_("Remove from the group"),
            back=reverse("groups:detail", args=[group.pk]),
        )
    services.member_remove(member=member)
    messages.success(request, _("%(name)s left the group.") % {"name": member.person})
    return redirect("groups:detail", pk=group.pk)


@login_required
def charter(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    group = visible_group(request, pk)
    viewer = viewer_for(request.user)
    can_edit = check(request.user, "groups.facilitate_group", group)
    form = CharterForm(request.POST or None, initial={"own_rules": group.charter.own_rules})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.charter_update(group=group, own_rules=form.cleaned_data["own_rules"])
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request, _("The charter was saved; members are asked to accept it.")
                )
                return redirect("groups:charter", pk=group.pk)
    member = group_rules.member_of(viewer, group)
    return render(
        request,
        "groups/charter.html",
        {
            "group": group,
            "charter": group.charter,
            "form": form,
            "can_edit": can_edit,
            "member": member,
            **selectors.charter_roster(group),
        },
    )


@login_required
@require_POST
def charter_accept(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    group = visible_group(request, pk)
    member = group_rules.member_of(viewer_for(request.user), group)
    if member is None:
        raise PermissionDenied
    try:
        services.charter_accept(member=member)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("You accepted the charter."))
    return redirect("groups:detail", pk=group.pk)


@login_required
@require_POST
def group_found(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    group = visible_group(request, pk)
    require(request.user, "groups.facilitate_group", group)
    asked = ask_first(
        request,
        title=_("Close the membership of %(group)s?") % {"group": group},
        question=_("The founding session was held: nobody can join the group any more."),
        confirm=_("Yes, close the membership"),
        back=reverse("groups:detail", args=[group.pk]),
    )
    if asked is not None:
        return asked
    try:
        services.group_found(group=group, by=me(request))  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The group is founded: its membership is now closed."))
    return redirect("groups:detail", pk=group.pk)


@login_required
def group_edit(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    """Name, purpose and facilitators; the kind and organisations stay as created."""
    from ..forms import GroupEditForm

    group = visible_group(request, pk)
    require(request.user, "groups.change_group", group)
    form = GroupEditForm(
        request.POST or None,
        user=request.user,
        group=group,
        reach=selectors.people_in_reach(request.user),
        initial={
            "name": group.name,
            "description": group.description,
            "hard_questions": group.hard_questions,
            "facilitators": list(group.facilitator_ids()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(group=group, **form.cleaned_data, by=me(request))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("groups:detail", pk=group.pk)
    return render(
        request, "groups/form.html", {"form": form, "title": _("Edit %(name)s") % {"name": group}}
    )


# --- co-ownership with another organisation ------------------------------------------------------


@login_required
def co_ownership_new(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    """Ask another organisation to co-own the group; it co-owns it once its coordinator accepts."""
    from ..forms import CoOwnershipForm

    group = visible_group(request, pk)
    require(request.user, "groups.add_coownershiprequest", group)
    shown = _my_organisations(request).exclude(pk__in=group.organisation_ids())
    form = CoOwnershipForm(request.POST or None, shown=shown)
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.co_ownership_request(
                group=group, organisation=form.cleaned_data["organisation"], by=me(request)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if answer.status == CoOwnershipRequest.Status.ACCEPTED:
                messages.success(request, _("The organisation now co-owns the group."))
            else:
                messages.info(
                    request,
                    _(
                        "The request was sent: the organisation co-owns the group once its coordinator accepts."
                    ),
                )
            return redirect("groups:detail", pk=group.pk)
    return render(
        request,
        "groups/member_form.html",
        {"form": form, "group": group, "title": _("Ask another organisation to co-own it")},
    )


@login_required
def co_ownership_list(request: AuthedHttpRequest) -> HttpResponse:
    """Requests to decide (the viewer coordinates the invited organisation) and requests sent."""
    viewer = viewer_for(request.user)
    rows = list(
        CoOwnershipRequest.objects.filter(group_rules.co_ownership_visible_q(viewer))
        .select_related("group__organisation", "organisation", "requested_by")
        .distinct()
        .order_by("-created_at", "id")[:200]
    )
    return render(
        request,
        "groups/co_ownership.html",
        {
            "to_decide": [
                r
                for r in rows
                if r.status == CoOwnershipRequest.Status.PENDING
                and group_rules.can_decide_co_ownership(request.user, r)
            ],
            "others": [
                r
                for r in rows
                if not (
                    r.status == CoOwnershipRequest.Status.PENDING
                    and group_rules.can_decide_co_ownership(request.user, r)
                )
            ],
        },
    )


@login_required
@require_POST
def co_ownership_decide(request: AuthedHttpRequest, pk: Any, answer: str) -> HttpResponse:
    if answer not in ("accept", "decline"):
        raise Http404
    viewer = viewer_for(request.user)
    found = get_visible_or_404(
        CoOwnershipRequest.objects.filter(group_rules.co_ownership_visible_q(viewer))
        .select_related("group")
        .distinct(),
        pk=pk,
    )
    require(request.user, "groups.decide_coownershiprequest", found)
    if answer == "decline":
        asked = ask_first(
            request,
            title=_("Decline the co-ownership?"),
            question=_(
                "Your organisation will not co-own “%(group)s” with %(org)s. This answer is final."
            )
            % {"org": found.group.organisation, "group": found.group},
            confirm=_("Yes, decline"),
            back=reverse("groups:co_ownership"),
        )
        if asked is not None:
            return asked
    decide = services.co_ownership_accept if answer == "accept" else services.co_ownership_decline
    try:
        decide(request=found, by=me(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your answer was recorded."))
    return redirect("groups:co_ownership")
