"""Login, inviting staff and accepting an invitation."""

from typing import Any, cast

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from sprakvan.core.forms_rendering import StyledFormMixin
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation

from .models import Invitation, Role


class LoginForm(StyledFormMixin, AllauthLoginForm):
    @property
    def mfa_required(self) -> bool:
        """The login page tells demo users that the second factor is offered, not required."""
        return bool(settings.MFA_REQUIRED)


class InvitationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "first_name", "role", "organisation"]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org_field = cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"])
        org_field.queryset = Organisation.objects.filter(programme=programme)
        org_field.help_text = _("Required for a referrer: the organisation they refer from.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.REFERRER and not data.get("organisation"):
            self.add_error("organisation", _("A referrer must belong to an organisation."))
        return data


class CoordinatorInvitationForm(StyledFormMixin, forms.ModelForm):
    """The platform admin invites a programme's (first) coordinator."""

    class Meta:
        model = Invitation
        fields = ["email", "first_name"]


class AcceptInvitationForm(StyledFormMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password
