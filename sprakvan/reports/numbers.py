"""Numbers as Swedish writes them (pure): a decimal comma and a no-break space between
thousands, "1 234,5"; money as "1 250 kr". The platform uses these conventions in every UI
language (config/formats), so the document, the charts and the pages agree."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"


def number(value: int | float | Decimal, decimals: int = 0) -> str:
    """1234.5 → "1 234,5" (decimals=1); a whole number has no decimals unless asked for."""
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = MINUS if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    digits = f"{int(whole):,}".replace(",", NBSP)
    return f"{sign}{digits},{fraction}" if fraction else f"{sign}{digits}"


def kr(amount: int | Decimal | None) -> str:
    """1 250 kr: whole kronor, a no-break space between thousands and before "kr"."""
    if amount is None:
        return "–"
    return number(amount) + NBSP + "kr"


def cell(value: object) -> str:
    """A table cell as the document prints it: numbers the Swedish way with the decimals they
    have (15.3 → "15,3", 9007 → "9 007"), dates ISO, nothing as "–", text as it is."""
    if value is None:
        return "–"
    if isinstance(value, str) and value.isdigit():  # a count a partner viewer may see: "9007"
        return number(int(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    exponent = exact.as_tuple().exponent
    return number(exact, max(-exponent, 0) if isinstance(exponent, int) else 0)
