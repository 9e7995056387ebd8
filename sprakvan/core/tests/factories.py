"""Factories for the tenant, its districts and staff users."""

import factory

from sprakvan.accounts.models import Membership, User
from sprakvan.core.models import District, Programme


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Språkvänner {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    city = "Linköping"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("programme", "name")

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"District {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def saved(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    role = "coordinator"
