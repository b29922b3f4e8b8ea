"""GET /api/v1/home/: the blocks of the signed-in person's home page, as JSON (home.blocks)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .blocks import home_sections


class LineSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="Who or what, in the reader's language.")
    detail = serializers.CharField(help_text="When, where or how many (may be empty).")
    link = serializers.CharField(help_text="The page where it is acted on (may be empty).")


class BlockSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="A stable code, e.g. coordinator.invoices_due.")
    title = serializers.CharField()
    count = serializers.IntegerField(help_text="How many in all (the lines are the first ones).")
    lines = LineSerializer(many=True)
    link = serializers.CharField(
        help_text="The page where the work of the block is done (empty when none may be opened)."
    )
    link_text = serializers.CharField()
    empty = serializers.CharField(help_text="What the page says when there is nothing to do.")
    action = LineSerializer(allow_null=True, help_text="A next step, when there is one.")


class SectionSerializer(serializers.Serializer):
    role = serializers.ChoiceField(
        choices=[
            "member",
            "facilitator",
            "coordinator",
            "manager",
            "case_worker",
            "newcomer",
            "expert",
            "auditor",
            "platform_admin",
            "core_team",
            "staff",
            "everyone",
        ]
    )
    title = serializers.CharField()
    blocks = BlockSerializer(many=True)


class HomeSerializer(serializers.Serializer):
    sections = SectionSerializer(many=True, help_text="One per role the person holds, then all.")


class HomeView(APIView):
    """What the signed-in person has to do today, by role: the blocks of their home page."""

    @extend_schema(responses=HomeSerializer, operation_id="home_retrieve")
    def get(self, request: Any) -> Response:
        return Response(HomeSerializer({"sections": home_sections(request.user)}).data)
