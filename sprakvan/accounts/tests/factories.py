"""Factories for staff users and their role in a programme."""

import factory

from sprakvan.accounts.models import Membership, User
from sprakvan.core.tests.factories import ModelFactory, ProgrammeFactory


def _save_after_the_password(user: User, create: bool, extracted: object, **kwargs: object) -> None:
    # skip_postgeneration_save leaves the hashed password to this one save.
    if create:
        user.save()


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")
    saved = factory.PostGeneration(_save_after_the_password)


class MembershipFactory(ModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    role = "coordinator"
