"""Dashboards and the coordinator's review of process feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.audit import record_access
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.viewer import viewer_for

from . import dashboard as figures
from . import services
from .forms import ReviewedForm
from .models import ClosingReview, Journey, JourneyStatus, JourneyTask


@login_required
def dashboard(request: AuthedHttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    context: dict = {"is_coordinator": bool(viewer.managed_orgs)}
    if viewer.managed_orgs:
        context.update(figures.coordinator_dashboard(viewer))
    if viewer.person_id:
        context["my_newcomers"] = figures.manager_journeys(viewer)
        context["tutoring"] = (
            Journey.objects.active()
            .filter(tutor_id=viewer.person_id)
            .select_related("newcomer", "version__template")
        )
        context["my_journey"] = Journey.objects.filter(newcomer_id=viewer.person_id).first()
        context["my_open_tasks"] = JourneyTask.objects.filter(
            owner_id=viewer.person_id, done_at=None, journey__status=JourneyStatus.ACTIVE
        ).count()
    return render(request, "onboarding/dashboard.html", context)


@login_required
def process_reviews(request: AuthedHttpRequest) -> HttpResponse:
    """Closing reviews of closed journeys: what newcomers and tutors say of the process."""
    require(request.user, "onboarding.review_process_feedback")
    viewer = viewer_for(request.user)
    reviews = list(
        ClosingReview.objects.filter(
            journey__organisation_id__in=viewer.managed_orgs, journey__status=JourneyStatus.CLOSED
        )
        .select_related("journey__newcomer", "journey__tutor", "journey__version__template")
        .order_by("reviewed_at", "-journey__closed_on")[:100]
    )
    for review in reviews:
        record_access(review)
    return render(
        request, "onboarding/process_reviews.html", {"reviews": reviews, "form": ReviewedForm()}
    )


@login_required
@require_POST
def process_review_done(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    viewer = viewer_for(request.user)
    review = get_visible_or_404(
        ClosingReview.objects.filter(
            journey__organisation_id__in=viewer.managed_orgs
        ).select_related("journey"),
        pk=pk,
    )
    require(request.user, "onboarding.review_process_feedback", review)
    form = ReviewedForm(request.POST)
    if form.is_valid():
        services.closing_review_mark_reviewed(review=review, note=form.cleaned_data["note"])
        messages.success(request, _("Marked as reviewed."))
    return redirect("onboarding:process_reviews")
