"""The coordinator's form for a new API token."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sprakvan.core.forms_rendering import StyledFormMixin

from .models import ROLE_SCOPES, Scope, TokenRole


class TokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Which system uses the token, for example the municipality's statistics."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=TokenRole.choices, widget=forms.RadioSelect)
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A partner's system may read statistics and activities; a door tablet may only "
            "record attendance."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, scopes = data.get("role"), data.get("scopes")
        if role and scopes:
            refused = [s for s in scopes if s not in ROLE_SCOPES[role]]
            if refused:
                labels = ", ".join(str(Scope(s).label) for s in refused)
                self.add_error(
                    "scopes",
                    _("This role may not be given: %(scopes)s.") % {"scopes": labels},
                )
        return data
