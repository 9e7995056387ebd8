"""A referrer's membership points to their organisation, and the move of `Organisation` from
`partners` kept every organisation and every reference to it, memberships included."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sprakvan.accounts.models import Membership, User
from sprakvan.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_ramis_membership_points_to_his_organisation_in_the_table_it_always_had(
    referrer: User, referring_organisation: Organisation
) -> None:
    assert Organisation._meta.app_label == "organisations"
    assert Organisation._meta.db_table == "partners_organisation"
    membership = Membership.objects.get(user=referrer)
    assert membership.organisation == referring_organisation
    assert list(referring_organisation.memberships.all()) == [membership]


@pytest.mark.django_db(transaction=True)
def test_the_move_from_partners_keeps_every_organisation_and_every_reference() -> None:
    executor = MigrationExecutor(connection)
    before = [("organisations", None)]  # unapplies the state-only steps that depend on it
    executor.migrate(before)
    old = executor.loader.project_state(
        [("partners", "0003_link_secrets"), ("accounts", "0002_initial")]
    ).apps
    programme = old.get_model("core", "Programme").objects.create(name="Vi ses", slug="vi-ses")
    old_org = old.get_model("partners", "Organisation").objects.create(
        programme=programme, name="Arbetsmarknadscentrum", kind="municipal_service", offers=3
    )
    old_user = old.get_model("accounts", "User").objects.create(email="rami@example.org")
    old.get_model("accounts", "Membership").objects.create(
        user=old_user, programme=programme, role="referrer", organisation=old_org
    )
    old.get_model("partners", "Referral").objects.create(
        programme=programme,
        organisation=old_org,
        consent_given_by="person",
        consent_method="in_person",
        consent_date="2019-03-01",
    )
    agreement = old.get_model("partners", "Agreement").objects.create(
        programme=programme, title="IOP", starts_on="2019-01-01", ends_on="2021-12-31"
    )
    agreement.parties.add(old_org)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    organisation = Organisation.objects.get()
    assert (organisation.pk, organisation.name, organisation.offers) == (
        old_org.pk,
        "Arbetsmarknadscentrum",
        3,
    )
    assert organisation.link_secret == old_org.link_secret
    assert Membership.objects.get().organisation == organisation
    assert organisation.referrals.count() == 1
    assert list(organisation.agreements.values_list("pk", flat=True)) == [agreement.pk]
