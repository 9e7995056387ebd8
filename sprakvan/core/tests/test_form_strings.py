"""Every form of the project, rendered in Swedish and Arabic, shows none of Django's English
defaults ("- Select an option -", "This field is required." …)."""

import datetime
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.utils import translation

import sprakvan
from sprakvan.core.forms_rendering import EMPTY_LABEL
from sprakvan.core.models import Programme
from sprakvan.core.tests.factories import DistrictFactory, ProgrammeFactory

# Django's English UI strings that must never reach a Swedish or Arabic page.
ENGLISH_DEFAULTS = [
    "Select an option",
    "---------",
    "This field is required",
    "Enter a valid",
    "Currently",
    "Change",
    "Clear",
]
ENGLISH = re.compile(
    "|".join(rf"(?<![\w-]){re.escape(text)}(?![\w-])" for text in ENGLISH_DEFAULTS)
)
# Forms that cannot be made outside their view, and why. Keep this list short.
CANNOT_BE_MADE: dict[str, str] = {}


def _project_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in sprakvan (tests aside), found by importing each module."""
    for module in pkgutil.walk_packages(sprakvan.__path__, "sprakvan."):
        if ".tests" not in module.name and ".migrations" not in module.name:
            importlib.import_module(module.name)

    def below(cls: type) -> Iterator[type]:
        subclasses: list[type] = cls.__subclasses__()
        for sub in subclasses:
            yield sub
            yield from below(sub)

    found = {c for c in below(forms.BaseForm) if c.__module__.startswith("sprakvan.")}
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _model(label: str) -> Any:
    # The forms belong to every app, so their arguments are built through the app registry:
    # core's tests import no higher app (docs/architecture.md).
    return apps.get_model(label)


def _arguments(programme: Programme) -> dict[str, Callable[[], Any]]:
    """How to make each keyword argument our forms take."""
    engine = importlib.import_module("sprakvan.matching.engine")
    return {
        "programme": lambda: programme,
        "group": lambda: "newcomer",
        "today": datetime.date.today,
        "kind": lambda: _model("messaging.MessageTemplate")._meta.get_field("kind").choices[0][0],
        "current": engine.Weights,
        "participant": lambda: _model("participants.Participant").objects.create(
            programme=programme,
            first_name="Nour",
            last_name="Haddad",
            group="newcomer",
            registered_on=datetime.date(2025, 3, 1),
        ),
        "agreement": lambda: _model("partners.Agreement").objects.create(
            programme=programme,
            title="IOP",
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
        ),
    }


def _make(cls: type[forms.BaseForm], programme: Programme, **data: Any) -> forms.BaseForm:
    makers = _arguments(programme)
    kwargs = {
        name: makers[name]()
        for name, parameter in inspect.signature(cls.__init__).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
        and parameter.default is inspect.Parameter.empty
    }
    return cls(**data, **kwargs)


def _english(html: str) -> list[str]:
    return sorted(set(ENGLISH.findall(html)))


@pytest.fixture
def programme_with_districts(db: None) -> Programme:
    programme = ProgrammeFactory()
    DistrictFactory(programme=programme, name="Skäggetorp")
    return programme


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_no_form_shows_djangos_english_defaults(
    programme_with_districts: Programme, language: str
) -> None:
    classes = [c for c in _project_forms() if c.__qualname__ not in CANNOT_BE_MADE]
    assert len(classes) > 40, "the walk found the project's forms"
    found: dict[str, list[str]] = {}
    with translation.override(language):
        for cls in classes:
            empty = _make(cls, programme_with_districts)
            # Bound to nothing: the required fields say so, in the reader's language.
            sent = _make(cls, programme_with_districts, data={"unknown": "x"})
            sent.is_valid()
            if english := _english(str(empty) + str(sent)):
                found[f"{cls.__module__}.{cls.__qualname__}"] = english
    assert found == {}


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_a_select_without_its_own_empty_label_gets_ours_in_the_readers_language(
    programme_with_districts: Programme, language: str
) -> None:
    from sprakvan.core.forms import AuditFilterForm
    from sprakvan.core.forms_rendering import StyledFormMixin

    class PlainForm(StyledFormMixin, forms.Form):
        district = forms.ModelChoiceField(queryset=programme_with_districts.districts.all())
        kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])

    with translation.override(language):
        html = str(PlainForm())
        assert html.count(f'<option value="" selected>{EMPTY_LABEL}</option>') == 2
        assert _english(html) == []
        # A label the form chose itself stays.
        audit = str(AuditFilterForm(programme=programme_with_districts))
        assert f'<option value="" selected>{EMPTY_LABEL}</option>' not in audit
