"""Factories for leads, referrals and money."""

import datetime

import factory

from sprakvan.core.tests.factories import ModelFactory, ProgrammeFactory
from sprakvan.organisations.tests.factories import OrganisationFactory, OutreachEventFactory
from sprakvan.partners.models import (
    Agreement,
    BudgetLine,
    Contribution,
    Cost,
    Lead,
    Referral,
)


class LeadFactory(ModelFactory[Lead]):
    class Meta:
        model = Lead

    event = factory.SubFactory(OutreachEventFactory)
    first_name = factory.Sequence(lambda n: f"Lead{n}")
    phone = factory.Sequence(lambda n: f"+4673{n:07d}")
    group = "newcomer"


class ReferralFactory(ModelFactory[Referral]):
    class Meta:
        model = Referral

    programme = factory.SelfAttribute("organisation.programme")
    organisation = factory.SubFactory(OrganisationFactory)
    consent_given_by = "person"
    consent_method = "in_person"
    consent_date = datetime.date(2019, 3, 1)


class AgreementFactory(ModelFactory[Agreement]):
    class Meta:
        model = Agreement

    programme = factory.SubFactory(ProgrammeFactory)
    title = "IOP"
    starts_on = datetime.date(2019, 1, 1)
    ends_on = datetime.date(2021, 12, 31)


class ContributionFactory(ModelFactory[Contribution]):
    class Meta:
        model = Contribution

    agreement = factory.SubFactory(AgreementFactory)
    party = factory.SubFactory(
        OrganisationFactory, programme=factory.SelfAttribute("..agreement.programme")
    )
    year = 2019
    amount = 600_000
    covers = "project_leader"


class BudgetLineFactory(ModelFactory[BudgetLine]):
    class Meta:
        model = BudgetLine

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2019
    name = factory.Sequence(lambda n: f"Line {n}")
    amount = 100_000


class CostFactory(ModelFactory[Cost]):
    class Meta:
        model = Cost

    budget_line = factory.SubFactory(BudgetLineFactory)
    date = datetime.date(2019, 5, 1)
    amount = 1_000
    description = "Something"
