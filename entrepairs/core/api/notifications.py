from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ..link_access import NO_LONGER_OPEN, mark_openable
from ..models import Notification
from ..notifications import grouped_inbox, inbox
from .fields import BaseModelSerializer
from .schema import building_schema


class NotificationSerializer(BaseModelSerializer):
    # Worded in the reader's language (Accept-Language), by core.notifications.
    subject = serializers.CharField(source="shown_subject", read_only=True)
    title = serializers.CharField(
        source="shown_title",
        read_only=True,
        help_text="The inbox's headline, which may name the person concerned; "
        "empty when the subject is the headline. Never e-mailed.",
    )
    body = serializers.CharField(source="shown_body", read_only=True)
    link = serializers.SerializerMethodField(
        help_text="The page of the record it is about; empty when the reader may no longer "
        "open it (removed from the group, match closed): see link_note."
    )
    asks_to_act = serializers.SerializerMethodField(
        help_text="Whether it still asks its reader to act: false once what it asked was done "
        "(done_at), by its reader or anyone else, and for a notification that only informs."
    )
    link_note = serializers.SerializerMethodField(
        help_text="Why there is no link, in the reader's language; empty when there is one."
    )

    def _open(self, obj: Notification) -> bool:
        if not hasattr(obj, "link_open"):
            mark_openable(self.context["request"].user, [obj])
        return bool(getattr(obj, "link_open", False))

    def get_link(self, obj: Notification) -> str:
        return obj.link if self._open(obj) else ""

    def get_asks_to_act(self, obj: Notification) -> bool:
        return obj.asks_to_act

    def get_link_note(self, obj: Notification) -> str:
        return "" if self._open(obj) or not obj.link else str(NO_LONGER_OPEN)

    class Meta:
        model = Notification
        fields = [
            "id",
            "organisation",
            "kind",
            "subject",
            "title",
            "body",
            "link",
            "link_note",
            "about",
            "asks_to_act",
            "read_at",
            "done_at",
            "created_at",
        ]
        read_only_fields = fields


class NotificationGroupSerializer(serializers.Serializer):
    """Unread notifications of one kind, gathered as the inbox page shows them."""

    kind = serializers.CharField(help_text="What happened (a stable code).")
    title = serializers.CharField(
        source="label", help_text="The line that gathers them, in the reader's language."
    )
    count = serializers.IntegerField(help_text="How many unread notifications of this kind.")
    items = NotificationSerializer(many=True, help_text="The newest of them.")


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

    def paginate_queryset(self, queryset: Any) -> Any:
        # Whether each link may be followed, for the whole page at once (core.link_access).
        page = super().paginate_queryset(queryset)
        return None if page is None else mark_openable(self.request.user, page)

    @action(detail=True, methods=["post"])
    def read(self, request: Any, pk: Any = None) -> Response:
        notification = self.get_object()
        notification.mark_read()
        return Response(self.get_serializer(notification).data)

    @extend_schema(responses=NotificationGroupSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None)
    def groups(self, request: Any) -> Response:
        """Kinds with many unread notifications, each gathered in one line (the page's groups)."""
        groups, _rest = grouped_inbox(request.user)
        mark_openable(request.user, [n for group in groups for n in group.items])
        return Response(NotificationGroupSerializer(groups, many=True).data)
