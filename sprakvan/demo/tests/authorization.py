"""The authorization matrix: what every role gets from every route, one row per URL name.

A row says, for GET and (on a change route) POST, which status each role gets on the address
built from Vi ses' objects. Two roles are not written in the rows because they follow rules:

- a participant has no login: their cells are the anonymous visitor's (not run twice);
- Olle (the outsider) coordinates another programme: he gets what Alice gets on pages without
  an object, and 404 where Alice's answer depends on one of Vi ses' objects.

A row whose address (or body) names an object of one programme is also tried with the other
programme's object ("the other side"): staff who pass the role check get 404 there, and Olle
gets what Alice gets on her own; on public pages (under /<programme-slug>/) another
programme's object is a 404 to everyone. (Roles stopped by the role check get the same answer
on both sides, so their other-side cells are not run.)

Adding a route is adding one row; a route without a row fails `test_every_route_has_a_row`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sprakvan.accounts.models import Membership, User
    from sprakvan.activities.models import Activity, Schedule, Session, Venue
    from sprakvan.core.models import Programme
    from sprakvan.matching.models import FollowUp, Pair, ProposalRun
    from sprakvan.organisations.models import Organisation, OutreachEvent
    from sprakvan.participants.models import ImportBatch, Participant
    from sprakvan.partners.models import (
        Agreement,
        BudgetLine,
        Contribution,
        Cost,
        Lead,
        Referral,
    )
    from sprakvan.reports.models import DocumentBuild, Goal


@dataclass(frozen=True)
class World:
    """One programme and one object of every kind the staff and public pages address."""

    programme: Programme
    coordinator: User
    leader: User  # leads the activity
    leader_membership: Membership
    organisation: Organisation
    newcomer: Participant  # waiting, so the matching pages can propose them
    established: Participant  # waiting, free to take a newcomer
    regular: Participant  # came to the activity before: on the session's list
    duplicate: Participant  # a possible duplicate of the newcomer
    batch: ImportBatch
    run: ProposalRun
    pair: Pair
    follow_up: FollowUp
    activity: Activity  # led by the world's leader
    schedule: Schedule
    session: Session  # today's session of the activity
    venue: Venue
    referral: Referral  # made by the world's referrer
    event: OutreachEvent
    lead: Lead
    agreement: Agreement  # with a signed document
    contribution: Contribution
    budget_line: BudgetLine
    cost: Cost
    goal: Goal
    document_build: DocumentBuild  # the coordinator's (exact counts): not a viewer's
    invitation_token: str
    checkin_token: str


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    PARTICIPANT = "participant"  # no login: same as anonymous
    COORDINATOR = "coordinator"  # Alice
    LEADER = "leader"  # Leo, who leads the activity of the world's session
    OTHER_LEADER = "other_leader"  # Lina, who leads another activity of Vi ses
    PARTNER_VIEWER = "partner_viewer"  # Petra
    REFERRER = "referrer"  # Rami, who made the world's referral
    OTHER_REFERRER = "other_referrer"  # Rut, who refers for another organisation of Vi ses
    PLATFORM_ADMIN = "platform_admin"  # Ada: a superuser with no role in any programme
    OUTSIDER = "outsider"  # Olle, the coordinator of another programme


ROLES = list(Role)
MEMBERS = [
    Role.COORDINATOR,
    Role.LEADER,
    Role.OTHER_LEADER,
    Role.PARTNER_VIEWER,
    Role.REFERRER,
    Role.OTHER_REFERRER,
]
WRITTEN = [Role.ANONYMOUS, *MEMBERS, Role.PLATFORM_ADMIN]  # the roles a row spells out


@dataclass(frozen=True)
class Matrix:
    own: World  # Vi ses: the objects the rows are written for
    other_side: World  # Norrköping's objects, under Vi ses' slug on public pages
    sessions: dict[Role, str]  # each logged-in role's session key
    participant_session: str  # the world's newcomer, signed in to their own page


class Cross(StrEnum):
    """How a row is tried with the other programme's objects."""

    NONE = "none"  # the address names no programme's object
    STAFF = "staff"  # a staff object: 404 to whoever passes the role check
    PUBLIC = "public"  # a public object under the programme's slug: 404 to everyone


# An expected answer is a status code, one of two kinds of 302, or ALLOWED.
LOGIN = "login"  # to the login page: no login
REDIRECT = "redirect"  # anywhere else
# Passed every check and the view answered: a change made (302), the form shown again (200,
# 400) or a conflict (409). What an empty POST does is the app's tests' business.
ALLOWED = "allowed"
Expect = int | str
Expectations = Mapping[Role, Expect]
Factory = Callable[[World], dict[str, Any]]
STOPPED_BEFORE_LOOKUP = {LOGIN, 403, 405}  # answers given before any object is read


