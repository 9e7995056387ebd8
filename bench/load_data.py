"""Data for the load test (bench/load.py): one programme at the scale of a large city.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sv_load .venv/bin/python bench/load_data.py

The database named by DATABASE_URL (PostgreSQL) is dropped, created and migrated, then filled
with bulk_create: 10,000 participants, 3,000 active pairs, 100 activities each led by its own
leader with 100 sessions (50 past, 50 to come), 100,000 attendance rows (20 regulars at each
past session) and 100 coordinators. Every staff user has the same password and a TOTP second
factor with a known secret (stored through allauth's own `TOTP.activate`, so whatever MFA
adapter encrypts it), so the load script can sign in as a person would.

It writes a plan (JSON) for the load script: who signs in, the secrets, the ids of the pages to
visit, and for each leader the sessions still to come and the regulars they may tick. The
sessions to come hold no attendance, so each tick the script sends is a row that did not exist.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PLAN_PATH = Path("/tmp/sprakvan-load-plan.json")
PASSWORD = "load-test-password-1"  # noqa: S105 -- a throwaway database for the benchmark
SLUG = "lastprov"
PARTICIPANTS = 10_000
PAIRS = 3_000
ACTIVITIES = 100
PAST_SESSIONS = 50
FUTURE_SESSIONS = 50
REGULARS = 20  # per activity: 100 activities x 50 past sessions x 20 = 100,000 rows
COORDINATORS = 100
DISTRICTS = 10


def totp_secret(index: int, role: str) -> str:
    """A fixed base32 secret per user, so the plan and the database agree without randomness."""
    return base64.b32encode(
        f"{role}-{index:04d}-sprakvan-load".encode()[:20].ljust(20, b"x")
    ).decode()


def _recreate_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _staff(programme: Any, today: datetime.date) -> dict[str, Any]:
    """Coordinators and leaders, one password hash for all (hashing 200 times takes a minute)."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.hashers import make_password

    from sprakvan.accounts.models import Membership, Role, User

    hashed = make_password(PASSWORD)
    people = [("coordinator", i) for i in range(COORDINATORS)] + [
        ("leader", i) for i in range(ACTIVITIES)
    ]
    users = User.objects.bulk_create(
        [User(email=f"load-{role}-{i:03d}@example.org", password=hashed) for role, i in people]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                programme=programme,
                role=Role.COORDINATOR if role == "coordinator" else Role.ACTIVITY_LEADER,
            )
            for user, (role, _i) in zip(users, people, strict=True)
        ]
    )
    for user, (role, i) in zip(users, people, strict=True):
        TOTP.activate(user, totp_secret(i, role))
    coordinators = [u for u, (role, _i) in zip(users, people, strict=True) if role == "coordinator"]
    leaders = [u for u, (role, _i) in zip(users, people, strict=True) if role == "leader"]
    return {"coordinators": coordinators, "leaders": leaders}


