"""Factories for the tenant and its districts, and the typed base every app's factories use."""

from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.db.models import Model
from factory.django import DjangoModelFactory

from sprakvan.core.models import District, Programme

M = TypeVar("M", bound=Model)


class ModelFactory(DjangoModelFactory[M]):
    """A factory whose call is typed as the model it makes (`ProgrammeFactory()` is a Programme)."""

    class Meta:
        abstract = True

    if TYPE_CHECKING:
        # factory_boy's metaclass `__call__` returns the model, but it is unannotated and mypy
        # reads a class call from `__new__`; this tells mypy what the metaclass does.
        def __new__(cls, **kwargs: Any) -> M: ...  # type: ignore[misc]


class ProgrammeFactory(ModelFactory[Programme]):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Språkvänner {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    city = "Linköping"


class DistrictFactory(ModelFactory[District]):
    class Meta:
        model = District
        django_get_or_create = ("programme", "name")

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"District {n}")
