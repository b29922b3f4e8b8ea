"""The person picker's search: the first matches of a registered source for the signed-in
viewer (people.picker), as JSON for static/js/picker.js. The API serves the same answer
(people.api.pick)."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from entrepairs.core.http import AuthedHttpRequest

from .. import picker


@login_required
def pick(request: AuthedHttpRequest, source: str) -> JsonResponse:
    return JsonResponse(
        picker.first_matches(
            source, request.user, request.GET.get("q", ""), request.GET.get("context", "")
        )
    )
