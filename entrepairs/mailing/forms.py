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


class MailingListForm(forms.Form):
    name = forms.CharField(label=_l("Name of the list"), max_length=200)
    description = forms.CharField(label=_l("Description"), required=False, widget=forms.Textarea)
    open_to_member_posts = forms.BooleanField(
        label=_l("Members may post to the list"), required=False
    )


class ListMessageForm(forms.Form):
    subject = forms.CharField(label=_l("Subject"), max_length=200)
    body = forms.CharField(label=_l("Message"), widget=forms.Textarea)


class ListAddressForm(forms.Form):
    """Another address, without an account: it will confirm by the link it receives."""

    email = forms.EmailField(label=_l("E-mail address"), max_length=254)
