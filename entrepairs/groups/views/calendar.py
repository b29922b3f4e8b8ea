"""Calendar feeds (personal, revocable secret URLs) and the line manager's view of their staff."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.links import absolute_url
from entrepairs.core.permissions import check, id_q
from entrepairs.core.views import confirm_page, get_visible_or_404, require
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import services
from ..calendar import render_feed
from ..models import Attendance, CalendarFeed, GroupMember, Session


@login_required
def calendar_feeds(request: AuthedHttpRequest) -> HttpResponse:
    # The groups page shows its link by the same rule (a person's own feeds, no scoped token).
    require(request.user, "groups.add_calendarfeed")
    person = Person.objects.get(id_q("pk", viewer_for(request.user).person_id))
    new_url = None
    if request.method == "POST":
        scope = request.POST.get("scope", "")
        if scope not in CalendarFeed.Scope.values:
            raise Http404
        _feed, secret = services.calendar_feed_create(person=person, scope=scope)
        new_url = absolute_url(reverse("groups:ics", args=[secret]))
        messages.success(
            request, _("Your new calendar address is below; the previous one no longer works.")
        )
    feeds = CalendarFeed.objects.filter(person=person, revoked_at__isnull=True)
    return render(
        request,
        "groups/calendar.html",
        {
            "feeds": feeds,
            "new_url": new_url,
            "can_follow_staff": person.reports.exists(),  # a line manager
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed_revoke(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    viewer = viewer_for(request.user)
    feed = get_visible_or_404(CalendarFeed.objects.filter(Q(person_id=viewer.person_id)), pk=pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Revoke this calendar address?"),
            question=_(
                "Calendars that follow it stop showing your sessions; you may make a new "
                "address afterwards."
            ),
            confirm=_("Revoke the address"),
            back=reverse("groups:calendar"),
        )
    services.calendar_feed_revoke(feed=feed)
    messages.success(request, _("This calendar address no longer works."))
    return redirect("groups:calendar")


def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design (calendar apps cannot sign in): the secret URL is the credential."""
    feed = (
        CalendarFeed.objects.filter(token_hash=services.hash_token(token), revoked_at__isnull=True)
        .select_related("person")
        .first()
    )
    if feed is None or not feed.person.is_active:
        raise Http404
    resp = HttpResponse(render_feed(feed), content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = 'inline; filename="entrepairs.ics"'
    return resp


@login_required
def staff(request: AuthedHttpRequest) -> HttpResponse:
    """A line manager sees their staff's sessions and attendance — never content (seed 004)."""
    viewer = viewer_for(request.user)
    members = list(
        GroupMember.objects.filter(id_q("person__line_manager_id", viewer.person_id))
        .exclude(status="left")
        .select_related("person", "group")
        .order_by("person__last_name", "group__name")
    )
    if viewer.person_id is None:
        members = []
    group_ids = {m.group_id for m in members}
    upcoming = list(
        Session.objects.upcoming()
        .filter(group_id__in=group_ids)
        .select_related("group", "site")[:50]
    )
    counts: dict[Any, dict[str, int]] = {}
    for member_id, status in Attendance.objects.filter(member__in=members).values_list(
        "member_id", "status"
    ):
        counts.setdefault(member_id, {}).setdefault(status, 0)
        counts[member_id][status] += 1
    rows = [(m, counts.get(m.pk, {})) for m in members]
    by_group: dict[Any, list[str]] = {}
    for m in members:
        by_group.setdefault(m.group_id, []).append(str(m.person))
    return render(
        request,
        "groups/staff.html",
        {
            "rows": rows,
            "upcoming": [(s, by_group.get(s.group_id, [])) for s in upcoming],
            # the link to the feeds, by the rule calendar_feeds asks
            "can_follow_calendar": check(request.user, "groups.add_calendarfeed"),
        },
    )
