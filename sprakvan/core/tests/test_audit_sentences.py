"""Every audit action the code logs has a human sentence, in the active language."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.core.audit import ACCESS_DENIED, log_action
from sprakvan.core.audit_sentences import SENTENCES, sentence_of
from sprakvan.core.jobs import JobKind
from sprakvan.core.models import Programme

SOURCE = Path(__file__).resolve().parents[2]
# What the variable parts of the actions built at run time can be: a new one fails the test
# below until it is listed here (and its sentences written).
PARTS = {
    "_money_kind(row)": ["contribution", "budget_line", "cost"],
    "kind": ["organisation", "outreach"],
}
NAMES = {"ACCESS_DENIED": [ACCESS_DENIED]}


def _expand(node: ast.expr, where: str) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _expand(node.body, where) + _expand(node.orelse, where)
    if isinstance(node, ast.Name) and node.id in NAMES:
        return NAMES[node.id]
    if isinstance(node, ast.JoinedStr):
        actions = [""]
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                source = ast.unparse(part.value)
                if source == "kind.name":
                    options = job_kinds()
                elif source in PARTS:
                    options = PARTS[source]
                else:
                    options = _expand(part.value, where)
            else:
                options = _expand(part, where)
            actions = [a + o for a in actions for o in options]
        return actions
    raise AssertionError(f"{where}: cannot tell which actions {ast.unparse(node)} logs")


def _trees() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text()))
        for path in sorted(SOURCE.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def job_kinds() -> list[str]:
    """The names of the background jobs (`jobs.JobKind(name=...)`), whose failures are logged."""
    return sorted(
        str(keyword.value.value)
        for _path, tree in _trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == JobKind.__name__
        for keyword in node.keywords
        if keyword.arg == "name" and isinstance(keyword.value, ast.Constant)
    )


def logged_actions() -> dict[str, str]:
    """Every action passed to log_action in the code (not the tests), with where."""
    actions: dict[str, str] = {}
    for path, tree in _trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "log_action":
                where = f"{path.relative_to(SOURCE)}:{node.lineno}"
                for action in _expand(node.args[0], where):
                    actions.setdefault(action, where)
    return actions


def test_the_collector_finds_literal_conditional_and_built_actions() -> None:
    actions = logged_actions()

    assert "matching.pair.confirmed" in actions
    assert {"reports.goal.created", "reports.goal.changed"} <= set(actions)
    assert {"partners.cost.deleted", "partners.outreach.link_rotated"} <= set(actions)
    assert {"participants.import.failed", "matching.run.retried"} <= set(actions)
    assert ACCESS_DENIED in actions
    assert len(actions) > 80


def test_every_logged_action_has_a_sentence() -> None:
    missing = {
        action: where for action, where in logged_actions().items() if action not in SENTENCES
    }

    assert missing == {}


def test_no_sentence_is_left_for_an_action_nobody_logs() -> None:
    assert set(SENTENCES) - set(logged_actions()) == set()


def test_sentences_are_unique_and_read_as_words() -> None:
    texts = [str(sentence) for sentence in SENTENCES.values()]

    assert len(set(texts)) == len(texts)
    assert not [text for text in texts if re.search(r"\w\.\w", text)]


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_the_sentence_follows_the_active_language(language: str) -> None:
    with translation.override(language):
        assert sentence_of("matching.pair.confirmed") == gettext("The pair was confirmed")
        assert sentence_of("core.programme.archived") == gettext("The programme was archived")


def test_an_action_without_a_sentence_keeps_its_name() -> None:
    assert sentence_of("old.thing.done") == "old.thing.done"


@pytest.mark.django_db
def test_an_event_says_its_sentence(programme: Programme) -> None:
    event = log_action("matching.pair.ended", programme=programme)

    with translation.override("sv"):
        assert event.sentence == gettext("The pair was ended")
