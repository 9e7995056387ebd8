"""Demo staff for each role in the Linköping programme (demo passwords, printed by make run)."""

from sprakvan.accounts.models import Role, User
from sprakvan.accounts.services import grant_role
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation

DEMO_PASSWORD = "sprakvan-demo"
# (e-mail, first name, last name, role or "admin", organisation name)
DEMO_STAFF = [
    ("admin@demo.sprakvan.se", "Ada", "Admin", "admin", None),
    ("samordnare@demo.sprakvan.se", "Karin", "Lund", Role.COORDINATOR, None),
    ("ledare@demo.sprakvan.se", "Leif", "Berg", Role.ACTIVITY_LEADER, None),
    ("ledare2@demo.sprakvan.se", "Lejla", "Hadžić", Role.ACTIVITY_LEADER, None),
    ("kommunen@demo.sprakvan.se", "Maria", "Holm", Role.PARTNER_VIEWER, None),
    ("anvisare@demo.sprakvan.se", "Rami", "Saleh", Role.REFERRER, "Arbetsmarknadscentrum"),
]


def load(programme: Programme) -> list[tuple[str, str]]:
    """Creates the demo staff once; returns (e-mail, role label) for the login list."""
    logins = []
    for email, first, last, role, organisation_name in DEMO_STAFF:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                is_staff=role == "admin",
                is_superuser=role == "admin",
            )
        if role == "admin":
            logins.append((email, "platform admin"))
            continue
        organisation = None
        if organisation_name:
            organisation, _created = Organisation.objects.get_or_create(
                programme=programme,
                name=organisation_name,
                defaults={"kind": "municipal_service"},
            )
        grant_role(user=user, programme=programme, role=role, organisation=organisation)
        logins.append((email, str(Role(role).label)))
    return logins
