from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from entrepairs.core.http import AuthedHttpRequest

from ..link_access import NO_LONGER_OPEN, mark_openable
from ..notifications import inbox as readable
from ..notifications import inbox_page
from . import get_visible_or_404

# Pages read through the same inbox as the API (a session reads every notification of its user).


@login_required
def inbox(request: AuthedHttpRequest) -> HttpResponse:
    """The unread notifications first (every one, on the first page), then the read ones; in
    each part, a kind with many gathered in one expandable line; the other read ones paged."""
    sections = inbox_page(request.user)
    page = Paginator(sections.read, 30).get_page(request.GET.get("page"))
    # Every notification shown says whether its link may still be followed (one batch).
    page.object_list = list(page.object_list)
    gathered = [n for g in sections.unread_groups + sections.read_groups for n in g.items]
    mark_openable(request.user, [*gathered, *sections.unread, *page.object_list])
    return render(request, "core/notifications/inbox.html", {"inbox": sections, "page": page})


@login_required
def open_notification(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """Follow a notification's link: opening it marks it read. A link its reader may no longer
    follow (removed from the group, match closed) leads back to the inbox, which says so."""
    notification = get_visible_or_404(readable(request.user), pk=pk)
    notification.mark_read()
    link = notification.link
    if not mark_openable(request.user, [notification])[0].link_open:
        if link:
            messages.info(request, NO_LONGER_OPEN)
        return redirect("notifications:list")
    if url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_read(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    notification = get_visible_or_404(readable(request.user), pk=pk)
    notification.mark_read()
    if request.htmx:
        mark_openable(request.user, [notification])
        return render(request, "core/notifications/_item.html", {"n": notification})
    if notification.link and mark_openable(request.user, [notification])[0].link_open:
        return redirect(notification.link)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: AuthedHttpRequest) -> HttpResponse:
    """Mark every notification read, or those of one kind (`kind` posted by a group's button)."""
    unread = readable(request.user).filter(read_at__isnull=True)
    if "kind" in request.POST:
        unread = unread.filter(kind=request.POST["kind"])
    unread.update(read_at=timezone.now())
    return redirect("notifications:list")
