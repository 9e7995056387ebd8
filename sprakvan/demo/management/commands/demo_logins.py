"""manage.py demo_logins: prints how to log in to the demo (make run calls it)."""

from typing import Any

from django.core.management.base import BaseCommand

from sprakvan.core.models import Programme
from sprakvan.demo.accounts import DEMO_PASSWORD, DEMO_STAFF
from sprakvan.demo.participants import SLUG
from sprakvan.demo.privacy import sample_participant


class Command(BaseCommand):
    help = "Print the demo accounts and their password."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("")
        self.stdout.write("Språkvän demo: http://127.0.0.1:8000/accounts/login/")
        self.stdout.write(f"Every demo account has the password: {DEMO_PASSWORD}")
        for email, first, last, role, organisation in DEMO_STAFF:
            where = f" ({organisation})" if organisation else ""
            self.stdout.write(f"  {email:32} {role}{where} · {first} {last}")
        self.stdout.write("Public sign-up: http://127.0.0.1:8000/linkoping/anmalan/")
        programme = Programme.objects.filter(slug=SLUG).first()
        person = sample_participant(programme) if programme else None
        if person is not None:
            self.stdout.write(
                "A participant's own page: http://127.0.0.1:8000/linkoping/mina-sidor/ "
                f"(try {person.first_name}'s number {person.phone}; the worker prints the SMS "
                "with the code and the link)"
            )
        self.stdout.write("")
