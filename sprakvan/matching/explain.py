"""Reasons in words: turns the stored reason codes of a proposal into the reader's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sprakvan.participants.choices import INTERESTS, LANGUAGES, slot_label

from .terms import Reason

SEPARATOR = " · "


def _as_reasons(reasons: Iterable[Reason | Mapping[str, Any]]) -> list[Reason]:
    return [r if isinstance(r, Reason) else Reason(r["code"], r.get("params", {})) for r in reasons]


def phrases(
    reasons: Iterable[Reason | Mapping[str, Any]], *, districts: Mapping[int, str]
) -> list[str]:
    """One short phrase per kind of reason, in a fixed order:
    place, times, interests, languages, age, waiting."""
    by_code: dict[str, list[Mapping[str, Any]]] = {}
    for reason in _as_reasons(reasons):
        by_code.setdefault(reason.code, []).append(reason.params)
    words: list[str] = []
    for params in by_code.get("same_district", [])[:1]:
        words.append(
            _("both in %(district)s") % {"district": districts.get(params["district"], "?")}
        )
    for params in by_code.get("neighbouring_district", [])[:1]:
        words.append(
            _("neighbouring districts %(newcomer)s and %(established)s")
            % {
                "newcomer": districts.get(params["newcomer_district"], "?"),
                "established": districts.get(params["established_district"], "?"),
            }
        )
    slots = [int(p["slot"]) for p in by_code.get("shared_slot", [])]
    if slots:
        words.append(_("both free %(times)s") % {"times": ", ".join(slot_label(s) for s in slots)})
    interests = [
        str(INTERESTS[p["interest"]]).lower()
        for p in by_code.get("shared_interest", [])
        if p["interest"] in INTERESTS
    ]
    if interests:
        words.append(_("both like %(interests)s") % {"interests": ", ".join(interests)})
    languages = [
        str(LANGUAGES[p["language"]])
        for p in by_code.get("bridge_language", [])
        if p["language"] in LANGUAGES
    ]
    if languages:
        words.append(_("both speak %(languages)s") % {"languages": ", ".join(languages)})
    for params in by_code.get("age_close", [])[:1]:
        years = int(params["years"])
        if years == 0:
            words.append(_("the same age"))
        else:
            words.append(
                ngettext("%(years)s year apart in age", "%(years)s years apart in age", years)
                % {"years": years}
            )
    for params in by_code.get("first_in_line", []):
        if params.get("side") == "newcomer":
            words.append(_("newcomer first in line (the last friend declined)"))
        else:
            words.append(_("volunteer first in line (the last friend declined)"))
    for params in by_code.get("waited", []):
        days = int(params["days"])
        if params.get("side") == "newcomer":
            words.append(
                ngettext("waited %(days)s day", "waited %(days)s days", days) % {"days": days}
            )
        else:
            words.append(
                ngettext("volunteer waited %(days)s day", "volunteer waited %(days)s days", days)
                % {"days": days}
            )
    return words


def sentence(reasons: Iterable[Reason | Mapping[str, Any]], *, districts: Mapping[int, str]) -> str:
    """'both in Skäggetorp · both free Tuesday evening · both like football · …'"""
    return SEPARATOR.join(phrases(reasons, districts=districts))
