"""The check of the models against the inventory (pure, no Django): every field that looks
personal is inventoried or excused, and no field's name suggests a special category.
tests/test_inventory.py feeds it the models' fields from Django's _meta."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .inventory import _P, INVENTORY, NOT_PERSONAL, PersonalField


@dataclass(frozen=True)
class FieldInfo:
    """One concrete field of a model, as the check sees it (built from Django's _meta)."""

    model: str
    field: str
    related_model: str | None = None


# A field counts as personal when its name matches this (Django's snake_case names).
PERSONAL = re.compile(
    r"name|phone|e?mail|birth|address|note|comment|text|body|recipient|district|gender|contact"
    r"|description|signature|^participants$|content|^data$|payload|(^|_)ip(_|$)|user_agent|heard"
    r"|external_id|answer|wish|(^|_)age(_|$)|language|interest|availability|family"
)

# Models that describe a person: every one of their fields is either inventoried or listed above.
PERSON_MODELS: frozenset[str] = frozenset({_P, "partners.Lead"})

# Row bookkeeping, not about the person even on a person model.
BOOKKEEPING: frozenset[str] = frozenset(
    {"id", "programme", "created_at", "updated_at", "created_by"}
)

# A foreign key to one of these is personal (it says something about that person).
PERSON_TARGETS: frozenset[str] = frozenset({_P})

# Names suggesting a special category (Art. 9, Art. 10) or a proxy for one: such fields must not exist.
SENSITIVE = re.compile(
    r"ethnic|(^|_)race(_|$)|racial|religio|faith|health|diagnos|disab|medic|illness|nationalit"
    r"|citizen|country_of_birth|birth_country|born_in|mother_tongue|native_lang|first_lang|sexual"
    r"|orientation|political|(^|_)union|biometric|fingerprint|criminal|conviction|asylum"
    r"|residence_permit"
)


def looks_personal(info: FieldInfo) -> bool:
    return (
        (info.model in PERSON_MODELS and info.field not in BOOKKEEPING)
        or info.related_model in PERSON_TARGETS
        or PERSONAL.search(info.field) is not None
    )


def check_fields(
    fields: Iterable[FieldInfo],
    *,
    inventory: Iterable[PersonalField] = INVENTORY,
    not_personal: Iterable[tuple[str, str]] = NOT_PERSONAL,
) -> list[str]:
    """The problems between the models' fields and the inventory, one sentence each; [] when none."""
    fields = list(fields)
    existing = {(info.model, info.field) for info in fields}
    listed = {(item.model, item.field) for item in inventory}
    excused = set(not_personal)
    problems = []
    for info in fields:
        key = (info.model, info.field)
        if SENSITIVE.search(info.field):
            problems.append(f"{info.model}.{info.field} suggests a special category: remove it")
        elif looks_personal(info) and key not in listed and key not in excused:
            problems.append(f"{info.model}.{info.field} looks personal but is not in the inventory")
    for model, field in sorted((listed | excused) - existing):
        problems.append(f"{model}.{field} is listed but no longer exists")
    for model, field in sorted(listed & excused):
        problems.append(f"{model}.{field} is both in the inventory and listed as not personal")
    return problems
