from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from entrepairs.core.api.fields import BaseModelSerializer, VisibleRelatedField
from entrepairs.networks.models import Network
from entrepairs.networks.selectors import networks_for
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.selectors import organisations_visible_to

from ..models import Announcement, ListMessage, MailingList, Subscription


class AnnouncementSerializer(BaseModelSerializer):
    # A publisher the writer may not see is unknown, like a missing id (security review F9); one
    # they see but may not write for is the service's refusal.
    provider = VisibleRelatedField(Organisation, visible=organisations_visible_to)

    class Meta:
        model = Announcement
        fields = ["id", "provider", "title", "body", "event_date", "place", "published_at"]
        read_only_fields = ["id", "published_at"]


class SubscriptionSerializer(BaseModelSerializer):
    """Anyone may subscribe to any organisation's announcements: the provider is one of the
    directory, as on the page."""

    # The model's provider is optional since a subscription may be to a network's list; a
    # newsletter subscription names its organisation (null in the answer: a list's subscription).
    provider = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True
    )

    class Meta:
        model = Subscription
        fields = ["id", "provider", "email", "unsubscribed_at"]
        read_only_fields = ["id", "email", "unsubscribed_at"]

    def validate_provider(self, value: Organisation | None) -> Organisation:
        if value is None:
            raise serializers.ValidationError(
                _("Choose the organisation whose newsletter to receive.")
            )
        return value


class NewsletterSignUpSerializer(serializers.Serializer):
    provider = serializers.UUIDField(help_text="The organisation whose newsletter to receive.")
    email = serializers.EmailField(max_length=254)


class NewsletterConfirmSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=500, help_text="From the confirmation e-mail's link.")


class NewsletterAnswerSerializer(serializers.Serializer):
    detail = serializers.CharField()


class SubscriberSerializer(BaseModelSerializer):
    """One sign-up to a newsletter the caller owns: the address, its state and its dates."""

    provider_name = serializers.CharField(source="provider.name", read_only=True)
    state = serializers.ChoiceField(
        choices=["waiting", "active", "left"],
        read_only=True,
        help_text="waiting: the address has not confirmed yet; active; left: unsubscribed.",
    )

    class Meta:
        model = Subscription
        fields = [
            "id",
            "provider",
            "provider_name",
            "email",
            "state",
            "created_at",
            "confirmed_at",
            "unsubscribed_at",
        ]
        read_only_fields = fields


class MailingListSerializer(BaseModelSerializer):
    """A network's mailing list; `subscribed`: whether the caller's account address receives it."""

    network = VisibleRelatedField(Network, visible=networks_for)
    subscribers_count = serializers.IntegerField(read_only=True)
    subscribed = serializers.SerializerMethodField()

    class Meta:
        model = MailingList
        fields = [
            "id",
            "network",
            "name",
            "description",
            "open_to_member_posts",
            "subscribers_count",
            "subscribed",
        ]
        read_only_fields = ["id", "subscribers_count", "subscribed"]

    def get_subscribed(self, obj: MailingList) -> bool:
        return obj.pk in self.context.get("subscribed", {})


class ListSubscribeSerializer(serializers.Serializer):
    email = serializers.EmailField(
        max_length=254,
        required=False,
        help_text=(
            "Another address than the account's: it receives a link to confirm (double opt-in). "
            "Leave out to subscribe the account's address at once."
        ),
    )


class ListMessageSerializer(BaseModelSerializer):
    """A message of a list's archive with its sending progress (`sent` of `total`; `done` once
    every batch ran)."""

    author_name = serializers.CharField(source="author", read_only=True, default=None)
    done = serializers.BooleanField(read_only=True)

    class Meta:
        model = ListMessage
        fields = [
            "id",
            "mailing_list",
            "subject",
            "body",
            "author_name",
            "created_at",
            "total",
            "sent",
            "skipped",
            "done",
        ]
        read_only_fields = [f for f in fields if f not in ("subject", "body")]
