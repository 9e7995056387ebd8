"""manage.py create_programme SLUG --name NAME [--district NAME ...]"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sprakvan.core.models import Programme
from sprakvan.core.services import create_programme


class Command(BaseCommand):
    help = "Create a programme (a tenant) with its districts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--city", default="")
        parser.add_argument("--organisations", default="")
        parser.add_argument("--district", action="append", default=[], dest="districts")

    def handle(self, *args: Any, **options: Any) -> None:
        if Programme.objects.filter(slug=options["slug"]).exists():
            raise CommandError(f"A programme with the slug '{options['slug']}' already exists.")
        try:
            programme = create_programme(
                slug=options["slug"],
                name=options["name"],
                city=options["city"],
                organisations=options["organisations"],
                districts=options["districts"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Created {programme.name} (/{programme.slug}/) with "
            f"{programme.districts.count()} districts."
        )
