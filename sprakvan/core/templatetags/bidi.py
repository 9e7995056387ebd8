"""`{{ value|ltr }}`: a date, number or address inside right-to-left text, kept in its own
left-to-right order (Unicode isolates, so it also works inside translated sentences and in
WeasyPrint's PDFs, where an HTML element cannot be put into a `blocktranslate` value)."""

from django import template

register = template.Library()

LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@register.filter
def ltr(value: object) -> str:
    return f"{LEFT_TO_RIGHT_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}" if value != "" else ""
