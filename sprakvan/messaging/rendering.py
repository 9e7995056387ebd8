"""Turning a kind of message into its text: the programme's template or the default, rendered.

Templates use Django's template syntax (`{{ first_name }}`, `{% if cancelled %}`). Callers pass
every value as a ready string (dates and times already written in the message's language);
`render_message` only substitutes. An unknown variable renders empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.base import FilterExpression, Node, TextNode, Variable, VariableNode
from django.template.defaulttags import CommentNode, ForNode, IfNode
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from sprakvan.core.models import Programme

from .defaults import DEFAULTS, FALLBACK_LANGUAGE, VARIABLES
from .models import MessageTemplate

# No loaders and no directories: a template cannot include or extend a file. Autoescape off:
# the text is plain text (SMS, the e-mail's text part); the HTML part escapes it afterwards.
ENGINE = Engine(autoescape=False, string_if_invalid="", libraries={})


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def template_for(programme: Programme, kind: str, language: str) -> tuple[str, str]:
    """(subject, body) for this kind in this language: the programme's own template, else the
    default, else the Swedish one (the programme's, else the default)."""
    own = {
        found.language: (found.subject, found.body)
        for found in MessageTemplate.objects.filter(
            programme=programme, kind=kind, language__in=[language, FALLBACK_LANGUAGE]
        )
    }
    if language in own:
        return own[language]
    defaults = DEFAULTS.get(kind, {})
    if language in defaults:
        return defaults[language]
    if FALLBACK_LANGUAGE in own:
        return own[FALLBACK_LANGUAGE]
    return defaults[FALLBACK_LANGUAGE]


def render_message(
    programme: Programme, *, kind: str, language: str, context: dict[str, object]
) -> Rendered:
    """The message's subject (one line), its text, and the text as escaped HTML paragraphs."""
    subject, body = template_for(programme, kind, language)
    return render_text(subject=subject, body=body, context=context)


def render_text(*, subject: str, body: str, context: dict[str, object]) -> Rendered:
    """Render a subject and body given as template text (the editor's preview uses this).
    Raises `TemplateSyntaxError` for a broken template."""
    values = Context(context, autoescape=False)
    text = ENGINE.from_string(body).render(values).strip()
    subject_line = " ".join(ENGINE.from_string(subject).render(values).split())
    return Rendered(subject=subject_line, text=text, html=linebreaks(text, autoescape=True))


def template_problems(*, kind: str, subject: str, body: str) -> list[str]:
    """What is wrong with a template for this kind, in words for the coordinator: a syntax
    error, or a variable not in `VARIABLES[kind]`. Empty when it is fine."""
    allowed = set(VARIABLES.get(kind, ()))
    problems: list[str] = []
    for text in (subject, body):
        try:
            template = ENGINE.from_string(text)
        except TemplateSyntaxError as error:
            problems.append(
                _("The template cannot be read: %(error)s") % {"error": str(error).strip()}
            )
            continue
        names: set[str] = set()
        tags: set[str] = set()
        _collect(list(template.nodelist), names, tags, bound=set())
        for tag in sorted(tags):
            problems.append(_("This tag cannot be used in a message: %(tag)s") % {"tag": tag})
        for name in sorted(names - allowed):
            problems.append(_("Unknown variable: %(name)s") % {"name": name})
    return problems


def variables_used(template: Template) -> set[str]:
    """The names a template reads (the first part of `{{ a.b }}`), loop variables left out."""
    names: set[str] = set()
    _collect(list(template.nodelist), names, set(), bound=set())
    return names


def _collect(nodes: list[Node], names: set[str], tags: set[str], *, bound: set[str]) -> None:
    """Gather the variables read, and the tags other than if, for and comment (include,
    url, load… have no place in a message and could fail when it is sent)."""
    for node in nodes:
        if isinstance(node, (TextNode, CommentNode)):
            continue
        if isinstance(node, VariableNode):
            _add(node.filter_expression, names, bound)
        elif isinstance(node, IfNode):
            for condition, nodelist in node.conditions_nodelists:
                _add_condition(condition, names, bound)
                _collect(list(nodelist), names, tags, bound=bound)
        elif isinstance(node, ForNode):
            if isinstance(node.sequence, FilterExpression):
                _add(node.sequence, names, bound)
            inner = bound | set(node.loopvars) | {"forloop"}
            _collect(_nodes(node.nodelist_loop), names, tags, bound=inner)
            _collect(_nodes(node.nodelist_empty), names, tags, bound=bound)
        else:
            token = getattr(node, "token", None)
            tags.add("{% " + (token.contents.split()[0] if token else type(node).__name__) + " %}")


def _nodes(nodelist: Iterable[object] | None) -> list[Node]:
    return [node for node in nodelist or [] if isinstance(node, Node)]


def _add_condition(condition: object, names: set[str], bound: set[str]) -> None:
    if condition is None:
        return
    value = getattr(condition, "value", None)
    if isinstance(value, FilterExpression):
        _add(value, names, bound)
    for side in ("first", "second"):
        part = getattr(condition, side, None)
        if part is not None:
            _add_condition(part, names, bound)


def _add(expression: FilterExpression, names: set[str], bound: set[str]) -> None:
    variable = expression.var
    if isinstance(variable, Variable) and variable.lookups:
        root = variable.lookups[0]
        if root not in bound:
            names.add(root)
    for _filter, arguments in expression.filters:
        for is_variable, argument in arguments:
            if is_variable and isinstance(argument, Variable) and argument.lookups:
                names.update({argument.lookups[0]} - bound)
