"""The background jobs page, for platform administrators: queued, running (with their last
heartbeat) and failed jobs, each failed one with a retry button. No job's arguments are shown:
they may name people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.http import AuthedHttpRequest

from ..jobs.board import STATES, counts, job_retry, jobs_visible_to, rows_of
from ..jobs.policy import label_for
from . import ask_first

PER_PAGE = 50


@login_required
def job_list(request: AuthedHttpRequest) -> HttpResponse:
    state = request.GET.get("state", "failed")
    if state not in STATES:
        raise Http404
    results = jobs_visible_to(request.user, state)
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/jobs/list.html",
        {
            "state": state,
            "counts": counts(),
            "page": page,
            "rows": rows_of(page),
            "query": f"state={state}",
        },
    )


@login_required
@require_POST
def job_retry_view(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    job = jobs_visible_to(request.user, "failed").filter(pk=pk).first()
    back = reverse("jobs:list") + "?state=failed"
    if job is None:
        messages.info(request, _("This job is no longer failed: nothing to retry."))
        return redirect(back)
    asked = ask_first(
        request,
        title=_("Retry the job « %(job)s »?") % {"job": label_for(job.task_path)},
        question=_(
            "The job is queued again and a worker runs it from the start. Retry it once the "
            "cause of its failure is fixed."
        ),
        confirm=_("Yes, retry the job"),
        back=back,
    )
    if asked is not None:
        return asked
    if job_retry(result_id=job.pk, by=request.user):
        messages.success(request, _("The job is queued again."))
    else:
        messages.info(request, _("This job is no longer failed: nothing to retry."))
    return redirect(back)
