"""Forms of the activity pages; they validate and hand cleaned data to the services."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from sprakvan.accounts.models import Role, User
from sprakvan.core.concurrency import VersionedFormMixin
from sprakvan.core.forms_rendering import StyledFormMixin, choice_field, model_choice_field
from sprakvan.core.models import District, Programme
from sprakvan.organisations.models import Organisation
from sprakvan.participants.choices import WEEKDAYS, Gender, Group

from . import schedule as rules
from .models import WALK_IN_FIELDS, WALK_IN_GROUPS, Activity, ActivityType, Session, Venue

MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class VenueForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "district", "provider", "is_outdoor", "accessibility"]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        model_choice_field(self, "district").queryset = District.objects.filter(programme=programme)
        model_choice_field(self, "provider").queryset = Organisation.objects.filter(
            programme=programme
        )


class ActivityForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    season_start_month = forms.TypedChoiceField(
        label=_("Season starts"),
        choices=[("", _("All year")), *MONTHS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    season_end_month = forms.TypedChoiceField(
        label=_("Season ends"),
        choices=[("", _("All year")), *MONTHS],
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Activity
        fields = [
            "type",
            "title",
            "venue",
            "district",
            "host_organisation",
            "leaders",
            "language_level",
            "sport",
            "picture_support",
            "capacity",
            "description",
            "season_start_month",
            "season_end_month",
            "hall_booking_reference",
            "hall_booking_status",
            "is_active",
        ]
        widgets = {
            "leaders": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        model_choice_field(self, "venue").queryset = Venue.objects.filter(programme=programme)
        model_choice_field(self, "district").queryset = District.objects.filter(programme=programme)
        model_choice_field(self, "host_organisation").queryset = Organisation.objects.filter(
            programme=programme
        )
        model_choice_field(self, "leaders").queryset = User.objects.filter(
            memberships__programme=programme, memberships__role=Role.ACTIVITY_LEADER
        ).order_by("first_name")

    def clean_picture_support(self) -> bool:
        """An activity with a picture sequence has picture support: the calendar shows it."""
        value = bool(self.cleaned_data.get("picture_support"))
        if not value and self.instance.pk and self.instance.picture_steps.exists():
            raise forms.ValidationError(
                _("This activity has a picture sequence. Remove its pictures first.")
            )
        return value


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m", **kwargs)


class MonthField(forms.DateField):
    """A month as "2020-01" (the browser's month picker, or typed), kept as its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m"]
    default_error_messages = {"invalid": _("Enter a month as year and month, for example 2020-01.")}

    def to_python(self, value: Any) -> datetime.date | None:
        day = super().to_python(value.strip() if isinstance(value, str) else value)
        return day.replace(day=1) if day else None


class PreparationForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    """An activity in preparation: what, where it may be held, from when, with whom."""

    start_month = MonthField(
        label=_("Start month"),
        required=False,
        help_text=_("The month it is meant to start, for example 2020-01. Empty: not decided."),
    )

    class Meta:
        model = Activity
        fields = [
            "type",
            "title",
            "district",
            "possible_venues",
            "host_organisation",
            "start_month",
            "language_level",
            "description",
        ]
        labels = {
            "possible_venues": _("Possible places"),
            "host_organisation": _("Other partner organisation"),
        }
        help_texts = {
            "possible_venues": _(
                "The places being discussed. The organisation that provides each place is "
                "its partner. A missing place is added under Venues."
            ),
            "host_organisation": _("Only if a partner does not provide one of the places."),
        }
        widgets = {
            "possible_venues": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        district = model_choice_field(self, "district")
        district.queryset = District.objects.filter(programme=programme)
        district.required = True
        district.help_text = _("The district where it is meant to run.")
        model_choice_field(self, "possible_venues").queryset = Venue.objects.filter(
            programme=programme
        ).select_related("provider")
        model_choice_field(self, "host_organisation").queryset = Organisation.objects.filter(
            programme=programme
        )


class ScheduleForm(StyledFormMixin, forms.Form):
    """A weekly schedule; the RRULE is built from the weekdays (or typed by an expert).
    For an activity in preparation it also asks where it will be held."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=[(i, label) for i, label in enumerate(WEEKDAYS)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    every_weeks = forms.IntegerField(label=_("Every … weeks"), min_value=1, max_value=8, initial=1)
    rule = forms.CharField(
        label=_("Or a recurrence rule (RFC 5545)"),
        required=False,
        max_length=200,
        help_text=_("For example FREQ=MONTHLY;BYDAY=1SA. Leave empty to use the weekdays."),
    )
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until"), widget=DateInput(), required=False)
    skip_holidays = forms.BooleanField(
        label=_("No sessions on public holidays"), required=False, initial=True
    )

    def __init__(self, *args: Any, preparing: Activity | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if preparing is None:
            return
        possible = list(preparing.possible_venues.all())
        self.fields["venue"] = forms.ModelChoiceField(
            label=_("Place"),
            queryset=Venue.objects.filter(programme_id=preparing.programme_id),
            required=False,
            initial=preparing.venue_id or (possible[0].pk if len(possible) == 1 else None),
            help_text=_("Where it will be held. Empty: decide later, on each session."),
        )
        self.order_fields(["venue"])  # the open question of a preparation comes first
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rule = data.get("rule", "").strip()
        if rule:
            try:
                rules.parse_rule(rule)
            except rules.RuleError as exc:
                self.add_error("rule", str(exc))
        elif data.get("weekdays"):
            data["rule"] = rules.weekly_rule(
                data["weekdays"], interval=data.get("every_weeks") or 1
            )
        else:
            self.add_error("weekdays", _("Choose at least one weekday."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("The last day comes before the first."))
        return data


class SessionForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    """A one-off session, or a new date and time for one session of a schedule."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.none(),
        required=False,
        help_text=_("Empty: the activity's venue."),
    )
    note = forms.CharField(label=_("Note for the calendar"), max_length=200, required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "venue").queryset = Venue.objects.filter(programme=programme)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return data

    @classmethod
    def initial_for(cls, session: Session) -> dict[str, Any]:
        return {
            "date": session.date,
            "start_time": session.start_time,
            "end_time": session.end_time,
            "venue": session.venue,
            "note": session.note,
        }


class CancelForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Reason (shown in the calendar)"), max_length=200, required=False
    )


