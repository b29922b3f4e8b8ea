"""The person picker's search in the JSON API: the same first matches as the pages' picker
(people.picker.first_matches), for a client building its own person field."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import picker

_MATCHES = inline_serializer(
    "PersonPickerMatches",
    {
        "results": inline_serializer(
            "PersonPickerMatch",
            {
                "id": serializers.UUIDField(),
                "label": serializers.CharField(help_text="Name — team · profession"),
            },
            many=True,
        ),
        "more": serializers.BooleanField(help_text="More people match: refine the search."),
    },
)


class PersonPickView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="people_pick",
        summary="Search the people a person field may offer",
        description=(
            "The first matches (by first or last name, e-mail start, team or profession; every "
            "word must match) among the people the source offers the caller: a source is the "
            "rule of one kind of field (`groups.members`, `mentoring.case_workers`, "
            "`onboarding.people`...), never anyone else. 404 for an unknown source, a forged "
            "context, or an object of the context the caller may not see; 403 where they see it "
            "but may not act. Choosing still goes through the writing endpoint, which checks."
        ),
        parameters=[
            OpenApiParameter("source", OpenApiTypes.STR, OpenApiParameter.PATH),
            OpenApiParameter("q", OpenApiTypes.STR, description="Words to search (100 chars)"),
            OpenApiParameter(
                "context",
                OpenApiTypes.STR,
                description="Signed context of the field (a group, a youth...), as the page "
                "renders it in `data-picker-context`; empty for fields without one.",
            ),
        ],
        responses={200: _MATCHES},
        tags=["people"],
    )
    def get(self, request: Request, source: str) -> Response:
        answer: dict[str, Any] = picker.first_matches(
            source,
            request.user,
            request.query_params.get("q", ""),
            request.query_params.get("context", ""),
        )
        return Response(answer)
