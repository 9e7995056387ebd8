"""The field inventory against the models and docs/privacy.md."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps

from sprakvan.privacy.inventory import INVENTORY, PersonalField
from sprakvan.privacy.inventory_check import FieldInfo, check_fields
from sprakvan.privacy.inventory_doc import (
    DOCUMENT,
    END,
    START,
    inventory_section,
    render_markdown,
    write_document,
)


def model_fields() -> list[FieldInfo]:
    fields = []
    for model in apps.get_models():
        if not model.__module__.startswith("sprakvan."):
            continue
        for field in model._meta.concrete_fields:
            related = field.related_model
            fields.append(
                FieldInfo(
                    model._meta.label,
                    field.name,
                    related._meta.label
                    if related is not None and not isinstance(related, str)
                    else None,
                )
            )
    return fields


def item(model: str, field: str) -> PersonalField:
    return PersonalField(model, field, "purpose", "basis", "coordinator", "a while")


def test_every_personal_looking_field_of_every_model_is_in_the_inventory() -> None:
    assert check_fields(model_fields()) == []


def test_the_model_walk_sees_the_participants_phone_and_the_attendance_link() -> None:
    fields = model_fields()
    assert FieldInfo("participants.Participant", "phone") in fields
    assert FieldInfo("activities.Attendance", "participant", "participants.Participant") in fields


def test_docs_privacy_holds_exactly_the_rendered_inventory() -> None:
    assert inventory_section(DOCUMENT.read_text(encoding="utf-8")) == render_markdown(), (
        "regenerate with: python -m sprakvan.privacy.inventory_doc --write"
    )


def test_check_reports_a_personal_looking_field_missing_from_the_inventory() -> None:
    fields = [FieldInfo("pets.Owner", "phone"), FieldInfo("pets.Owner", "kind")]
    assert check_fields(fields, inventory=[], not_personal=[]) == [
        "pets.Owner.phone looks personal but is not in the inventory"
    ]
    assert check_fields(fields, inventory=[item("pets.Owner", "phone")], not_personal=[]) == []


def test_check_reports_a_foreign_key_to_a_participant_missing_from_the_inventory() -> None:
    fields = [FieldInfo("pets.Walk", "walker", "participants.Participant")]
    assert check_fields(fields, inventory=[], not_personal=[]) == [
        "pets.Walk.walker looks personal but is not in the inventory"
    ]


def test_check_requires_every_field_of_a_person_model() -> None:
    fields = [FieldInfo("participants.Participant", "shoe_size")]
    assert check_fields(fields, inventory=[], not_personal=[]) == [
        "participants.Participant.shoe_size looks personal but is not in the inventory"
    ]


def test_check_reports_an_inventoried_field_that_no_longer_exists() -> None:
    problems = check_fields(
        [], inventory=[item("pets.Owner", "fax")], not_personal=[("pets.Owner", "name")]
    )
    assert problems == [
        "pets.Owner.fax is listed but no longer exists",
        "pets.Owner.name is listed but no longer exists",
    ]


def test_check_refuses_a_field_listed_both_as_personal_and_not_personal() -> None:
    fields = [FieldInfo("pets.Owner", "name")]
    problems = check_fields(
        fields, inventory=[item("pets.Owner", "name")], not_personal=[("pets.Owner", "name")]
    )
    assert problems == ["pets.Owner.name is both in the inventory and listed as not personal"]


def test_check_refuses_special_categories_and_their_proxies_even_when_inventoried() -> None:
    names = [
        "ethnicity",
        "religion",
        "health_notes",
        "diagnosis",
        "nationality",
        "country_of_birth",
        "mother_tongue",
        "citizenship",
        "sexual_orientation",
        "political_view",
        "union_member",
        "biometric_template",
        "criminal_record",
    ]
    fields = [FieldInfo("pets.Owner", name) for name in names]
    problems = check_fields(
        fields, inventory=[item("pets.Owner", n) for n in names], not_personal=[]
    )
    assert problems == [
        f"pets.Owner.{name} suggests a special category: remove it" for name in names
    ]


def test_check_does_not_mistake_harmless_names_for_special_categories() -> None:
    fields = [FieldInfo("pets.Owner", n) for n in ("trace_id", "reunion_day", "party", "raceway")]
    assert check_fields(fields, inventory=[], not_personal=[]) == []


def test_every_inventory_row_says_purpose_basis_who_and_how_long() -> None:
    for row in INVENTORY:
        assert all((row.purpose, row.basis, row.seen_by, row.kept)), row
        assert "Art. 6(1)" in row.basis, row


def test_render_markdown_puts_one_table_per_model_with_every_field() -> None:
    text = render_markdown()
    assert text.count("### participants.Participant") == 1
    assert "| phone | calls and SMS about pairs and activities | consent, Art. 6(1)(a) |" in text
    assert all(f"| {row.field} |" in text for row in INVENTORY)


def test_write_document_replaces_only_the_inventory_section(tmp_path: Path) -> None:
    path = tmp_path / "privacy.md"
    path.write_text(
        f"# Privacy\n\n{START}\nSTALE ROWS\n{END}\n\n## Erasure\n\nKept.\n", encoding="utf-8"
    )
    write_document(path)
    text = path.read_text(encoding="utf-8")
    assert inventory_section(text) == render_markdown()
    assert "STALE ROWS" not in text
    assert text.endswith("## Erasure\n\nKept.\n")


def test_write_document_appends_the_section_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "privacy.md"
    path.write_text("# Privacy\n\n## Erasure\n", encoding="utf-8")
    write_document(path)
    assert inventory_section(path.read_text(encoding="utf-8")) == render_markdown()
