from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from entrepairs.core.http import AuthedHttpRequest

from ..notifications import inbox as readable
from . import get_visible_or_404

# Pages read through the same inbox as the API (a session reads every notification of its user).


@login_required
def inbox(request: AuthedHttpRequest) -> HttpResponse:
    page = Paginator(readable(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    notification = get_visible_or_404(readable(request.user), pk=pk)
    notification.mark_read()
    if request.htmx:
        return render(request, "core/notifications/_item.html", {"n": notification})
    return redirect(notification.link or "notifications:list")


@login_required
@require_POST
def mark_all_read(request: AuthedHttpRequest) -> HttpResponse:
    readable(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notifications:list")
