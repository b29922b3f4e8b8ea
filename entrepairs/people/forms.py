import uuid
from typing import Any

from django import forms
from django.core.exceptions import EmptyResultSet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from entrepairs.core import listcache
from entrepairs.core.widgets import FastSelect, options_html
from entrepairs.organisations.models import Organisation, Role, Team

from .languages import language_labels
from .models import EDITABLE_FIELDS, HALF_DAYS, Person
from .models.person import half_day_label
from .picker import PersonPicker, use_picker
from .selectors import line_manager_candidates


class LanguagesField(forms.CharField):
    """Languages typed by their names or codes ("français, arabe" or "fr, ar"), shown by their
    names in the reader's language; the model stores codes (people.languages)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Languages"))
        kwargs.setdefault("help_text", _("Separated by commas, e.g. French, Arabic"))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(language_labels(value)) if isinstance(value, list) else value

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value) or ""
        return [part.strip().lower() for part in text.replace(";", ",").split(",") if part.strip()]


class HalfDaysField(forms.MultipleChoiceField):
    """The fourteen half-days as tick boxes named in the reader's language; the codes
    ("mon-am") stay in the data and the API. Shared by every form that asks for availability
    (a person, a coach's offer) so nobody types a half-day."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Availability (half-days)"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(choices=lambda: [(h, half_day_label(h)) for h in HALF_DAYS], **kwargs)


class PersonForm(forms.ModelForm):
    languages = LanguagesField(required=False)
    availability = HalfDaysField()
    roles = forms.MultipleChoiceField(
        label=_("Roles in the organisation"),
        required=False,
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Person
        fields = ["organisation", *EDITABLE_FIELDS]
        widgets = {"line_manager": PersonPicker()}

    def __init__(self, *args: Any, organisations: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        org_ids = list(organisations.values_list("pk", flat=True))
        if len(org_ids) == 1 and not self.instance.pk:
            self.fields["organisation"].initial = org_ids[0]
        self.fields["team"].queryset = Team.objects.filter(organisation_id__in=org_ids)
        adding = self.instance._state.adding
        context = {} if adding else {"person": self.instance.pk}
        accepted = line_manager_candidates(organisations, None if adding else self.instance)
        use_picker(
            self, ["line_manager"], "people.line_managers", user, accepted=accepted, **context
        )
        if self.instance.pk:
            self.fields["roles"].initial = list(
                self.instance.memberships.filter(
                    organisation_id=self.instance.organisation_id
                ).values_list("role", flat=True)
            )


def _filter_choices(organisations: Any) -> dict[str, Any]:
    """Choices of the filter bar, their options pre-rendered (cached: see PersonFilterForm)."""
    from .models import Profession

    orgs = [("", _("All")), *((str(o.pk), o.name) for o in organisations.only("id", "name"))]
    teams = [
        ("", _("All")),
        *(
            (str(pk), name)
            for pk, name in Team.objects.filter(organisation__in=organisations)
            .order_by("name")
            .values_list("pk", "name")
        ),
    ]
    professions = [("", _("All")), *Profession.choices]
    return {
        "teams": teams,
        "team_ids": frozenset(pk for pk, _name in teams[1:]),
        "professions": [(v, str(label)) for v, label in professions],
        "html": {
            "organisation": options_html(orgs),
            "team": options_html(teams),
            "profession": options_html(professions),
        },
    }


def _query_key(queryset: Any) -> str:
    """The SQL of a queryset as a cache key; an empty filter (a viewer of no organisation) has none."""
    try:
        return str(queryset.query)
    except EmptyResultSet:
        return "nothing"


class IdChoiceField(forms.TypedChoiceField):
    """A choice among many ids, validated against a set instead of a walk through the choices."""

    allowed: frozenset[str] = frozenset()

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.allowed


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=FastSelect,
    )
    # Plain ids, not model instances: a large organisation has hundreds of core teams.
    team = IdChoiceField(
        label=_("Team"), required=False, coerce=uuid.UUID, empty_value=None, widget=FastSelect
    )
    profession = forms.ChoiceField(label=_("Profession"), required=False, widget=FastSelect)

    def __init__(
        self, *args: Any, organisations: Any, depends_on: set[Any] | None = None, **kwargs: Any
    ) -> None:
        """`depends_on`: organisations that hold all of `organisations` (None: not known, any
        write refreshes the choices; see core.listcache)."""
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        # A large organisation has hundreds of core teams: the choices are built and rendered
        # once per change of the data and language, and stay lazy (only validation reads them).
        choices = listcache.get_or_compute(
            ("people filters", _query_key(organisations), get_language()),
            lambda: _filter_choices(organisations),
            orgs=depends_on,
        )
        self.fields["team"].choices = lambda: choices["teams"]
        self.fields["team"].allowed = choices["team_ids"]
        self.fields["profession"].choices = lambda: choices["professions"]
        for name, html in choices["html"].items():
            self.fields[name].widget.prerendered = html

    def search_filters(self) -> dict[str, Any]:
        """The cleaned filters as `PersonQuerySet.search` takes them."""
        return {k: self.cleaned_data[k] for k in ("q", "organisation", "team", "profession")}
