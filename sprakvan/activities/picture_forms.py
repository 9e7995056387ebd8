"""The form of one picture in an activity's picture sequence (bildstöd)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _

from sprakvan.core.forms_rendering import StyledFormMixin

from .models import PictureStep, StepPicture, step_picture


class PictureStepForm(StyledFormMixin, forms.Form):
    """The picture (radio cards with the pictograms) and a short note."""

    picture = forms.ChoiceField(
        label=_("Picture"), choices=StepPicture.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=80,
        required=False,
        help_text=PictureStep._meta.get_field("note").help_text,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs["autocomplete"] = "off"

    @staticmethod
    def initial_for(step: PictureStep) -> dict[str, str]:
        return {"picture": step.picture, "note": step.note}

    def picture_cards(self) -> list[tuple[BoundWidget, str]]:
        """Each choice's radio button with its pictogram's address, for the cards."""
        return [(radio, step_picture(radio.data["value"])) for radio in self["picture"]]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])