def staff(status: Expect, *roles: Role, **exceptions: Expect) -> dict[Role, Expect]:
    """`status` for members with one of `roles`, 403 for other members and the platform admin
    (who has no role in a programme), the login page for people without a login."""
    result: dict[Role, Expect] = {Role.ANONYMOUS: LOGIN, Role.PLATFORM_ADMIN: 403}
    for member in MEMBERS:
        result[member] = status if member in roles else 403
    result.update({Role(name): value for name, value in exceptions.items()})
    return result


def everyone(status: Expect) -> dict[Role, Expect]:
    """The same answer for every role, logged in or not (public pages, 405 before any check)."""
    return dict.fromkeys(WRITTEN, status)


def platform_admin(status: Expect) -> dict[Role, Expect]:
    return {**staff(403), Role.PLATFORM_ADMIN: status}


C, L, OL, PV, R, OR = (
    Role.COORDINATOR,
    Role.LEADER,
    Role.OTHER_LEADER,
    Role.PARTNER_VIEWER,
    Role.REFERRER,
    Role.OTHER_REFERRER,
)
COORDINATOR_ONLY = staff(200, C)
READERS = staff(200, C, PV)  # aggregate reports and finances: the partner viewer reads them
ALL_LEADERS = staff(200, C, L, OL)  # lists filtered to the leader's own activities
LEADER_OF_IT = staff(200, C, L, other_leader=404)  # one activity or session: its leaders


def leader_of_it(status: Expect) -> dict[Role, Expect]:
    return staff(status, C, L, other_leader=404)


COORDINATOR_CHANGES = staff(ALLOWED, C)
LEADER_OF_IT_CHANGES = leader_of_it(ALLOWED)
POST_ONLY = everyone(405)  # require_POST comes before any other check


@dataclass(frozen=True)
class Row:
    """What each role gets from one route. `pk` names the World attribute in <pk>."""

    get: Expectations
    post: Expectations | None = None
    pk: str = ""
    kwargs: Factory | None = None
    data: Factory | None = None  # the POST body (an empty one by default)
    query: Factory | None = None  # the GET query string
    cross: Cross | None = None  # by default STAFF when there is a pk, else NONE
    not_ours: str = ""  # a route of Django or allauth, sampled here

    @property
    def crossing(self) -> Cross:
        if self.cross is not None:
            return self.cross
        return Cross.STAFF if self.pk else Cross.NONE

    def address_kwargs(self, world: World) -> dict[str, Any]:
        values = self.kwargs(world) if self.kwargs else {}
        if self.pk:
            values["pk"] = getattr(world, self.pk).pk
        return values

    def expected(self, method: str, role: Role, *, other_side: bool) -> Expect:
        table = self.get if method == "GET" else self.post
        assert table is not None
        if role == Role.PARTICIPANT:
            role = Role.ANONYMOUS
        if other_side and self.crossing == Cross.PUBLIC:
            return 405 if table[role if role != Role.OUTSIDER else C] == 405 else 404
        if role == Role.OUTSIDER:
            alice = table[C]
            if other_side or self.crossing != Cross.STAFF or alice in STOPPED_BEFORE_LOOKUP:
                return alice
            return 404
        answer = table[role]
        if other_side and answer not in STOPPED_BEFORE_LOOKUP:
            return 404
        return answer


def slug(world: World) -> dict[str, Any]:
    return {"programme_slug": world.programme.slug}


def proposal(world: World) -> dict[str, Any]:
    return {"newcomer": world.newcomer.pk, "established": world.established.pk}


def unsubscribe_link(world: World) -> dict[str, Any]:
    """The signed link of an e-mail to the world's regular (the link is the only key)."""
    from sprakvan.messaging.models import Kind, Message
    from sprakvan.messaging.services.email import unsubscribe_token

    message, _created = Message.objects.get_or_create(
        key=f"matrix:unsubscribe:{world.regular.pk}",
        defaults={
            "programme": world.programme,
            "participant": world.regular,
            "channel": "email",
            "kind": Kind.GROUP,
            "language": "sv",
            "body": "Hej!",
            "status": Message.Status.SENT,
            "queued_at": world.programme.created_at,
        },
    )
    return {"token": unsubscribe_token(message)}


