"""Creating programmes and their districts; archiving a programme (never deleting it)."""

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .audit import log_action
from .models import District, Programme


def reserved_slugs() -> set[str]:
    """First address segments the platform uses itself (`/reports/`, `/audit/`, …)."""
    from django.urls import URLResolver, get_resolver

    def first_segments(patterns: Sequence[Any]) -> set[str]:
        found = set()
        for pattern in patterns:
            route = str(pattern.pattern)
            if not route and isinstance(pattern, URLResolver):
                found |= first_segments(pattern.url_patterns)
            elif route and not route.startswith("<"):
                found.add(route.split("/")[0])
        return found

    return first_segments(get_resolver().url_patterns)


def check_slug_is_free(slug: str) -> None:
    """A programme's public pages live under /<slug>/: it may not shadow the platform's pages."""
    if slugify(slug) in reserved_slugs():
        raise ValidationError(
            _("“%(slug)s” is already an address of the platform; choose another short name."),
            code="reserved",
            params={"slug": slug},
        )


@transaction.atomic
def create_programme(
    *, slug: str, name: str, city: str = "", organisations: str = "", districts: Sequence[str] = ()
) -> Programme:
    check_slug_is_free(slug)
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


@transaction.atomic
def archive_programme(programme: Programme, *, archived_by: AbstractBaseUser | None) -> Programme:
    """Close the programme's staff pages to its members; its rows and audit log stay."""
    # Lock the row so two admins archiving at once log it once.
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.archived_at is None:
        programme.archived_at = timezone.now()
        programme.save(update_fields=["archived_at"])
        log_action(
            "core.programme.archived", programme=programme, actor=archived_by, target=programme
        )
    return programme