def build(*, seed: int = 17) -> dict[str, Any]:
    """Fill the (migrated, empty) database; the plan for the load script."""
    from sprakvan.activities.models import Activity, Attendance, Session, Venue
    from sprakvan.activities.models.choices import ActivityType
    from sprakvan.core.models import District, Programme
    from sprakvan.matching.models import Pair, PairState
    from sprakvan.participants.choices import Group, Status
    from sprakvan.participants.models import Participant

    rng = random.Random(seed)
    today = datetime.datetime.now(datetime.UTC).date()
    programme = Programme.objects.create(name="Lastprov", slug=SLUG, city="Lastköping")
    districts = District.objects.bulk_create(
        [District(programme=programme, name=f"Stadsdel {i + 1}") for i in range(DISTRICTS)]
    )
    staff = _staff(programme, today)

    # Participants: the first 3,000 newcomers and 3,000 established are paired, the rest wait.
    people = []
    for i in range(PARTICIPANTS):
        group = Group.NEWCOMER if i % 2 == 0 else Group.ESTABLISHED
        people.append(
            Participant(
                programme=programme,
                group=group,
                first_name=rng.choice(["Amal", "Sara", "Omid", "Lena", "Yonas", "Erik", "Hodan"]),
                last_name=f"Lastsson{i:05d}",
                phone=f"+4670{i:07d}",
                birth_year=rng.randint(1950, 2005),
                district=districts[i % DISTRICTS],
                status=Status.MATCHED if i < 2 * PAIRS else Status.WAITING,
                registered_on=today - datetime.timedelta(days=rng.randint(1, 900)),
                preferred_language=rng.choice(["sv", "en", "ar"]),
            )
        )
    people = Participant.objects.bulk_create(people, batch_size=2000)
    pairs = Pair.objects.bulk_create(
        [
            Pair(
                programme=programme,
                newcomer=people[2 * i],
                established=people[2 * i + 1],
                state=PairState.ACTIVE,
                proposed_on=today - datetime.timedelta(days=120),
                started_on=today - datetime.timedelta(days=rng.randint(7, 110)),
            )
            for i in range(PAIRS)
        ],
        batch_size=2000,
    )

    venues = Venue.objects.bulk_create(
        [
            Venue(programme=programme, name=f"Bibliotek {i + 1}", district=districts[i])
            for i in range(DISTRICTS)
        ]
    )
    activities = Activity.objects.bulk_create(
        [
            Activity(
                programme=programme,
                type=ActivityType.LANGUAGE_CAFE,
                title=f"Språkcafé {i + 1}",
                venue=venues[i % DISTRICTS],
                district=districts[i % DISTRICTS],
            )
            for i in range(ACTIVITIES)
        ]
    )
    Activity.leaders.through.objects.bulk_create(
        [
            Activity.leaders.through(activity_id=a.pk, user_id=leader.pk)
            for a, leader in zip(activities, staff["leaders"], strict=True)
        ]
    )
    sessions = []
    for a in activities:
        for week in range(-PAST_SESSIONS, FUTURE_SESSIONS):
            sessions.append(
                Session(
                    programme=programme,
                    activity=a,
                    date=today + datetime.timedelta(days=7 * week + (1 if week >= 0 else 0)),
                    start_time=datetime.time(18),
                    end_time=datetime.time(20),
                    venue=a.venue,
                )
            )
    sessions = Session.objects.bulk_create(sessions, batch_size=2000)
    per_activity = PAST_SESSIONS + FUTURE_SESSIONS

    plan_leaders = []
    rows = []
    for n, a in enumerate(activities):
        regulars = rng.sample(people, REGULARS)
        own = sessions[n * per_activity : (n + 1) * per_activity]
        for session in own[:PAST_SESSIONS]:
            rows.extend(
                Attendance(session=session, participant=p, recorded_by=staff["leaders"][n])
                for p in regulars
            )
        plan_leaders.append(
            {
                "email": staff["leaders"][n].email,
                "secret": totp_secret(n, "leader"),
                "activity": a.pk,
                "sessions": [s.pk for s in own[PAST_SESSIONS:]],
                "regulars": [p.pk for p in regulars],
            }
        )
    Attendance.objects.bulk_create(rows, batch_size=5000)
    future_ids = [s for leader in plan_leaders for s in leader["sessions"]]
    return {
        "password": PASSWORD,
        "coordinators": [
            {"email": u.email, "secret": totp_secret(i, "coordinator")}
            for i, u in enumerate(staff["coordinators"])
        ],
        "leaders": plan_leaders,
        "participants": [p.pk for p in people[::10]],
        "pairs": [p.pk for p in pairs[::3]],
        "activities": [a.pk for a in activities],
        "sessions": [s.pk for s in sessions[::7]],
        "future_sessions": [min(future_ids), max(future_ids)],
        "attendance_rows": Attendance.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--plan", type=Path, default=PLAN_PATH, help="where to write the plan")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it is dropped and recreated).")
    started = time.perf_counter()
    _recreate_database(url)
    _setup_django()
    migrated = time.perf_counter()
    plan = build()
    # Planner statistics, as autovacuum gathers them on a production server (the CI machines'
    # PostgreSQL runs without it): without them the attendance page's queries take 1 s, not 3 ms.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    args.plan.write_text(json.dumps(plan))
    print(
        f"Migrated in {migrated - started:.0f} s, filled in {time.perf_counter() - migrated:.0f} s: "
        f"{PARTICIPANTS:,} participants, {PAIRS:,} pairs, {ACTIVITIES} activities, "
        f"{ACTIVITIES * (PAST_SESSIONS + FUTURE_SESSIONS):,} sessions, "
        f"{plan['attendance_rows']:,} attendance rows, {COORDINATORS} coordinators and "
        f"{ACTIVITIES} leaders with TOTP. Plan: {args.plan}"
    )


if __name__ == "__main__":
    main()
