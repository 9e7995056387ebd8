"""`{{ value|cell }}`: a table cell the Swedish way (reports.numbers.cell)."""

from django import template

from ..numbers import cell as number_cell

register = template.Library()


@register.filter
def cell(value: object) -> str:
    return number_cell(value)
