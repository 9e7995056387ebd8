"""Forms of the reports pages: the period, the document's free text, goals."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sprakvan.core.forms_rendering import StyledFormMixin, model_choice_field
from sprakvan.core.models import Programme

from .models import DocumentText, Goal
from .statistics import COMPARE_PREVIOUS, COMPARE_YEAR_EARLIER, Period

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(StyledFormMixin, forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("To"), widget=DATE_WIDGET)
    compare = forms.ChoiceField(
        label=_("Compare with"),
        choices=[
            (COMPARE_YEAR_EARLIER, _("the same months a year earlier")),
            (COMPARE_PREVIOUS, _("the period just before")),
        ],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The period must end on or after its start."))
            if (end - start).days > 3660:
                raise forms.ValidationError(_("Choose a period of at most ten years."))
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])


def period_from(params: Any, *, default: Period) -> tuple[PeriodForm, Period]:
    """The period in the query string (?start=…&end=…) or the default."""
    if "start" in params or "end" in params:
        form = PeriodForm(params)
        if form.is_valid():
            return form, form.period
        return form, default
    form = PeriodForm(
        initial={"start": default.start, "end": default.end, "compare": compare_from(params)}
    )
    return form, default


def compare_from(params: Any) -> str:
    """The comparison rule in the query string: ?compare=previous for the period just
    before; anything else (or nothing) gives the same months a year earlier."""
    return COMPARE_PREVIOUS if params.get("compare") == COMPARE_PREVIOUS else COMPARE_YEAR_EARLIER


# The document's sections in the source's order; each has the coordinator's text and, but for
# the background and the summary, parts made from the data (templates/reports/document/).
SECTIONS = ("background", "activities", "results", "future", "finances", "summary")


class DocumentTextForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = DocumentText
        fields = [
            "meeting_date",
            "participants",
            *SECTIONS,
            "signatures",
        ]
        # The document is Swedish: its texts follow their own direction in an Arabic page.
        widgets = {
            "meeting_date": DATE_WIDGET,
            "participants": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "signatures": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        } | {name: forms.Textarea(attrs={"rows": 8, "dir": "auto"}) for name in SECTIONS}


class GoalForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["year", "title", "kind", "measure", "district", "minimum_per_month", "order"]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        model_choice_field(self, "district").queryset = programme.districts.all()
        if not self.initial.get("year"):
            self.initial["year"] = timezone.localdate().year
