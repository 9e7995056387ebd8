"""The field inventory as the tables of docs/privacy.md, between two markers: rendered, read
back and rewritten (`python -m sprakvan.privacy.inventory_doc --write`). Pure, no Django."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from .inventory import INVENTORY, PersonalField

TABLE_HEAD = (
    "| field | purpose | legal basis | who sees it | kept |\n| --- | --- | --- | --- | --- |"
)


def render_markdown(inventory: Iterable[PersonalField] = INVENTORY) -> str:
    """The inventory section of docs/privacy.md: one table per model, in the inventory's order."""
    lines = [
        "## Field inventory",
        "",
        "Every personal field the platform stores: what it is for, the legal basis (GDPR Art. 6(1)),",
        "who sees it and how long it is kept. Generated from `sprakvan/privacy/inventory.py` by",
        "`python -m sprakvan.privacy.inventory_doc --write`; a test fails when this text, the inventory",
        "and the models disagree, and when a field's name suggests a special category (Art. 9).",
    ]
    current = ""
    for item in inventory:
        if item.model != current:
            current = item.model
            lines += ["", f"### {current}", "", TABLE_HEAD]
        cells = (item.field, item.purpose, item.basis, item.seen_by, item.kept)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


START = "<!-- inventory:start (generated, do not edit by hand) -->"
END = "<!-- inventory:end -->"
DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"


def inventory_section(document: str) -> str | None:
    """The text between the markers in docs/privacy.md, or None when the markers are missing."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        return None
    return document[start + len(START) : end].strip("\n") + "\n"


def write_document(path: Path = DOCUMENT) -> None:
    """Replace the inventory section of the document (append it when the document has none)."""
    document = path.read_text(encoding="utf-8") if path.exists() else "# Privacy\n"
    block = f"{START}\n{render_markdown()}{END}"
    start, end = document.find(START), document.find(END)
    if start >= 0 and end > start:
        document = document[:start] + block + document[end + len(END) :]
    else:
        document = document.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(document, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write_document()
    else:
        sys.stdout.write(render_markdown())
