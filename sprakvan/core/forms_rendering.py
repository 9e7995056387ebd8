"""Bootstrap markup for every Django form: a field template and widget classes."""

from typing import Any

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


class StyledFormMixin:
    """Adds Bootstrap's classes to each widget, so templates can render `{{ form }}`."""

    fields: dict[str, forms.Field]

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