def outbox_message(world: World) -> dict[str, Any]:
    """A message to the world's regular whose send is unknown: it may be cancelled or sent
    again (issue 12, the coordinator's outbox)."""
    from sprakvan.messaging.models import Kind, Message

    message, _created = Message.objects.get_or_create(
        key=f"matrix:outbox:{world.regular.pk}",
        defaults={
            # The regular's own programme: the other side's `programme` is Vi ses (for slugs).
            "programme": world.regular.programme,
            "participant": world.regular,
            "channel": "sms",
            "kind": Kind.REMINDER,
            "language": "sv",
            "body": "Hej!",
            "status": Message.Status.UNKNOWN,
            "queued_at": world.programme.created_at,
        },
    )
    return {"pk": message.pk}


def subscribed_regular(world: World) -> dict[str, Any]:
    """The world's regular, subscribed to the reminders of the world's activity (issue 12, P3)."""
    from sprakvan.activities.models import ReminderSubscription

    ReminderSubscription.objects.get_or_create(
        participant=world.regular,
        activity=world.activity,
        withdrawn_at=None,
        defaults={"created_at": world.programme.created_at},
    )
    return {"participant": world.regular.pk}


def check_in_link(world: World) -> dict[str, Any]:
    """The signed link of the one-month check-in to the newcomer of the world's pair."""
    from sprakvan.matching.services.check_ins import check_in_token

    token = check_in_token(world.pair, world.pair.newcomer, months=1)
    return {**slug(world), "token": token}


def published_notice(world: World) -> dict[str, Any]:
    """A version of the privacy notice published by the world's own programme (issue 13, H5);
    its name differs per programme, so under the other slug it is unknown."""
    from sprakvan.participants.models import PrivacyNotice

    programme = world.regular.programme  # the other side's `programme` is Vi ses (for slugs)
    notice, _created = PrivacyNotice.objects.get_or_create(
        programme=programme,
        version=f"matrix-{programme.pk}",
        defaults={"published_at": programme.created_at},
    )
    return {**slug(world), "version": notice.version}


def popup_booking(world: World) -> dict[str, Any]:
    """A pop-up café booking at the world's organisation, on the world's session (issue 14, H10)."""
    from sprakvan.partners.models import PopUpCafe

    popup, _created = PopUpCafe.objects.get_or_create(
        session=world.session,
        defaults={"programme": world.session.programme, "host": world.organisation},
    )
    return {"pk": popup.pk}


def picture_step(world: World) -> dict[str, Any]:
    """The first picture of the world's activity's picture sequence (issue 16, bildstöd)."""
    from sprakvan.activities.models import PictureStep

    step, _created = PictureStep.objects.get_or_create(
        activity=world.activity, position=1, defaults={"picture": "meet"}
    )
    return {"pk": step.pk}


def accessibility_report(world: World) -> dict[str, Any]:
    """A problem reported on the accessibility statement of the world's own programme (issue 16)."""
    from sprakvan.accessibility.models import AccessibilityReport

    programme = world.regular.programme  # the other side's `programme` is Vi ses (for slugs)
    report, _created = AccessibilityReport.objects.get_or_create(
        programme=programme, description=f"matrix:{programme.pk}"
    )
    return {"pk": report.pk}


def api_token(world: World) -> dict[str, Any]:
    """An API token of the world's own programme (issue 17)."""
    from sprakvan.api.models import TokenRole
    from sprakvan.api.services import create_token

    programme = world.regular.programme  # the other side's `programme` is Vi ses (for slugs)
    token, _secret = create_token(
        programme, name="matrix", role=TokenRole.DOOR, scopes=[], created_by=world.coordinator
    )
    return {"pk": token.pk}


def api_slug(world: World) -> dict[str, Any]:
    return {"slug": world.programme.slug}


# URL prefixes of routes that are not ours (Django's admin, allauth, i18n): any route under
# them whose view is not in sprakvan passes the completeness test; TABLE samples one of each.
NOT_OURS = {
    "admin/": "Django's admin: users with is_staff only, through its own login page",
    "accounts/": "allauth: login, logout, password reset and MFA; the rest needs a login",
    "i18n/": "Django's set_language: public",
}

