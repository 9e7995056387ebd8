"""Our select template writes its options itself (templates/django/forms/widgets/select.html):
it must render every select exactly as Django's own template does."""

import re

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer

CHOICES = [
    ("", "– Choose –"),
    ("sv", "Svenska"),
    ("ar", 'عربي "quoted" & <b>'),
    ("Groups", [("a", "A"), ("b", "B")]),
    (3, "Three"),
]


def _normalised(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


SELECT = forms.Select(choices=CHOICES, attrs={"class": "form-select", "data-x": "1"})
MULTIPLE = forms.SelectMultiple(choices=CHOICES, attrs={"required": True, "disabled": False})
CASES = [
    *((SELECT, value) for value in ("", "ar", "a", 3, None, "unknown")),
    *((MULTIPLE, value) for value in ([], ["a", "3"], ["sv"], None)),
    *((forms.NullBooleanSelect(), value) for value in (None, True, False)),
]


@pytest.mark.parametrize(("widget", "value"), CASES)
def test_a_select_renders_as_djangos_own(widget: forms.Select, value: object) -> None:
    ours = widget.render("pick", value, attrs={"id": "id_pick"}, renderer=get_default_renderer())
    djangos = widget.render("pick", value, attrs={"id": "id_pick"}, renderer=DjangoTemplates())

    assert "<option" in ours
    assert _normalised(ours) == _normalised(djangos)


def test_the_override_is_the_one_in_use() -> None:
    """Else the test above would compare Django's template with itself."""
    html = forms.Select(choices=[("1", "One")]).render("n", "1", renderer=get_default_renderer())
    template = get_default_renderer().get_template("django/forms/widgets/select.html")

    ours = settings.BASE_DIR / "templates" / "django" / "forms" / "widgets" / "select.html"
    assert template.origin.name == str(ours)
    assert '<option value="1" selected>One</option>' in html


def test_a_widget_with_its_own_option_template_still_gets_it() -> None:
    class Marked(forms.Select):
        option_template_name = "django/forms/widgets/input.html"  # any other template

    html = Marked(choices=[("1", "One")]).render("n", "1", renderer=get_default_renderer())

    assert "<option" not in html and "<input" in html
