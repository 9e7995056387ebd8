"""Factories for partner organisations and their outreach events."""

import datetime

import factory

from sprakvan.core.tests.factories import ModelFactory, ProgrammeFactory
from sprakvan.organisations.models import Organisation, OrganisationKind, OutreachEvent


class OrganisationFactory(ModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("programme", "name")

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.CIVIL_SOCIETY


class OutreachEventFactory(ModelFactory[OutreachEvent]):
    class Meta:
        model = OutreachEvent

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Fair {n}")
    date = datetime.date(2019, 3, 8)
    kind = "fair"
