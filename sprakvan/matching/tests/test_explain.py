"""Reasons in words."""

from django.utils import translation

from sprakvan.matching.engine import Reason
from sprakvan.matching.explain import sentence


def test_reasons_read_as_the_coordinator_would_say_them():
    reasons = [
        Reason("same_district", {"district": 7}),
        Reason("shared_slot", {"slot": 5, "weekday": 1, "part": 2}),
        Reason("shared_interest", {"interest": "football"}),
        Reason("bridge_language", {"language": "en"}),
        Reason("waited", {"side": "newcomer", "days": 94}),
    ]

    with translation.override("en"):
        text = sentence(reasons, districts={7: "Skäggetorp"})

    assert text == (
        "both in Skäggetorp · both free Tuesday evening · both like football · "
        "both speak English · waited 94 days"
    )


def test_stored_json_reasons_render_too_including_first_in_line():
    stored = [
        {
            "code": "neighbouring_district",
            "params": {"newcomer_district": 1, "established_district": 2},
        },
        {"code": "age_close", "params": {"years": 1}},
        {"code": "first_in_line", "params": {"side": "newcomer"}},
    ]

    with translation.override("en"):
        text = sentence(stored, districts={1: "Ryd", 2: "Valla"})

    assert text == (
        "neighbouring districts Ryd and Valla · 1 year apart in age · "
        "newcomer first in line (the last friend declined)"
    )
