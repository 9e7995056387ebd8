"""How many SMS parts a text costs: GSM 03.38 (7-bit) or UCS-2, as the networks count them.

No Django here: the template editor, the group-message preview and the budget all ask this.
A text that fits the GSM 03.38 basic set and its extension table is sent as GSM-7 (an extension
character such as `€` or `[` takes two septets); anything else (Arabic, emoji) makes the whole
text UCS-2, counted in UTF-16 code units (a character outside the BMP takes two). One part
holds 160 septets or 70 units; a longer text is split into parts of 153 or 67, since each part
then carries a header. A split never cuts an extension character or a surrogate pair in two
(phones and providers keep them whole), so a part may hold one unit less than the maximum.
"""

from dataclasses import dataclass
from typing import Literal

# The GSM 03.38 default alphabet, in table order (0x1B, the escape to the extension table,
# left out). Swedish åäöÅÄÖ and é/É are in it.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
    " !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Reached through the escape: each costs two septets.
GSM_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM_SINGLE, GSM_MULTI = 160, 153
UCS2_SINGLE, UCS2_MULTI = 70, 67

Encoding = Literal["GSM-7", "UCS-2"]


@dataclass(frozen=True)
class SmsParts:
    encoding: Encoding
    characters: int  # septets for GSM-7, UTF-16 code units for UCS-2
    parts: int


def is_gsm(text: str) -> bool:
    return all(char in GSM_BASIC or char in GSM_EXTENSION for char in text)


def sms_parts(text: str) -> SmsParts:
    """The encoding, the length as the network counts it, and the number of parts (at least 1)."""
    if is_gsm(text):
        widths = [2 if char in GSM_EXTENSION else 1 for char in text]
        return SmsParts("GSM-7", sum(widths), _count_parts(widths, GSM_SINGLE, GSM_MULTI))
    widths = [2 if ord(char) > 0xFFFF else 1 for char in text]
    return SmsParts("UCS-2", sum(widths), _count_parts(widths, UCS2_SINGLE, UCS2_MULTI))


def _count_parts(widths: list[int], single: int, multi: int) -> int:
    if sum(widths) <= single:
        return 1
    parts, used = 1, 0
    for width in widths:
        if used + width > multi:
            parts, used = parts + 1, 0
        used += width
    return parts
