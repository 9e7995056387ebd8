"""The leader's label for a participant: first name, last-name initial and birth year.

Leaders see no full last names (docs/privacy.md, the field inventory). When two people on the
same list would still look the same, their last names grow a letter at a time until they
differ; people alike in everything a leader may see get their participant number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _

from sprakvan.participants.models import Participant


def _label(person: Participant, letters: int) -> str:
    name = person.first_name.strip()
    last = person.last_name.strip()
    if last:
        shown = last[:letters]
        name = f"{name} {shown}{'.' if len(shown) < len(last) else ''}"
    if person.birth_year:
        return _("%(name)s (b. %(year)s)") % {"name": name, "year": person.birth_year}
    return name


def _clashes(labels: dict[int, str], everyone: dict[int, Participant]) -> list[list[int]]:
    """Groups of people whose labels read the same in the same district (the list shows it)."""
    groups: dict[tuple[str, int | None], list[int]] = defaultdict(list)
    for pk, label in labels.items():
        groups[(label.casefold(), everyone[pk].district_id)].append(pk)
    return [group for group in groups.values() if len(group) > 1]


def leader_labels(
    people: Iterable[Participant], *, among: Iterable[Participant] = ()
) -> dict[int, str]:
    """Labels by participant id for `people`, told apart from each other and from `among`
    (everyone on the same lists, so a person reads the same on the screen and on paper)."""
    shown = list(people)
    everyone = {person.pk: person for person in [*among, *shown]}
    letters = dict.fromkeys(everyone, 1)
    labels = {pk: _label(person, 1) for pk, person in everyone.items()}
    while clashes := _clashes(labels, everyone):
        grew = False
        for pk in (pk for group in clashes for pk in group):
            if letters[pk] < len(everyone[pk].last_name.strip()):
                letters[pk] += 1
                labels[pk] = _label(everyone[pk], letters[pk])
                grew = True
        if not grew:
            break
    for group in _clashes(labels, everyone):
        for pk in group:
            labels[pk] = _("%(label)s, no. %(number)s") % {"label": labels[pk], "number": pk}
    return {person.pk: labels[person.pk] for person in shown}


def leader_label(person: Participant) -> str:
    """One person's label, with no list to tell them apart from."""
    return leader_labels([person])[person.pk]
