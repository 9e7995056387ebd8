"""The partners demo: all the source document's partners, fairs and money; idempotent."""

import datetime

import pytest

from sprakvan.core.models import Programme
from sprakvan.demo import accounts as staff_demo
from sprakvan.demo import participants as participants_demo
from sprakvan.demo import partners as demo
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.participants.models import Participant
from sprakvan.partners.models import BudgetLine, Contribution, Cost, Lead, Referral

TODAY = datetime.date(2020, 1, 15)


@pytest.fixture
def linkoping(db: None) -> Programme:
    programme = participants_demo.load(TODAY)
    staff_demo.load(programme)
    demo.load(programme, today=TODAY)
    return programme


def _snapshot(programme: Programme) -> tuple[int, ...]:
    return (
        Organisation.objects.count(),
        Referral.objects.count(),
        OutreachEvent.objects.count(),
        Lead.objects.count(),
        Lead.objects.filter(participant__isnull=False).count(),
        Contribution.objects.count(),
        BudgetLine.objects.count(),
        Cost.objects.count(),
        Participant.objects.filter(source_event__isnull=False).count(),
    )


def test_demo_holds_every_partner_and_fair_of_the_source_document(linkoping: Programme) -> None:
    names = set(linkoping.partner_organisations.values_list("name", flat=True))
    assert {name for name, _kind, _offers in demo.ORGANISATIONS} <= names
    assert {"Linkstep", "Sankt Kors", "Linköpings guideklubb", "Agorahuset"} <= names
    fairs = set(linkoping.outreach_events.values_list("name", flat=True))
    assert len(fairs) == 9 and "PRO-dagen" in fairs and "Skäggetorpsdagen" in fairs


def test_demo_referrals_come_from_the_three_referrers_without_new_people(
    linkoping: Programme,
) -> None:
    referrals = Referral.objects.filter(programme=linkoping)
    assert referrals.count() > 20
    assert set(referrals.values_list("organisation__name", flat=True)) == {
        "Arbetsmarknadscentrum",
        "Röda Korset Linköping Södra",
        "Internationella kvinnoföreningen",
    }
    for referral in referrals.select_related("participant"):
        assert referral.participant.source == "referral"  # type: ignore[union-attr]
        assert referral.participant.source_organisation_id == referral.organisation_id  # type: ignore[union-attr]
    assert referrals.filter(referrer__email="anvisare@demo.sprakvan.se").exists()
    period = Participant.objects.filter(programme=linkoping).registered_between(
        datetime.date(2019, 1, 1), datetime.date(2019, 10, 31)
    )
    assert (period.newcomers().count(), period.established().count()) == (199, 89)


def test_demo_leads_link_to_fair_participants_registered_after_the_event(
    linkoping: Programme,
) -> None:
    linked = Lead.objects.filter(event__programme=linkoping, participant__isnull=False)
    assert linked.exists()
    for lead in linked.select_related("participant", "event"):
        assert lead.participant.source == "fair"  # type: ignore[union-attr]
        assert lead.participant.source_event == lead.event  # type: ignore[union-attr]
        assert lead.participant.registered_on >= lead.event.date  # type: ignore[union-attr]
    assert Lead.objects.filter(participant__isnull=True).count() > linked.count()


def test_demo_money_matches_the_agreement(linkoping: Programme) -> None:
    for year in (2019, 2020, 2021):
        amounts = Contribution.objects.filter(year=year)
        assert (
            sum(amounts.filter(party__name="Linköpings kommun").values_list("amount", flat=True))
            == 600_000
        )
        assert (
            sum(
                amounts.filter(party__name="Röda Korset Linköping Södra").values_list(
                    "amount", flat=True
                )
            )
            == 477_600
        )
    assert sum(BudgetLine.objects.filter(year=2019).values_list("amount", flat=True)) == 1_077_600
    assert Cost.objects.filter(date__year=2019).count() > 40


def test_loading_the_demo_again_changes_nothing(linkoping: Programme) -> None:
    before = _snapshot(linkoping)
    demo.load(linkoping, today=TODAY)
    assert _snapshot(linkoping) == before
