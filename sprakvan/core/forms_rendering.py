"""Bootstrap markup for every Django form (a field template, widget classes), typed field access."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import fields as model_fields
from django.forms.renderers import TemplatesSetting
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# Django's own empty choice ("- Select an option -", new in 6.1) has no Swedish or Arabic
# translation yet, and the old "---------" says nothing: every select gets ours instead.
EMPTY_LABEL = format_lazy("– {} –", _("Choose"))


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"


def _is_default_empty_label(label: object) -> bool:
    # Compared as text in the active language, so a lazy label equals its own translation.
    return label is not None and str(label) in {
        str(model_fields.BLANK_CHOICE_LABEL),
        model_fields.BLANK_CHOICE_DASH[0][1],
    }


def set_empty_label(field: forms.Field) -> None:
    """Replace Django's default empty choice of a select by EMPTY_LABEL; others stay as set."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return
    if isinstance(field, forms.ModelChoiceField):
        if _is_default_empty_label(field.empty_label):
            field.empty_label = EMPTY_LABEL
        return
    if isinstance(field, forms.ChoiceField):
        choices = list(cast(Iterable[tuple[Any, Any]], field.choices))
        if choices and choices[0][0] in ("", None) and _is_default_empty_label(choices[0][1]):
            field.choices = [(choices[0][0], EMPTY_LABEL), *choices[1:]]


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return ""
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


if TYPE_CHECKING:
    # The base of mixins for forms only: mypy sees the form's methods, Python no second base.
    FormBase = forms.BaseForm
else:
    FormBase = object


class StyledFormMixin(FormBase):
    """Bootstrap's classes on each widget (templates render `{{ form }}`), our empty choice."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # No ":" after labels: it reads oddly after a question, and Arabic's "؟" gets "؟:".
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        """Call again after adding fields in a subclass's __init__."""
        for field in self.fields.values():
            css = _css_class(field.widget)
            if css and "class" not in field.widget.attrs:
                field.widget.attrs["class"] = css
            set_empty_label(field)

    def __getitem__(self, name: str) -> forms.BoundField:
        # Also here, for fields a subclass adds or changes after style_fields() ran.
        set_empty_label(self.fields[name])
        return super().__getitem__(name)

    def mark_errors(self) -> None:
        """Outline the fields with errors in red (Bootstrap's is-invalid); call after validation."""
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                classes = widget.attrs.get("class", "").split()
                if "is-invalid" not in classes:
                    widget.attrs["class"] = " ".join([*classes, "is-invalid"])


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field `name`, typed so its choices can be set; a TypeError if it has none."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a choice field")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's field `name`, typed so its queryset can be set; a TypeError if it has none."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a model choice field")
    return field
