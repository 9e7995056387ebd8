"""`{{ amount|kr }}`: money as "1 250 kr"."""

from decimal import Decimal

from django import template

from sprakvan.partners.money import kr as format_kr

register = template.Library()


@register.filter
def kr(amount: int | Decimal | None) -> str:
    return format_kr(amount)
