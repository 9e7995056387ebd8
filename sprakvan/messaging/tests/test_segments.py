"""SMS part counting: GSM 03.38 with its extension table, UCS-2 in UTF-16 units, the borders."""

import math

from hypothesis import given
from hypothesis import strategies as st

from sprakvan.messaging.segments import sms_parts

ARABIC_LETTER = "ب"
EMOJI = "😀"  # outside the BMP: two UTF-16 units


def test_empty_text_is_one_gsm_part_of_no_characters() -> None:
    counted = sms_parts("")
    assert (counted.encoding, counted.characters, counted.parts) == ("GSM-7", 0, 1)


def test_swedish_letters_are_in_the_gsm_alphabet() -> None:
    text = "Hej Åsa! Välkommen till språkcafé på Skäggetorp, onsdag kl. 18. ÄÖåäöÉ"
    counted = sms_parts(text)
    assert counted.encoding == "GSM-7"
    assert counted.characters == len(text)
    assert counted.parts == 1


def test_arabic_is_always_ucs2() -> None:
    counted = sms_parts("مرحبا، نراكم في مقهى اللغة")
    assert counted.encoding == "UCS-2"
    assert counted.characters == len("مرحبا، نراكم في مقهى اللغة")


def test_one_character_outside_gsm_makes_the_whole_text_ucs2() -> None:
    assert sms_parts("a" * 100).parts == 1
    counted = sms_parts("a" * 99 + "ł")
    assert counted.encoding == "UCS-2"
    assert counted.parts == 2


def test_extension_characters_count_two() -> None:
    assert sms_parts("€").characters == 2
    assert sms_parts("[x]").characters == 5
    assert sms_parts("{}\\^~|").characters == 12
    assert sms_parts("€" * 80).parts == 1
    assert sms_parts("€" * 80 + "a").parts == 2


def test_emoji_counts_two_utf16_units() -> None:
    counted = sms_parts(EMOJI)
    assert (counted.encoding, counted.characters) == ("UCS-2", 2)
    assert sms_parts(EMOJI * 35).parts == 1
    assert sms_parts(EMOJI * 36).parts == 2


def test_gsm_borders() -> None:
    assert [sms_parts("a" * n).parts for n in (160, 161, 306, 307, 459, 460)] == [1, 2, 2, 3, 3, 4]


def test_ucs2_borders() -> None:
    counts = [sms_parts(ARABIC_LETTER * n).parts for n in (70, 71, 134, 135, 201, 202)]
    assert counts == [1, 2, 2, 3, 3, 4]


def test_a_part_never_ends_inside_an_extension_character() -> None:
    # 306 septets, but the € would straddle the first border: it moves whole to part two.
    assert sms_parts("a" * 152 + "€" + "a" * 152).characters == 306
    assert sms_parts("a" * 152 + "€" + "a" * 152).parts == 3
    assert sms_parts("a" * 151 + "€" + "a" * 153).parts == 2


def test_a_part_never_ends_inside_a_surrogate_pair() -> None:
    assert sms_parts(ARABIC_LETTER * 66 + EMOJI + ARABIC_LETTER * 66).parts == 3
    assert sms_parts(ARABIC_LETTER * 65 + EMOJI + ARABIC_LETTER * 67).parts == 2


@given(st.text(alphabet="aåé€[ب😀 ", max_size=500))
def test_parts_are_the_fewest_that_hold_the_text_give_or_take_the_unsplittable(
    text: str,
) -> None:
    counted = sms_parts(text)
    single, multi = (160, 153) if counted.encoding == "GSM-7" else (70, 67)
    if counted.characters <= single:
        assert counted.parts == 1
    else:
        assert math.ceil(counted.characters / multi) <= counted.parts
        assert counted.parts <= math.ceil(counted.characters / (multi - 1))
