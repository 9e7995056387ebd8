"""Bootstrap markup for every Django form (a field template, widget classes), typed field access."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"


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
    """Adds Bootstrap's classes to each widget, so templates can render `{{ form }}`."""

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
