"""From the database to the engine: the waiting pool of a programme as column arrays.

Who waits (the queries the matching pages show) needs no numpy; the engine and numpy are
imported where a `Market` is built or solved, so that loading the pages does not load them.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q
from django.utils import timezone

from sprakvan.core.models import District, Programme
from sprakvan.participants.choices import Status
from sprakvan.participants.models import (
    INTEREST_SLUGS,
    LANGUAGE_CODES,
    Participant,
    ParticipantQuerySet,
)

from .models import MatchingSettings, Pair, Rejection, Side
from .terms import Reason, Weights

if TYPE_CHECKING:
    from . import engine

COLUMNS = (
    "id",
    "district_id",
    "availability",
    "interests",
    "languages",
    "swedish_level",
    "birth_year",
    "gender",
    "wish_gender",
    "wish_age_min",
    "wish_age_max",
    "is_family",
    "accepts_family",
    "capacity",
    "registered_on",
)
SWEDISH_BIT = 1 << LANGUAGE_CODES.index("sv")


@dataclass
class Market:
    """Everything the engine needs for one programme, and what turns its answer back into rows."""

    newcomers: engine.Pool
    volunteers: engine.Pool
    weights: Weights
    neighbours: list[tuple[int, int]]
    forbidden: set[tuple[int, int]]
    today: datetime.date
    district_ids: list[int] = field(default_factory=list)  # engine index -> District pk
    first_in_line: dict[int, int] = field(default_factory=dict)  # participant id -> real days

    def scores(self) -> engine.ScoreResult:
        from . import engine

        return engine.score_matrix(
            self.newcomers,
            self.volunteers,
            weights=self.weights,
            neighbours=self.neighbours,
            forbidden=self.forbidden,
            today=self.today,
        )

    def candidates(
        self,
        *,
        newcomer_id: int | None,
        established_id: int | None,
        exclude: Collection[int],
        limit: int,
    ) -> list[engine.Proposal]:
        from . import engine

        return engine.candidates_for(
            self.newcomers,
            self.volunteers,
            newcomer_id=newcomer_id,
            established_id=established_id,
            weights=self.weights,
            neighbours=self.neighbours,
            forbidden=self.forbidden,
            today=self.today,
            exclude=exclude,
            limit=limit,
        )

    def assign(self, scores: engine.ScoreResult) -> list[engine.Proposal]:
        """The optimal set of pairs for these scores."""
        from . import engine

        return engine.assign(scores)

    def stable(self, proposal: engine.Proposal) -> engine.Proposal:
        """The proposal with reasons whose params survive renumbering: district pks,
        interest slugs, language codes, and the true waiting days of people first in line."""
        reasons: list[Reason] = []
        for reason in proposal.reasons:
            params = dict(reason.params)
            if reason.code == "same_district":
                params["district"] = self.district_ids[int(params["district"])]
            elif reason.code == "neighbouring_district":
                for key in ("newcomer_district", "established_district"):
                    params[key] = self.district_ids[int(params[key])]
            elif reason.code == "shared_interest":
                if int(params["interest"]) >= len(INTEREST_SLUGS):
                    continue
                params["interest"] = INTEREST_SLUGS[int(params["interest"])]
            elif reason.code == "bridge_language":
                index = int(params["language"])
                # Swedish is the common language, not a bridge.
                if index >= len(LANGUAGE_CODES) or LANGUAGE_CODES[index] == "sv":
                    continue
                params["language"] = LANGUAGE_CODES[index]
            elif reason.code == "waited":
                person = (
                    proposal.newcomer_id
                    if params["side"] == "newcomer"
                    else proposal.established_id
                )
                if person in self.first_in_line:
                    reasons.append(Reason("first_in_line", {"side": params["side"]}))
                    params["days"] = self.first_in_line[person]
                    if not params["days"]:
                        continue
            reasons.append(Reason(reason.code, params))
        return dataclasses.replace(proposal, reasons=reasons)


def waiting_newcomers(
    programme: Programme, *, today: datetime.date | None = None
) -> ParticipantQuerySet:
    """Newcomers waiting for a friend, not away (`paused_until`) and not already in an open
    pair."""
    return (
        Participant.objects.filter(programme=programme)
        .newcomers()
        .waiting()
        .available(today or timezone.localdate())
        .exclude(pairs_as_newcomer__state__in=Pair.OPEN_STATES)
    )


def available_established(
    programme: Programme, *, today: datetime.date | None = None
) -> ParticipantQuerySet:
    """Established volunteers who may take (another) friend: waiting, or matched below capacity,
    and not away (`paused_until`)."""
    return (
        Participant.objects.filter(programme=programme)
        .established()
        .current()
        .available(today or timezone.localdate())
        .filter(status__in=[Status.WAITING, Status.MATCHED])
    )


def pool_sizes(programme: Programme, *, today: datetime.date | None = None) -> tuple[int, int]:
    """Waiting newcomers, and volunteers with at least one free place."""
    free = (
        available_established(programme, today=today)
        .annotate(
            open_pairs=Count(
                "pairs_as_established", filter=Q(pairs_as_established__state__in=Pair.OPEN_STATES)
            )
        )
        .filter(open_pairs__lt=F("capacity"))
    )
    return waiting_newcomers(programme, today=today).count(), free.count()


def open_pair_counts(programme: Programme) -> dict[int, int]:
    rows = (
        Pair.objects.filter(programme=programme)
        .open()
        .values("established")
        .annotate(n=Count("id"))
        .values_list("established", "n")
    )
    return dict(rows)


def first_in_line(programme: Programme) -> set[int]:
    """People whose friend-to-be declined when called: they go first in line.

    A pair that ended as declined by one side gives the *other* side the priority, until that
    person is in a new pair (then they are no longer in the pool anyway)."""
    rows = Pair.objects.filter(
        programme=programme, state=Pair.State.ENDED, end_reason=Pair.EndReason.DECLINED
    ).values_list("declined_by", "newcomer_id", "established_id")
    found: set[int] = set()
    for declined_by, newcomer_id, established_id in rows:
        if declined_by == Side.ESTABLISHED:
            found.add(newcomer_id)
        elif declined_by == Side.NEWCOMER:
            found.add(established_id)
    return found


def last_pair_dates(programme: Programme, ids: list[int]) -> dict[int, datetime.date]:
    """Per person, the latest start or end of any of their pairs."""
    found: dict[int, datetime.date] = {}
    if not ids:
        return found
    wanted = set(ids)
    rows = Pair.objects.filter(programme=programme).values_list(
        "newcomer_id", "established_id", "started_on", "ended_on"
    )
    for newcomer_id, established_id, started_on, ended_on in rows.iterator(chunk_size=5000):
        latest = max(d for d in (started_on, ended_on, datetime.date.min) if d)
        for person in (newcomer_id, established_id):
            if person in wanted and latest > found.get(person, datetime.date.min):
                found[person] = latest
    return found


def forbidden_pairs(programme: Programme) -> set[tuple[int, int]]:
    """Rejected before, or paired before (in any state): never proposed again."""
    pairs = set(
        Pair.objects.filter(programme=programme).values_list("newcomer_id", "established_id")
    )
    pairs |= set(
        Rejection.objects.filter(programme=programme).values_list("newcomer_id", "established_id")
    )
    return pairs


def pool_of(people: list[Participant], *, district_ids: list[int]) -> engine.Pool:
    """A pool of given participants (no database queries), each with their full capacity."""
    index = {pk: i for i, pk in enumerate(district_ids)}
    rows = [tuple(getattr(p, c) for c in COLUMNS) for p in people]
    return _pool(rows, index, {p.pk: p.capacity for p in people})


def _pool(
    rows: list[tuple], district_index: dict[int, int], free: dict[int, int] | None
) -> engine.Pool:
    import numpy as np

    from . import engine

    if not rows:
        return engine.Pool.from_arrays(np.zeros(0, dtype=np.int64))
    columns = dict(zip(COLUMNS, zip(*rows, strict=True), strict=True))
    ids = np.array(columns["id"], dtype=np.int64)
    capacity = (
        np.array([free[i] for i in columns["id"]], dtype=np.int32)
        if free is not None
        else np.ones(ids.size, dtype=np.int32)
    )
    return engine.Pool.from_arrays(
        ids,
        district=np.array(
            [district_index.get(d, -1) if d else -1 for d in columns["district_id"]],
            dtype=np.int32,
        ),
        availability=np.array(columns["availability"], dtype=np.uint32),
        interests=np.array(columns["interests"], dtype=np.uint64),
        # Swedish is everyone's common language: only other languages are bridges.
        languages=np.array(columns["languages"], dtype=np.uint64) & ~np.uint64(SWEDISH_BIT),
        swedish_level=np.array([s or 0 for s in columns["swedish_level"]], dtype=np.int8),
        birth_year=np.array([y or 0 for y in columns["birth_year"]], dtype=np.int32),
        gender=np.array(columns["gender"], dtype=object),
        wish_gender=np.array(columns["wish_gender"], dtype=object),
        wish_age_min=np.array([a or 0 for a in columns["wish_age_min"]], dtype=np.int16),
        wish_age_max=np.array([a or 0 for a in columns["wish_age_max"]], dtype=np.int16),
        is_family=np.array(columns["is_family"], dtype=bool),
        accepts_family=np.array(columns["accepts_family"], dtype=bool),
        capacity=capacity,
        registered_on=np.array([d.toordinal() for d in columns["registered_on"]], dtype=np.int32),
    )


def districts_of(programme: Programme) -> tuple[list[int], list[tuple[int, int]]]:
    """District pks in engine order, and the neighbour pairs as engine indices."""
    district_ids = list(
        District.objects.filter(programme=programme).order_by("id").values_list("id", flat=True)
    )
    index = {pk: i for i, pk in enumerate(district_ids)}
    through = District.neighbours.through
    neighbours = [
        (index[a], index[b])
        for a, b in through.objects.filter(from_district__programme=programme).values_list(
            "from_district_id", "to_district_id"
        )
        if a in index and b in index
    ]
    return district_ids, neighbours


def load_market(
    programme: Programme,
    *,
    today: datetime.date,
    newcomer_ids: Collection[int] | None = None,
    established_ids: Collection[int] | None = None,
) -> Market:
    """The programme's pool: waiting newcomers, volunteers with free places, the rules.

    `newcomer_ids` / `established_ids` narrow a side (to score one pair or one person)."""
    settings = MatchingSettings.for_programme(programme)
    weights = settings.engine_weights()
    district_ids, neighbours = districts_of(programme)
    district_index = {pk: i for i, pk in enumerate(district_ids)}
    newcomers_qs = waiting_newcomers(programme, today=today)
    if newcomer_ids is not None:
        newcomers_qs = newcomers_qs.filter(id__in=list(newcomer_ids))
    volunteers_qs = available_established(programme, today=today)
    if established_ids is not None:
        volunteers_qs = volunteers_qs.filter(id__in=list(established_ids))
    taken = open_pair_counts(programme)
    volunteer_rows = [
        row for row in volunteers_qs.values_list(*COLUMNS) if row[13] - taken.get(row[0], 0) > 0
    ]
    free = {row[0]: row[13] - taken.get(row[0], 0) for row in volunteer_rows}
    newcomer_rows = list(newcomers_qs.values_list(*COLUMNS))

    # Waiting counts from registration or from the person's last pair event, whichever is
    # later: a volunteer who just finished a pair has not waited since they signed up.
    since = last_pair_dates(programme, [r[0] for r in newcomer_rows + volunteer_rows])
    # First in line: the most waiting credit the weights give (the cap), whatever they waited.
    priority = first_in_line(programme)
    real_days: dict[int, int] = {}
    front = today - datetime.timedelta(days=max(weights.waiting_cap_days, 1))

    def lift(rows: list[tuple]) -> list[tuple]:
        lifted = []
        for row in rows:
            waiting_since = max(row[14], since.get(row[0], row[14]))
            if row[0] in priority:
                real_days[row[0]] = max((today - waiting_since).days, 0)
                waiting_since = min(waiting_since, front)
            lifted.append((*row[:14], waiting_since))
        return lifted

    return Market(
        newcomers=_pool(lift(newcomer_rows), district_index, None),
        volunteers=_pool(lift(volunteer_rows), district_index, free),
        weights=weights,
        neighbours=neighbours,
        forbidden=forbidden_pairs(programme),
        today=today,
        district_ids=district_ids,
        first_in_line=real_days,
    )


def district_names(programme: Programme) -> dict[int, str]:
    return dict(District.objects.filter(programme=programme).values_list("id", "name"))
