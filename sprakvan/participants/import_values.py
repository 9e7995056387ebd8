"""Reading one import cell into a value, and its error in the coordinator's own words.

A choice cell accepts the stored value, the Swedish words coordinators already write
(nyanländ, kvinna…) and the choice's label in every language of the site; its error names the
labels in the active language, so every word the message offers is one the import accepts.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.db.models import Choices, Field
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override, pgettext

from .choices import Gender, Group, WishGender
from .models import Participant, mask_of

Error = Callable[[str, str], None]

# Words coordinators' own spreadsheets already use, beside the labels.
WORDS: dict[str, dict[str, str]] = {
    "group": {
        "nyanländ": Group.NEWCOMER,
        "nyanland": Group.NEWCOMER,
        "etablerad": Group.ESTABLISHED,
    },
    "gender": {
        "kvinna": Gender.WOMAN,
        "man": Gender.MAN,
        "annat": Gender.ANOTHER,
        "vill inte säga": Gender.UNDISCLOSED,
    },
    "wish_gender": {"kvinna": WishGender.WOMAN, "man": WishGender.MAN},
}
WEEKDAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
PART_CODES = ["morning", "afternoon", "evening"]
YES_WORDS = {"1", "yes", "ja", "true", "x"}
NO_WORDS = {"0", "no", "nej", "false"}
YES_NO = {True: gettext_lazy("yes"), False: gettext_lazy("no")}


def column_name(column: str) -> str:
    """The column as the register's pages name it ("Grupp", not "group")."""
    field = Participant._meta.get_field(column)
    return str(capfirst(field.verbose_name if isinstance(field, Field) else column))


def either(words: list[str]) -> str:
    """ "a, b or c" in the active language."""
    if len(words) == 1:
        return words[0]
    return _("%(some)s or %(last)s") % {
        "some": pgettext("between items of a list", ", ").join(words[:-1]),
        "last": words[-1],
    }


def _word(label: Any) -> str:
    text = str(label)
    return text[:1].lower() + text[1:]


def lookup(labels: Mapping[Any, Any], words: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every text a cell may hold for these choices → the value it means, found case-blind."""
    found: dict[str, Any] = {str(value).casefold(): value for value in labels}
    for word, value in (words or {}).items():
        found.setdefault(word.casefold(), value)
    for language, _name in settings.LANGUAGES:
        with override(language):
            for value, label in labels.items():
                found.setdefault(str(label).casefold(), value)
    return found


def choice(
    raw: Mapping[str, str],
    column: str,
    choices: type[Choices],
    error: Error,
    *,
    empty: Any = None,
) -> Any:
    """The value a choice cell means; an empty cell means `empty` (None: the column is required,
    which the caller reports)."""
    text = raw.get(column, "").strip()
    if not text:
        return empty if empty is not None else ""
    value = _choice_lookup(column, choices).get(text.casefold())
    if value is None:
        error(column, must_be(column, list(dict(choices.choices).values())))
        return text
    return value


@cache
def _choice_lookup(column: str, choices: type[Choices]) -> dict[str, Any]:
    # Once per process: it walks every language's catalogue, and a file has thousands of cells.
    return lookup(dict(choices.choices), WORDS.get(column))


@cache
def _yes_no_lookup() -> dict[str, Any]:
    return lookup(YES_NO, {**dict.fromkeys(YES_WORDS, True), **dict.fromkeys(NO_WORDS, False)})


def must_be(column: str, labels: list[Any]) -> str:
    return _("%(column)s must be %(choices)s") % {
        "column": column_name(column),
        "choices": either([_word(label) for label in labels]),
    }


def yes_or_no(raw: Mapping[str, str], column: str, error: Error) -> bool:
    text = raw.get(column, "").strip().casefold()
    if not text:
        return False
    value = _yes_no_lookup().get(text)
    if value is None:
        error(column, must_be(column, list(YES_NO.values())))
        return False
    return bool(value)


def whole_number(
    raw: Mapping[str, str], name: str, error: Error, low: int, high: int
) -> int | None:
    text = raw.get(name, "")
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        error(name, _("must be a whole number"))
        return None
    if not low <= number <= high:
        error(name, _("must be between %(low)s and %(high)s") % {"low": low, "high": high})
        return None
    return number


def date(raw: Mapping[str, str], name: str, error: Error) -> datetime.date | None:
    text = raw.get(name, "")
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        error(name, _("must be a date written YYYY-MM-DD"))
        return None


def codes(
    raw: Mapping[str, str], name: str, table: list[str], labels: Mapping, error: Error
) -> int:
    found = [c.strip().lower() for c in raw.get(name, "").split(";") if c.strip()]
    unknown = [c for c in found if c not in labels]
    if unknown:
        error(name, _("unknown code(s): %(codes)s") % {"codes": ", ".join(unknown)})
        return 0
    return mask_of(found, table)


def availability(text: str, error: Error) -> int:
    """`mon-evening;sat-morning` → the 21-bit mask."""
    mask = 0
    for item in filter(None, (t.strip().lower() for t in text.split(";"))):
        day, _sep, part = item.partition("-")
        if day not in WEEKDAY_CODES or part not in PART_CODES:
            error("availability", _("“%(item)s” is not like mon-evening") % {"item": item})
            continue
        mask |= 1 << (WEEKDAY_CODES.index(day) * len(PART_CODES) + PART_CODES.index(part))
    return mask
