"""An activity's picture sequence (bildstöd): what will happen and where to meet, in pictograms."""

from __future__ import annotations

from django.db import models
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from .activity import Activity

# A sequence longer than this stops helping: it no longer fits one printed sheet or one glance.
MAX_PICTURE_STEPS = 8


class StepPicture(models.TextChoices):
    """The built-in pictograms (static/activities/steps/<value>.svg). The label is the
    picture's alt text and its caption, so it says what happens in a few everyday words."""

    MEET = "meet", _("We meet")
    WALK = "walk", _("We walk")
    TALK = "talk", _("We talk")
    FIKA = "fika", _("We have coffee")
    LOOK = "look", _("We look around")
    PLAY = "play", _("We play sport")
    GARDEN = "garden", _("In the garden")
    BUS = "bus", _("We take the bus")
    BOOK = "book", _("At the library")
    GOODBYE = "goodbye", _("We say goodbye")
    TIME = "time", _("The time")
    TOILET = "toilet", _("Toilet")
    RAIN = "rain", _("Bring clothes for rain")
    FREE = "free", _("It is free")


def step_picture(picture: str) -> str:
    return static(f"activities/steps/{picture}.svg")


class PictureStep(models.Model):
    """One picture of the sequence, at its place (1 first), with a short note such as
    "By the big stairs". Positions are kept 1…n without gaps by the services."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="picture_steps")
    position = models.PositiveSmallIntegerField(_("position"))
    picture = models.CharField(_("picture"), max_length=20, choices=StepPicture.choices)
    note = models.CharField(
        _("note"),
        max_length=80,
        blank=True,
        help_text=_("Short, in easy Swedish. For example: By the big stairs."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("picture step")
        verbose_name_plural = _("picture steps")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "position"], name="picture_step_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.get_picture_display()}"

    @property
    def picture_url(self) -> str:
        return step_picture(self.picture)

    @property
    def label(self) -> str:
        return str(self.get_picture_display())
