from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _l

from .models import Announcement


class AnnouncementForm(forms.ModelForm):
    publish = forms.BooleanField(label=_l("Publish and e-mail the subscribers now"), required=False)

    class Meta:
        model = Announcement
        fields = ["provider", "title", "body", "event_date", "place"]
        widgets = {"event_date": forms.DateInput(attrs={"type": "date"})}


class NewsletterForm(forms.Form):
    """The public sign-up: an address, nothing else (no account needed)."""

    email = forms.EmailField(label=_l("Your e-mail address"), max_length=254)
