"""Forms of the platform admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms_rendering import StyledFormMixin
from .models import Programme


class ProgrammeForm(StyledFormMixin, forms.ModelForm):
    districts = forms.CharField(
        label=_("Districts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One district (stadsdel) per line."),
    )

    class Meta:
        model = Programme
        fields = ["name", "slug", "city", "organisations"]

    def district_names(self) -> list[str]:
        lines = self.cleaned_data.get("districts", "").splitlines()
        return [line.strip() for line in lines if line.strip()]
