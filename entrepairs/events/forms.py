"""Shapes of the events' forms: they parse; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Event
from .services import EDITABLE


class EventForm(forms.ModelForm):
    host = forms.ChoiceField(label=_("Hosted by"))
    # On creation only: an event already held is recorded afterwards (the service refuses a past
    # date otherwise); an existing event keeps its dates once it has taken place.
    already_held = forms.BooleanField(
        # The participle agrees with the thing held: « enregistrée » for a session, « enregistré »
        # for an event (issue 15: « A déjà eu lieu (enregistré après coup) » for a session).
        label=pgettext_lazy("event", "Already held (recorded afterwards)"),
        required=False,
        help_text=_("Tick to record a past event, e.g. to record who attended."),
    )

    class Meta:
        model = Event
        fields = list(EDITABLE)  # what the service lets a host change, once
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, hosts: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:  # a UUID pk is set before the row exists
            del self.fields["already_held"]
        if hosts is None:
            del self.fields["host"]
        else:
            self.fields["host"].choices = hosts
        for name in ("starts_at", "ends_at"):
            field = self.fields[name]
            assert isinstance(field, forms.DateTimeField)
            field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]

    def _post_clean(self) -> None:
        # The model's own checks run in the service, which puts every message next to its field.
        pass


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.Select,
        help_text=_("1: not useful, 5: very useful."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
