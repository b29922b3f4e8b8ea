"""The person picker's search: the first matches of a registered source for the signed-in
viewer (people.picker), as JSON for static/js/picker.js."""

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, JsonResponse

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.organisations.viewer import viewer_for

from .. import picker


@login_required
def pick(request: AuthedHttpRequest, source: str) -> JsonResponse:
    if source not in picker.SOURCES:
        raise Http404
    try:
        context = picker.unsign_context(request.GET.get("context", ""))
    except signing.BadSignature as exc:
        raise Http404 from exc
    text = request.GET.get("q", "").strip()[:100]
    found = picker.search(picker.candidates(source, viewer_for(request.user), context), text)
    rows = found.select_related("team").order_by("last_name", "first_name", "id")[
        : picker.RESULTS + 1
    ]
    people = list(rows)
    return JsonResponse(
        {
            "results": [
                {"id": str(p.pk), "label": picker.label(p)} for p in people[: picker.RESULTS]
            ],
            "more": len(people) > picker.RESULTS,
        }
    )
