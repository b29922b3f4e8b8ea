"""Dashboards and the coordinator's review of process feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.audit import record_access
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import require
from entrepairs.organisations.viewer import viewer_for

from .. import dashboard as figures
from .. import selectors, services
from ..forms import ReviewedForm


@login_required
def dashboard(request: AuthedHttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    can_start = check(request.user, "onboarding.add_journey")
    context: dict = {"can_start": can_start, "show_figures": can_start}
    if can_start:
        context.update(figures.coordinator_dashboard(viewer))
    if viewer.person_id:
        context["my_newcomers"] = figures.manager_journeys(viewer)
        context["tutoring"] = selectors.tutoring(viewer)
        context["my_journey"] = selectors.own_journey(viewer)
        context["my_open_tasks"] = selectors.owned_tasks(viewer).filter(done_at=None).count()
    return render(request, "onboarding/dashboard.html", context)


@login_required
def process_reviews(request: AuthedHttpRequest) -> HttpResponse:
    """Closing reviews of closed journeys: what newcomers and tutors say of the process."""
    require(request.user, "onboarding.review_process_feedback")
    reviews = list(
        selectors.reviews_to_read(viewer_for(request.user))
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
    review = selectors.get_review_for(request.user, pk)
    form = ReviewedForm(request.POST)
    if form.is_valid():
        services.closing_review_mark_reviewed(
            review=review, note=form.cleaned_data["note"], by=selectors.person_of(request.user)
        )
        messages.success(request, _("Marked as reviewed."))
    return redirect("onboarding:process_reviews")
