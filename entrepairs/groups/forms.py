"""Forms of the groups pages. They validate input only; rules live in services and models.

Choice fields show what the viewer would sensibly pick but accept any id: the service refuses
what the rule forbids, with the message the API gives too (see `limit_display`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepairs.core.forms import limit, limit_display  # noqa: F401 - limit: used by the views
from entrepairs.organisations.models import Organisation, Site
from entrepairs.people.models import Person
from entrepairs.people.picker import PeoplePicker, PersonPicker, use_picker

from .models import Kind, Technique
from .models.groups import MONTH_CHOICES, SITUATION_TEXT_MAX, SITUATION_TITLE_MAX
from .recurrence import HALF_DAY_MINUTES, Recurrence

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
]
NTH = [(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth")), (-1, _("last"))]


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Other organisations it gathers"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Leave empty for a peer-support group you lead yourself."),
        widget=PeoplePicker(),
    )
    description = forms.CharField(
        label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    hard_questions = forms.BooleanField(
        label=_(
            "For questions hard to raise at work (no line manager, no direct colleagues together)"
        ),
        required=False,
    )

    def __init__(
        self, *args: Any, organisations: Any, user: Any, reach: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        limit_display(
            self, "organisations", shown=organisations, accepted=Organisation.objects.all()
        )
        # `reach`: the people the writer may name (selectors.people_in_reach); anyone else is
        # an invalid choice, like a missing id, as in the API (security review F9). The picker
        # suggests the facilitators of the viewer's organisations (selectors.facilitators_to_pick).
        use_picker(self, ["facilitators"], "groups.facilitators", user, accepted=reach)


class MemberAddForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), widget=PersonPicker()
    )

    def __init__(self, *args: Any, user: Any, group: Any, reach: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Suggests selectors.member_candidates; accepts anyone in reach (the service decides).
        use_picker(self, ["person"], "groups.members", user, accepted=reach, group=group.pk)


class CharterForm(forms.Form):
    own_rules = forms.CharField(
        label=_("The group's own rules"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )


class PlaceMixin(forms.Form):
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none(), required=False)
    room = forms.CharField(label=_("Room (quiet and isolated)"), max_length=120, required=False)
    offsite_address = forms.CharField(
        label=_("Or an off-site address"), max_length=300, required=False
    )

    def set_sites(self, sites: Any) -> None:
        self.fields["site"].queryset = sites


class PlanForm(PlaceMixin):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(
        label=_("Until (one year by default)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    frequency = forms.ChoiceField(
        label=_("Rhythm"),
        choices=[("monthly", _("Once a month")), ("weekly", _("Every few weeks"))],
    )
    nth = forms.TypedChoiceField(
        label=_("Which one in the month"), choices=NTH, coerce=int, initial=3
    )
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WEEKDAYS, coerce=int, initial=1)
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks"), min_value=1, max_value=8, initial=2
    )
    start_time = forms.TimeField(
        label=_("Start time"), initial="14:00", widget=forms.TimeInput(attrs={"type": "time"})
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=30, max_value=480, initial=HALF_DAY_MINUTES
    )

    def recurrence(self) -> Recurrence:
        data = self.cleaned_data
        return Recurrence(
            start=data["start"],
            until=data.get("until"),
            frequency=data["frequency"],
            nth=data["nth"],
            weekday=data["weekday"],
            interval_weeks=data.get("interval_weeks") or 1,
            start_time=data["start_time"],
            duration_minutes=data["duration_minutes"],
        )

    def clean_start(self) -> date:
        start = self.cleaned_data["start"]
        if start < timezone.localdate():
            raise forms.ValidationError(_("A session cannot be planned in the past."))
        return start


class SessionMoveForm(PlaceMixin):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=30, max_value=480
    )

    confirm_holiday = forms.BooleanField(
        label=_("I confirm this day although it is a public holiday or a closure day"),
        required=False,
    )
    holiday_reason = forms.CharField(
        label=_("Reason for that day"),
        max_length=300,
        required=False,
        help_text=_("Only for a public holiday or a closure day; shown on the session."),
    )

    def slot(self) -> tuple[datetime, datetime]:
        start = timezone.make_aware(
            datetime.combine(self.cleaned_data["day"], self.cleaned_data["start_time"])
        )
        return start, start + timedelta(minutes=self.cleaned_data["duration_minutes"])


class SessionAddForm(SessionMoveForm):
    """One session outside the series: the same fields as a move."""


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,  # required (and its length checked) by the service, as for the API
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to members and facilitators. Never a situation or a name."),
    )


class ProgrammeYearForm(forms.Form):
    start_month = forms.TypedChoiceField(
        label=_("The group's programme year starts in"),
        choices=[("", _("the organisation's month")), *MONTH_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )


class SituationForm(forms.Form):
    # The bounds of services.check_situation_lengths, shown by the browser (maxlength).
    title = forms.CharField(label=_("Title"), max_length=SITUATION_TITLE_MAX)
    episode = forms.CharField(
        label=_("The episode"),
        max_length=SITUATION_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Do not name the people you serve: use pseudonyms."),
    )
    question = forms.CharField(
        label=_("The question it raises for you"),
        max_length=SITUATION_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    acknowledged = forms.BooleanField(
        label=_("I checked: nobody can be identified from this text"), required=False
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Session notes"), widget=forms.Textarea(attrs={"rows": 5}))
    shared = forms.BooleanField(label=_("Share these notes with the members"), required=False)


class RecordForm(forms.Form):
    techniques = forms.ModelMultipleChoiceField(
        label=_("Techniques used"),
        queryset=Technique.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    theory_input = forms.CharField(
        label=_("Theoretical input (model, reference)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, techniques: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["techniques"].queryset = techniques


class GroupFilterForm(forms.Form):
    q = forms.CharField(label=_("Search groups by name"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All"))] + list(Kind.choices), required=False
    )


class CoOwnershipForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation asked to co-own the group"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, shown: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_display(self, "organisation", shown=shown, accepted=Organisation.objects.all())


class GroupEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    hard_questions = forms.BooleanField(
        label=_(
            "For questions hard to raise at work (no line manager, no direct colleagues together)"
        ),
        required=False,
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"), queryset=Person.objects.none(), widget=PeoplePicker()
    )

    def __init__(self, *args: Any, user: Any, group: Any, reach: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_picker(
            self, ["facilitators"], "groups.facilitators", user, accepted=reach, group=group.pk
        )


class SignForm(forms.Form):
    """An attendance signature (signatures.py). `member` is shown on the facilitator's device only;
    the member's own device signs for them. `drawing` is filled by static/js/signature-pad.js."""

    MODES = [("draw", _("I draw my signature")), ("type", _("I type my name"))]

    member = forms.ChoiceField(label=_("Member who signs"), required=False)
    half_day = forms.ChoiceField(label=_("Half-day"))
    mode = forms.ChoiceField(
        label=_("How do you sign?"), choices=MODES, widget=forms.RadioSelect, initial="type"
    )
    typed_name = forms.CharField(label=_("Your name, typed"), max_length=120, required=False)
    drawing = forms.CharField(widget=forms.HiddenInput, required=False, max_length=90_000)

    def __init__(self, *args: Any, members: Any, slots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["half_day"].choices = [(s.key, s.label) for s in slots]
        if members is None:
            del self.fields["member"]
        else:
            self.fields["member"].required = True
            self.fields["member"].choices = [
                ("", "—"),
                *((str(m.pk), str(m.person)) for m in members),
            ]
