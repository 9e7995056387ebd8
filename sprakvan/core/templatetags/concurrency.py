"""`{{ row|edit_version }}`: the hidden version for a form the view did not build."""

from django import template
from django.db.models import Model

from sprakvan.core.concurrency import version_of

register = template.Library()


@register.filter
def edit_version(row: Model) -> str:
    return version_of(row)