TABLE: dict[str, Row] = {
    # core
    "core:home": Row(get=everyone(200)),
    # The probe's answer for everyone alike; 503 here: no worker or tick has beaten in the test.
    "healthz": Row(get=everyone(503)),
    "home:start": Row(get=everyone(200)),
    "accounts:programme_switch": Row(get=POST_ONLY, post=everyone(ALLOWED)),
    "accounts:programme_list": Row(get=platform_admin(200)),
    "accounts:programme_create": Row(get=platform_admin(200), post=platform_admin(ALLOWED)),
    "accounts:programme_detail": Row(
        get=platform_admin(200),
        post=platform_admin(ALLOWED),
        kwargs=lambda w: {"pk": w.programme.pk},
    ),
    "accounts:programme_archive": Row(
        get=POST_ONLY,
        post=platform_admin(ALLOWED),
        kwargs=lambda w: {"pk": w.programme.pk},
    ),
    "core:programme_page": Row(get=everyone(200), kwargs=lambda w: {"slug": w.programme.slug}),
    "accounts:audit_log": Row(get=COORDINATOR_ONLY),
    "accounts:platform_audit_log": Row(get=platform_admin(200)),
    # accounts
    "accounts:staff_list": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "accounts:staff_unlock": Row(
        get=POST_ONLY,
        post=COORDINATOR_CHANGES,
        kwargs=lambda w: {"user_id": w.leader.pk},
        cross=Cross.STAFF,
    ),
    "accounts:membership_remove": Row(
        get=POST_ONLY,
        post=COORDINATOR_CHANGES,
        kwargs=lambda w: {"membership_id": w.leader_membership.pk},
        cross=Cross.STAFF,
    ),
    "accounts:locked_list": Row(get=platform_admin(200)),
    "accounts:locked_unlock": Row(
        get=POST_ONLY, post=platform_admin(ALLOWED), kwargs=lambda w: {"user_id": w.leader.pk}
    ),
    "accounts:invitation_accept": Row(
        get=everyone(200), post=everyone(ALLOWED), kwargs=lambda w: {"token": w.invitation_token}
    ),
    # participants (require_POST before the role check: GET is 405 even without a login)
    "participants:list": Row(get=COORDINATOR_ONLY),
    "participants:waiting": Row(get=COORDINATOR_ONLY),
    "participants:create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "participants:duplicates": Row(get=COORDINATOR_ONLY),
    "participants:detail": Row(get=COORDINATOR_ONLY, pk="newcomer"),
    "participants:edit": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="newcomer"),
    "participants:status": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="newcomer"),
    "participants:reviewed": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="newcomer"),
    "participants:merge": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="duplicate"),
    "participants:dismiss": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="duplicate"),
    "participants:import": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "participants:import_help": Row(get=COORDINATOR_ONLY),
    "participants:import_template": Row(
        get=COORDINATOR_ONLY, kwargs=lambda w: {"extension": "xlsx"}
    ),
    "participants:import_preview": Row(get=COORDINATOR_ONLY, pk="batch"),
    "participants:import_confirm": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="batch"),
    "participants:import_progress": Row(get=COORDINATOR_ONLY, pk="batch"),
    "participants:import_retry": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="batch"),
    # privacy, erasure (issue 13, P1): coordinators only; a POST without "how" changes nothing
    "privacy:erase": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="newcomer"),
    # privacy, export (issue 13, H3): the coordinator's download for a request by phone or paper
    "privacy:export": Row(get=COORDINATOR_ONLY, pk="newcomer", kwargs=lambda w: {"fmt": "json"}),
    # privacy, the notice and its settings (issue 13, H5): coordinators only
    "privacy:settings": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "privacy:publish_notice": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    # privacy, the public notice (anyone; another programme's version is a 404 under this
    # slug) and the renewal page (signed-in participants only: others go to the sign-in)
    "privacy_public:notice": Row(get=everyone(200), kwargs=slug),
    "privacy_public:notice_version": Row(
        get=everyone(200), kwargs=published_notice, cross=Cross.PUBLIC
    ),
    "privacy_public:renew": Row(get=everyone(REDIRECT), post=everyone(REDIRECT), kwargs=slug),
    # matching (require_POST before the role check: GET is 405 even without a login)
    "matching:proposals": Row(get=COORDINATOR_ONLY),
    "matching:proposal_accept": Row(
        get=POST_ONLY, post=COORDINATOR_CHANGES, data=proposal, cross=Cross.STAFF
    ),
    "matching:proposal_reject": Row(
        get=POST_ONLY, post=COORDINATOR_CHANGES, data=proposal, cross=Cross.STAFF
    ),
    # issue 15: the questions before a consequential change are pages of their own
    "matching:proposal_reject_confirm": Row(
        get=COORDINATOR_ONLY, query=proposal, cross=Cross.STAFF
    ),
    "matching:proposal_candidates": Row(
        get=COORDINATOR_ONLY, query=lambda w: {"newcomer": w.newcomer.pk}, cross=Cross.STAFF
    ),
    "matching:proposal_run_start": Row(get=POST_ONLY, post=COORDINATOR_CHANGES),
    "matching:proposal_run_status": Row(get=COORDINATOR_ONLY, pk="run"),
    "matching:proposal_run_retry": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="run"),
    "matching:pair_list": Row(get=COORDINATOR_ONLY),
    "matching:pair_detail": Row(get=COORDINATOR_ONLY, pk="pair"),
    "matching:pair_call": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="pair"),
    "matching:pair_pause": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="pair"),
    "matching:pair_resume": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="pair"),
    "matching:pair_end": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="pair"),
    "matching:pair_end_confirm": Row(get=COORDINATOR_ONLY, pk="pair"),
    "matching:follow_ups": Row(get=COORDINATOR_ONLY),
    "matching:follow_up_record": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="follow_up"),
    "matching:settings": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    # activities: coordinators see all, leaders their own activities' sessions
    "activities:activity_list": Row(get=ALL_LEADERS),
    "activities:activity_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "activities:activity_detail": Row(get=LEADER_OF_IT, pk="activity"),
    "activities:activity_edit": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="activity"),
    # issue 14, activities in preparation
    "activities:activity_prepare": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "activities:schedule_create": Row(
        get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="activity"
    ),
    "activities:session_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="activity"),
    "activities:schedule_end": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="schedule"),
    "activities:venue_list": Row(get=COORDINATOR_ONLY),
    "activities:venue_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "activities:venue_edit": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="venue"),
    "activities:session_list": Row(get=ALL_LEADERS),
    "activities:session_attendance": Row(get=LEADER_OF_IT, pk="session"),
    "activities:attendance_tick": Row(
        get=POST_ONLY,
        post=LEADER_OF_IT_CHANGES,
        pk="session",
        data=lambda w: {"participant": w.regular.pk, "present": "1"},
    ),
    "activities:attendance_search": Row(
        get=POST_ONLY, post=LEADER_OF_IT_CHANGES, pk="session", data=lambda w: {"q": "Reg"}
    ),
    "activities:walk_ins_save": Row(get=POST_ONLY, post=LEADER_OF_IT_CHANGES, pk="session"),
    "activities:new_person": Row(get=POST_ONLY, post=LEADER_OF_IT_CHANGES, pk="session"),
    "activities:session_print": Row(get=LEADER_OF_IT, pk="session"),
    "activities:session_pdf": Row(get=LEADER_OF_IT, pk="session"),
    "activities:session_qr": Row(get=LEADER_OF_IT, pk="session"),
    "activities:session_cancel": Row(get=POST_ONLY, post=LEADER_OF_IT_CHANGES, pk="session"),
    "activities:session_cancel_confirm": Row(get=LEADER_OF_IT, pk="session"),
    "activities:session_restore": Row(get=POST_ONLY, post=LEADER_OF_IT_CHANGES, pk="session"),
    "activities:session_move": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="session"),
    "activities:participant_activities": Row(get=COORDINATOR_ONLY, pk="newcomer"),
    # activities, reminders (issue 12, P3): the activity's leaders and coordinators; a leader
    # may add only people who came to the activity (the world's regular did)
    "activities:reminder_add": Row(
        get=POST_ONLY,
        post=LEADER_OF_IT_CHANGES,
        pk="activity",
        data=lambda w: {"participant": w.regular.pk},
    ),
    "activities:reminder_remove": Row(
        get=POST_ONLY, post=LEADER_OF_IT_CHANGES, pk="activity", data=subscribed_regular
    ),
    "activities:reminder_search": Row(
        get=POST_ONLY, post=LEADER_OF_IT_CHANGES, pk="activity", data=lambda w: {"q": "Reg"}
    ),
    # activities, picture support (issue 16): coordinators, like the activity form
    "activities:picture_steps": Row(get=COORDINATOR_ONLY, pk="activity"),
    "activities:picture_step_add": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="activity"),
    "activities:picture_step_edit": Row(
        get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, kwargs=picture_step, cross=Cross.STAFF
    ),
    "activities:picture_step_remove": Row(
        get=POST_ONLY, post=COORDINATOR_CHANGES, kwargs=picture_step, cross=Cross.STAFF
    ),
    "activities:picture_step_move": Row(
        get=POST_ONLY,
        post=COORDINATOR_CHANGES,
        kwargs=picture_step,
        data=lambda w: {"direction": "down"},
        cross=Cross.STAFF,
    ),
    # partners: organisations, referrals, outreach, finances
    "partners:organisation_list": Row(get=COORDINATOR_ONLY),
    "partners:organisation_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "partners:organisation_detail": Row(get=COORDINATOR_ONLY, pk="organisation"),
    "partners:organisation_edit": Row(
        get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="organisation"
    ),
    "partners:organisation_qr": Row(get=COORDINATOR_ONLY, pk="organisation"),
    "partners:organisation_link_rotate": Row(
        get=POST_ONLY, post=COORDINATOR_CHANGES, pk="organisation"
    ),
    "partners:referral_list": Row(get=staff(200, C, R, OR)),
    "partners:referral_create": Row(get=staff(200, R, OR), post=staff(ALLOWED, R, OR)),
    "partners:referral_detail": Row(get=staff(200, C, R, other_referrer=404), pk="referral"),
    "partners:outreach_list": Row(get=COORDINATOR_ONLY),
    "partners:outreach_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "partners:leads_link": Row(get=POST_ONLY, post=COORDINATOR_CHANGES),
    "partners:outreach_detail": Row(get=COORDINATOR_ONLY, pk="event"),
    "partners:outreach_edit": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="event"),
    "partners:outreach_qr": Row(get=COORDINATOR_ONLY, pk="event"),
    "partners:outreach_link_rotate": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="event"),
    "partners:lead_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="event"),
    "partners:lead_delete": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="lead"),
    "partners:lead_delete_confirm": Row(get=COORDINATOR_ONLY, pk="lead"),
    # partners: pop-up cafés at workplaces (issue 14, H10)
    "partners:popup_list": Row(get=COORDINATOR_ONLY),
    "partners:popup_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "partners:popup_edit": Row(
        get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, kwargs=popup_booking, cross=Cross.STAFF
    ),
    "partners:finances": Row(get=READERS),
    "partners:agreement_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "partners:agreement_edit": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="agreement"),
    "partners:agreement_document": Row(get=READERS, pk="agreement"),
    "partners:contribution_create": Row(
        get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="agreement"
    ),
    "partners:contribution_edit": Row(
        get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="contribution"
    ),
    "partners:contribution_delete": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="contribution"),
    "partners:contribution_delete_confirm": Row(get=COORDINATOR_ONLY, pk="contribution"),
    "partners:budget_line_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "partners:budget_line_edit": Row(
        get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="budget_line"
    ),
    "partners:budget_line_delete": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="budget_line"),
    "partners:budget_line_delete_confirm": Row(get=COORDINATOR_ONLY, pk="budget_line"),
    "partners:cost_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "partners:cost_delete": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="cost"),
    "partners:cost_delete_confirm": Row(get=COORDINATOR_ONLY, pk="cost"),
    # reports: partner viewers read suppressed figures; only coordinators change anything
    "reports:dashboard": Row(get=READERS),
    "reports:table_export": Row(get=READERS, kwargs=lambda w: {"slug": "all", "extension": "xlsx"}),
    "reports:document": Row(get=READERS, post=COORDINATOR_CHANGES),
    "reports:document_download": Row(get=READERS, kwargs=lambda w: {"extension": "docx"}),
    "reports:document_build": Row(get=staff(200, C, partner_viewer=404), pk="document_build"),
    "reports:document_build_retry": Row(
        get=POST_ONLY, post=staff(ALLOWED, C, partner_viewer=404), pk="document_build"
    ),
    "reports:document_file": Row(get=POST_ONLY, post=COORDINATOR_CHANGES),
    "reports:goal_list": Row(get=COORDINATOR_ONLY),
    "reports:goal_create": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "reports:goal_edit": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES, pk="goal"),
    "reports:goal_delete": Row(get=POST_ONLY, post=COORDINATOR_CHANGES, pk="goal"),
    # public pages under /<programme-slug>/
    "participants_public:choose": Row(get=everyone(200), kwargs=slug),
    "participants_public:receipt": Row(get=everyone(200), kwargs=slug),
    "participants_public:register": Row(
        get=everyone(200),
        post=everyone(ALLOWED),
        kwargs=lambda w: {**slug(w), "group_slug": "nyanland"},
    ),
    "activities_public:calendar": Row(get=everyone(200), kwargs=slug),
    "activities_public:calendar_feed": Row(get=everyone(200), kwargs=slug),
    "activities_public:activity_feed": Row(
        get=everyone(200),
        kwargs=lambda w: {**slug(w), "activity_id": w.activity.pk},
        cross=Cross.PUBLIC,
    ),
    # an activity's own page with its picture sequence (issue 16)
    "activities_public:activity": Row(
        get=everyone(200),
        kwargs=lambda w: {**slug(w), "activity_id": w.activity.pk},
        cross=Cross.PUBLIC,
    ),
    "activities_public:checkin": Row(
        get=everyone(200),
        post=everyone(ALLOWED),
        kwargs=lambda w: {**slug(w), "token": w.checkin_token},
        cross=Cross.PUBLIC,
    ),
    # activities, asking for SMS reminders yourself (issue 12, R): public; the code and answer
    # pages send a visitor without a request in their session back to the first step.
    "activities_public:reminder_request": Row(
        get=everyone(200),
        post=everyone(ALLOWED),
        kwargs=lambda w: {**slug(w), "activity_id": w.activity.pk},
        cross=Cross.PUBLIC,
    ),
    "activities_public:reminder_code": Row(
        get=everyone(REDIRECT),
        post=everyone(REDIRECT),
        kwargs=lambda w: {**slug(w), "activity_id": w.activity.pk},
        cross=Cross.PUBLIC,
    ),
    "activities_public:reminder_done": Row(
        get=everyone(REDIRECT),
        post=everyone(405),
        kwargs=lambda w: {**slug(w), "activity_id": w.activity.pk},
        cross=Cross.PUBLIC,
    ),
    "partners_public:partner_list": Row(get=everyone(200), kwargs=slug),
    # privacy, download my data (issue 13, H3): only a signed-in participant; anyone else
    # (staff have no participant sign-in) is sent to the sign-in page
    "privacy_public:download": Row(
        get=everyone(REDIRECT), kwargs=lambda w: {**slug(w), "fmt": "json"}
    ),
    # matching (P4): the check-in answer page, its signed link naming the pair and the person
    "matching_public:check_in": Row(
        get=everyone(200), post=everyone(ALLOWED), kwargs=check_in_link, cross=Cross.PUBLIC
    ),
    # messaging: the unsubscribe link of an e-mail, and the SMS provider's hooks (off while
    # SMS_WEBHOOK_TOKEN is empty, as in the tests, and a 404 for a wrong token)
    "messaging_public:unsubscribe": Row(
        get=everyone(200), post=everyone(ALLOWED), kwargs=unsubscribe_link
    ),
    "messaging_public:sms_delivered": Row(
        get=POST_ONLY, post=everyone(404), kwargs=lambda w: {"token": "guess"}
    ),
    "messaging_public:sms_incoming": Row(
        get=POST_ONLY, post=everyone(404), kwargs=lambda w: {"token": "guess"}
    ),
    # messaging, the coordinator's pages (issue 12, P2): the outbox, templates, settings
    "messaging:outbox": Row(get=COORDINATOR_ONLY),
    "messaging:message_cancel": Row(
        get=POST_ONLY, post=COORDINATOR_CHANGES, kwargs=outbox_message, cross=Cross.STAFF
    ),
    "messaging:message_retry": Row(
        get=POST_ONLY, post=COORDINATOR_CHANGES, kwargs=outbox_message, cross=Cross.STAFF
    ),
    "messaging:template_list": Row(get=COORDINATOR_ONLY),
    "messaging:template_edit": Row(
        get=COORDINATOR_ONLY,
        post=COORDINATOR_CHANGES,
        kwargs=lambda w: {"kind": "receipt", "language": "ar"},
    ),
    "messaging:settings": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    # messaging (issue 12, G): the message to a chosen group
    "messaging:group_new": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    # privacy, the participant's sign-in and "erase me" (issue 13, H1): public; the code page
    # sends a visitor who asked for nothing back to the first step, an unknown link is gone
    # (410), and erasing needs a signed-in participant (no staff login counts)
    "privacy_public:sign_in": Row(get=everyone(200), post=everyone(ALLOWED), kwargs=slug),
    "privacy_public:enter_code": Row(get=everyone(REDIRECT), post=everyone(REDIRECT), kwargs=slug),
    "privacy_public:follow_link": Row(
        get=everyone(410), post=everyone(410), kwargs=lambda w: {**slug(w), "token": "guess"}
    ),
    "privacy_public:sign_out": Row(get=POST_ONLY, post=everyone(REDIRECT), kwargs=slug),
    "privacy_public:erase_me": Row(get=everyone(REDIRECT), post=everyone(REDIRECT), kwargs=slug),
    "privacy_public:erased": Row(get=everyone(200), kwargs=slug),
    # privacy, the participant's own page (issue 13, H2): nobody in the matrix is signed in
    # as a participant, so every page sends them to the sign-in page; the switches, "I am
    # back" are POST only. Another person's ids are the own-page tests' business (404).
    "privacy_public:own_page": Row(get=everyone(REDIRECT), kwargs=slug),
    "privacy_public:own_details": Row(get=everyone(REDIRECT), post=everyone(REDIRECT), kwargs=slug),
    "privacy_public:own_times": Row(get=everyone(REDIRECT), post=everyone(REDIRECT), kwargs=slug),
    "privacy_public:own_interests": Row(
        get=everyone(REDIRECT), post=everyone(REDIRECT), kwargs=slug
    ),
    "privacy_public:own_pause": Row(get=everyone(REDIRECT), post=everyone(REDIRECT), kwargs=slug),
    "privacy_public:own_back": Row(get=POST_ONLY, post=everyone(REDIRECT), kwargs=slug),
    "privacy_public:own_leave": Row(get=everyone(REDIRECT), post=everyone(REDIRECT), kwargs=slug),
    "privacy_public:own_messages": Row(get=POST_ONLY, post=everyone(REDIRECT), kwargs=slug),
    "privacy_public:own_reminders": Row(get=POST_ONLY, post=everyone(REDIRECT), kwargs=slug),
    # accessibility (issue 16): the statement and its report form are open to everyone; the
    # address without a programme sends staff to their programme's statement and lists the
    # programmes (two here) to everyone else; the reports are the coordinator's
    "accessibility_public:statement": Row(get=everyone(200), post=everyone(ALLOWED), kwargs=slug),
    "accessibility:statement": Row(get={**everyone(200), **dict.fromkeys(MEMBERS, REDIRECT)}),
    "accessibility:report_list": Row(get=COORDINATOR_ONLY),
    "accessibility:report_handle_confirm": Row(
        get=COORDINATOR_ONLY, kwargs=accessibility_report, cross=Cross.STAFF
    ),
    "accessibility:report_handle": Row(
        get=POST_ONLY, post=COORDINATOR_CHANGES, kwargs=accessibility_report, cross=Cross.STAFF
    ),
    # api: the coordinator's token pages; the API itself answers a bearer token only, so a
    # login gets what no login gets (its roles × tokens are in sprakvan/api/tests)
    "api:token_list": Row(get=COORDINATOR_ONLY, post=COORDINATOR_CHANGES),
    "api:token_revoke_confirm": Row(get=COORDINATOR_ONLY, kwargs=api_token, cross=Cross.STAFF),
    "api:token_revoke": Row(
        get=POST_ONLY, post=COORDINATOR_CHANGES, kwargs=api_token, cross=Cross.STAFF
    ),
    "api_v1:api-root": Row(get=everyone(404)),  # ninja's root: nothing at /api/v1/ itself
    "api_v1:openapi-json": Row(get=everyone(200)),
    "api_v1:openapi-view": Row(get=everyone(200)),
    "api_v1:statistics": Row(get=everyone(401), kwargs=api_slug),
    "api_v1:activities": Row(get=everyone(200), kwargs=api_slug),
    "api_v1:sessions": Row(get=everyone(200), kwargs=api_slug),
    "api_v1:participants": Row(get=everyone(401)),
    "api_v1:pairs": Row(get=everyone(401)),
    "api_v1:attendance": Row(get=everyone(401), post=everyone(401)),
    "api_v1:attendance_record": Row(get=everyone(401), post=everyone(401)),
    # not ours: a sample of each, the rest is covered by NOT_OURS
    "admin:index": Row(
        get={**everyone(REDIRECT), Role.PLATFORM_ADMIN: 200},
        not_ours="admin/",
    ),
    "account_login": Row(
        get={**everyone(REDIRECT), Role.ANONYMOUS: 200},
        not_ours="accounts/",
    ),
    "set_language": Row(get=everyone(REDIRECT), post=everyone(REDIRECT), not_ours="i18n/"),
}


