from django import forms
from django.utils.translation import gettext_lazy as _

HOW = [
    ("phone", _("By phone")),
    ("paper", _("On paper")),
    ("in_person", _("In person")),
    ("email", _("By e-mail")),
]


class ErasureForm(forms.Form):
    """Who asked for the erasure and how: kept in the audit log, never the person's name."""

    how = forms.ChoiceField(label=_("How the person asked"), choices=HOW, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Short note (who asked, no personal details)"),
        max_length=200,
        required=False,
    )
