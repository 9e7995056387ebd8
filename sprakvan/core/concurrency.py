"""Optimistic locking for edit forms: a row's version, the check in the service, the message.

An edit form carries a hidden `version`: one short keyed hash per field of the row as it was
loaded. The service locks the row (`select_for_update`, inside its transaction), compares it
with that version and raises `EditConflict` if someone else saved in between, so the check
and the write are one atomic step. The view shows the conflict in the form, which keeps what
the user typed and now carries the current version: saving again overwrites knowingly.
Per-field hashes (rather than one for the row) tell which fields the other person changed.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .forms_rendering import FormBase

KEY_SALT = "sprakvan.core.concurrency"
DIGEST_LENGTH = 8


class EditConflict(Exception):
    """Someone else saved the row after the form was loaded; nothing was written."""

    def __init__(self, *, current: models.Model, changed: list[str], version: str) -> None:
        super().__init__(f"{type(current).__name__} {current.pk} changed: {', '.join(changed)}")
        self.current = current
        self.changed = changed
        self.version = version


def _tracked_fields(model: type[models.Model]) -> list[models.Field]:
    """Every field a person can change: not the key, not the automatic timestamps."""
    found = [
        field
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if isinstance(field, models.Field)
        and not field.primary_key
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]
    return sorted(found, key=lambda field: field.name)


def _stored_value(row: models.Model, field: models.Field) -> Any:
    if field.many_to_many:
        return sorted(getattr(row, field.name).values_list("pk", flat=True)) if row.pk else []
    return field.value_from_object(row)


def _digest(name: str, value: Any) -> str:
    text = f"{name}={json.dumps(value, default=str, sort_keys=True)}"
    return salted_hmac(KEY_SALT, text, algorithm="sha256").hexdigest()[:DIGEST_LENGTH]


def _digests(row: models.Model) -> dict[str, str]:
    return {
        field.name: _digest(field.name, _stored_value(row, field))
        for field in _tracked_fields(type(row))
    }


def version_of(row: models.Model) -> str:
    """The version of `row` as it is in memory (load it from the database first)."""
    return ".".join(_digests(row).values())


def changed_since(row: models.Model, version: str) -> list[str]:
    """The names of the fields of `row` that differ from `version` (all, if it is malformed)."""
    now = _digests(row)
    then = version.split(".")
    if len(then) != len(now):
        return list(now)
    return [name for (name, digest), old in zip(now.items(), then, strict=True) if digest != old]


def lock_unchanged[M: models.Model](
    row: M, *, version: str | None, fields: Collection[str] | None = None
) -> M:
    """Lock `row` until the transaction ends and return it as stored; raise `EditConflict` if
    any of `fields` (default: all) changed since `version`. `version=None` only locks (for
    callers without a form, such as commands and imports). Call inside `transaction.atomic`."""
    current = type(row)._default_manager.select_for_update().get(pk=row.pk)
    if version is None:
        return current
    changed = changed_since(current, version)
    if fields is not None:
        changed = [name for name in changed if name in fields]
    if changed:
        raise EditConflict(current=current, changed=changed, version=version_of(current))
    return current


def display_value(row: models.Model, name: str) -> str:
    """A stored value as the coordinator reads it: choice labels, names, dates, yes/no."""
    field = row._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(row, name).all()) or "–"
    value = getattr(row, name)
    if getattr(field, "choices", None) and value not in (None, ""):
        return str(getattr(row, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None or value == "":
        return "–"
    return str(formats.localize(value))


class VersionedFormMixin(FormBase):
    """Gives an edit form a hidden `version` of the row it edits: the ModelForm's instance, or
    `edited=` for a plain form. A form that creates a row has no version field."""

    data: Any

    def __init__(self, *args: Any, edited: models.Model | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        row = edited if edited is not None else getattr(self, "instance", None)
        self.edited = row if row is not None and row.pk is not None else None
        if self.edited is None:
            return
        self.fields["version"] = forms.CharField(
            widget=forms.HiddenInput,
            error_messages={
                "required": gettext_lazy(
                    "This page is out of date. Open it again and make your changes there."
                )
            },
        )
        if not self.is_bound:
            self.initial["version"] = version_of(self.edited)

    @property
    def loaded_version(self) -> str | None:
        """The version the form was loaded with (after validation), None on a create form."""
        cleaned: dict[str, Any] = getattr(self, "cleaned_data", {})
        return cleaned.get("version") if self.edited is not None else None

    def describe(self, row: models.Model, name: str) -> str:
        """The current value of `name` in words; forms override it for coded fields."""
        return display_value(row, name)

    def label_of(self, row: models.Model, name: str) -> str:
        if name in self.fields and self.fields[name].label:
            return str(self.fields[name].label)
        field = row._meta.get_field(name)
        # Only concrete fields are tracked (`_tracked_fields`), never the far side of a relation.
        return str(field.verbose_name if isinstance(field, models.Field) else name).capitalize()

    def show_conflict(self, conflict: EditConflict) -> None:
        """Add the conflict as a non-field error listing the values saved now, and take the
        current version so that saving again overwrites knowingly. What was typed stays."""
        row = conflict.current
        lines = [
            _(
                "Someone else saved changes to this %(thing)s while you were editing it, "
                "so your changes were not saved. What is saved now:"
            )
            % {"thing": row._meta.verbose_name},
            *(
                f"{self.label_of(row, name)}: {self.describe(row, name)}"
                for name in conflict.changed
            ),
            _(
                "Your changes are still in the form: check them and save again "
                "to replace what is saved."
            ),
        ]
        self.add_error(None, ValidationError(lines))
        data = self.data.copy()
        data[self.add_prefix("version")] = conflict.version
        self.data = data


class VersionForm(VersionedFormMixin, forms.Form):
    """Nothing but the version: for a button that changes a row without other input."""
