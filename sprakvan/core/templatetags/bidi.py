"""Keeping names, codes, dates and numbers in their own direction inside right-to-left text.

- `{{ value|bdi }}`: a name (a person's, an organisation's, a place's) as `<bdi>…</bdi>`, safe,
  so it survives as markup inside `{% blocktranslate with name=person.full_name|bdi %}`.
- `{{ value|isolate }}`: the same between Unicode isolates (FIRST STRONG ISOLATE … POP
  DIRECTIONAL ISOLATE), the plain-text <bdi>, for attributes (aria-label, alt, title), the page
  title and anything that is not HTML.
- `{{ value|ltr }}`: a date, number or address kept left to right (Unicode isolates, so it also
  works inside translated sentences and in WeasyPrint's PDFs).
"""

from django import template
from django.utils.safestring import SafeString

from sprakvan.core.bidi import LEFT_TO_RIGHT_ISOLATE, POP_DIRECTIONAL_ISOLATE, isolated
from sprakvan.core.bidi import bdi as bdi_element

register = template.Library()


@register.filter
def ltr(value: object) -> str:
    return f"{LEFT_TO_RIGHT_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}" if value != "" else ""


@register.filter
def bdi(value: object) -> SafeString | str:
    """`<bdi>value</bdi>`, the value escaped; nothing for an empty value (no empty element)."""
    return bdi_element(value) if value not in ("", None) else ""


@register.filter(is_safe=True)
def isolate(value: object) -> str:
    """The template filter of `isolated`; keeps the value's safeness (autoescape still applies
    to an unsafe value), nothing for an empty value."""
    return isolated(value) if value not in ("", None) else ""