class WalkInForm(StyledFormMixin, forms.Form):
    """Walk-ins by group and gender: eight small number boxes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for _group, gender, name in WALK_IN_FIELDS:
            self.fields[name] = forms.IntegerField(
                label=Gender(gender).label,
                min_value=0,
                max_value=500,
                initial=0,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(group label, its four fields) for a compact table."""
        return [
            (str(group.label), [self[n] for g, _s, n in WALK_IN_FIELDS if g == group])
            for group, _plural in WALK_IN_GROUPS
        ]


class NewPersonForm(StyledFormMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    phone = PhoneNumberField(label=_("Phone"), region="SE", required=False)
    group = forms.ChoiceField(label=_("Group"), choices=Group.choices, widget=forms.RadioSelect)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, initial=Gender.UNDISCLOSED
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone": data["phone"] or "",
            "gender": data["gender"],
            "notes": str(_("Added at the door of an activity; please complete.")),
        }


class SearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Find someone by name or phone"), max_length=100, required=False)


class CheckinForm(StyledFormMixin, forms.Form):
    who = forms.CharField(
        label=_("Your phone number, or your first and last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class CalendarFilterForm(StyledFormMixin, forms.Form):
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("All districts"),
    )
    type = forms.ChoiceField(label=_("Kind of activity"), required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "district").queryset = District.objects.filter(programme=programme)
        choice_field(self, "type").choices = [("", _("All kinds")), *ActivityType.choices]


def default_schedule_initial(today: datetime.date) -> dict[str, Any]:
    return {"starts_on": today, "skip_holidays": True, "every_weeks": 1}
