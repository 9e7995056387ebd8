"""manage.py demo_logins: prints how to log in to the demo (make run calls it)."""

from typing import Any

from django.core.management.base import BaseCommand

from sprakvan.demo.accounts import DEMO_PASSWORD, DEMO_STAFF


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
        self.stdout.write("")