@dataclass(frozen=True)
class Cell:
    name: str
    method: str
    role: Role
    other_side: bool = False
    id: str = field(init=False, default="")

    def __post_init__(self) -> None:
        side = "-other" if self.other_side else ""
        object.__setattr__(self, "id", f"{self.name}-{self.method}{side}-{self.role}")


def cells() -> list[Cell]:
    """Every cell of the table: route × method × role, and the other side where it applies."""
    result: list[Cell] = []
    for name, row in TABLE.items():
        methods = ["GET"] + (["POST"] if row.post is not None else [])
        sides = [False] + ([True] if row.crossing != Cross.NONE else [])
        for method in methods:
            for other_side in sides:
                result.extend(
                    Cell(name, method, role, other_side)
                    for role in ROLES
                    if role != Role.PARTICIPANT
                    and (not other_side or _reaches_objects(row, method, role))
                )
    return result


def _reaches_objects(row: Row, method: str, role: Role) -> bool:
    """Whether the role gets past the role check, so the other side's objects are worth trying
    (a role stopped before any lookup gets the same answer on both sides)."""
    if role == Role.OUTSIDER or row.crossing == Cross.PUBLIC:
        return True
    return row.expected(method, role, other_side=False) not in STOPPED_BEFORE_LOOKUP
