"""The kinds of activity with their pictures and descriptions, language levels, hall bookings."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _


class ActivityType(models.TextChoices):
    """The kinds of activity; each has a picture and a plain-language description."""

    LANGUAGE_CAFE = "language_cafe", _("Language café")
    POPUP_CAFE = "popup_cafe", _("Pop-up café at a workplace")
    WALK_AND_TALK = "walk_and_talk", _("Walk and talk")
    SPORT = "sport", _("Sport")
    CITY_WALK = "city_walk", _("Guided city walk")
    GARDENING = "gardening", _("Gardening")
    OTHER = "other", _("Other activity")


# Easy Swedish in the Swedish catalogue: short sentences, everyday words.
TYPE_DESCRIPTIONS: dict[str, Any] = {
    ActivityType.LANGUAGE_CAFE: _(
        "Drink coffee and talk Swedish with others. Everyone is welcome."
    ),
    ActivityType.POPUP_CAFE: _("A language café at a workplace. Meet the people who work there."),
    ActivityType.WALK_AND_TALK: _("We take a walk together and talk Swedish on the way."),
    ActivityType.SPORT: _("Play a sport together, for example floorball. No skills needed."),
    ActivityType.CITY_WALK: _("A guide shows the city. Easy Swedish and pictures."),
    ActivityType.GARDENING: _("Grow vegetables and flowers together in the garden."),
    ActivityType.OTHER: _("Meet others and talk Swedish."),
}


def type_picture(activity_type: str) -> str:
    return static(f"activities/types/{activity_type}.svg")


def type_description(activity_type: str) -> str:
    return str(TYPE_DESCRIPTIONS.get(activity_type, TYPE_DESCRIPTIONS[ActivityType.OTHER]))


class ActivityState(models.TextChoices):
    """Where an activity stands. "In preparation" is not a session's "planned": it has no
    schedule and no session yet, only a district, possible places, a start month, partners."""

    PREPARING = "preparing", _("In preparation")
    RUNNING = "running", _("Running")


class LanguageLevel(models.TextChoices):
    EASY = "easy", _("Easy Swedish")
    ALL = "all", _("All levels")
    SOME = "some", _("Some Swedish needed")


class HallBooking(models.TextChoices):
    NOT_NEEDED = "", _("No booking needed")
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    REFUSED = "refused", _("Refused")
