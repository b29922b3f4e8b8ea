from __future__ import annotations

from rest_framework import serializers

from ..models import Announcement, Subscription


class AnnouncementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Announcement
        fields = ["id", "provider", "title", "body", "event_date", "place", "published_at"]
        read_only_fields = ["id", "published_at"]


class SubscriptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subscription
        fields = ["id", "provider", "email", "unsubscribed_at"]
        read_only_fields = ["id", "email", "unsubscribed_at"]
