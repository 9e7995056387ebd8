"""Creating programmes and their districts."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.text import slugify

from .models import District, Programme


@transaction.atomic
def create_programme(
    *, slug: str, name: str, city: str = "", organisations: str = "", districts: Sequence[str] = ()
) -> Programme:
    programme = Programme.objects.create(
        slug=slugify(slug), name=name, city=city, organisations=organisations
    )
    for district in districts:
        District.objects.get_or_create(programme=programme, name=district.strip())
    return programme


def set_neighbours(programme: Programme, pairs: list[tuple[str, str]]) -> None:
    """Mark districts as neighbours of each other, by name."""
    by_name = {d.name: d for d in programme.districts.all()}
    for a, b in pairs:
        by_name[a].neighbours.add(by_name[b])
