"""Every kind of activity and every picture of a sequence has its pictogram in static/: flat
SVGs on the same square canvas, with no text inside (the caption is translated, the picture not)."""

from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders

from sprakvan.activities.models import ActivityType, StepPicture, step_picture, type_picture

SVG = "{http://www.w3.org/2000/svg}"


def _file(path: str) -> Path | None:
    found = finders.find(path)
    return Path(found) if isinstance(found, str) else None


@pytest.mark.parametrize("kind", ActivityType.values)
def test_every_activity_type_has_a_picture_in_static(kind: str) -> None:
    assert type_picture(kind).endswith(f"activities/types/{kind}.svg")
    assert _file(f"activities/types/{kind}.svg") is not None, f"static/activities/types/{kind}.svg"


@pytest.mark.parametrize("picture", StepPicture.values)
def test_every_step_picture_is_a_square_svg_without_text(picture: str) -> None:
    assert step_picture(picture).endswith(f"activities/steps/{picture}.svg")
    path = _file(f"activities/steps/{picture}.svg")
    assert path is not None, f"static/activities/steps/{picture}.svg is missing"
    root = ElementTree.parse(path).getroot()  # noqa: S314 (our own file)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 96 96"
    assert not list(root.iter(f"{SVG}text")), (
        "no words inside a pictogram: it is for every language"
    )
    assert not list(root.iter(f"{SVG}image")), "drawn, not a photo or an embedded bitmap"


def test_the_built_in_set_covers_what_a_city_walk_and_a_cafe_need() -> None:
    """The brief's minimum: meeting point, walking, talking, fika, sightseeing, play, garden,
    bus, library, goodbye, time, toilet, rain clothes, free of charge."""
    assert set(StepPicture.values) >= {
        "meet",
        "walk",
        "talk",
        "fika",
        "look",
        "play",
        "garden",
        "bus",
        "book",
        "goodbye",
        "time",
        "toilet",
        "rain",
        "free",
    }
    assert all(len(str(label)) <= 30 for label in StepPicture.labels), "labels stay short"
