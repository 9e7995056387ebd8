"""Factories for partner organisations."""

import factory

from sprakvan.core.tests.factories import ProgrammeFactory
from sprakvan.organisations.models import Organisation, OrganisationKind


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("programme", "name")

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.CIVIL_SOCIETY
