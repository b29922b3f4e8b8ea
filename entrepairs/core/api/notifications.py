from typing import Any

from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ..models import Notification
from ..notifications import inbox
from .schema import building_schema


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "organisation", "subject", "body", "link", "read_at", "created_at"]
        read_only_fields = fields


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The signed-in user's inbox."""

    serializer_class = NotificationSerializer
    queryset = Notification.objects.none()  # for the schema; real rows come from get_queryset

    def get_queryset(self) -> Any:
        if building_schema(self):
            return self.queryset
        return inbox(self.request.user)

    @action(detail=True, methods=["post"])
    def read(self, request: Any, pk: Any = None) -> Response:
        notification = self.get_object()
        notification.mark_read()
        return Response(self.get_serializer(notification).data)
