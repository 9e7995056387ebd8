"""Templates: the programme's own text or the default, Swedish as the fallback, every default
renders with its variables and fits in two SMS parts."""

from __future__ import annotations

import pytest

from sprakvan.core.models import Programme
from sprakvan.messaging.defaults import DEFAULTS, EXAMPLES, TEMPLATE_LANGUAGES, VARIABLES
from sprakvan.messaging.models import Kind, MessageTemplate
from sprakvan.messaging.rendering import (
    ENGINE,
    render_message,
    render_text,
    template_for,
    template_problems,
    variables_used,
)
from sprakvan.messaging.segments import sms_parts

# Arabic script, Ge'ez and Cyrillic go as UCS-2 (67 characters a part) and the personal answer
# link alone takes ~120: a message with a link may take three parts.
UCS2_LANGUAGES = ("ar", "fa-af", "ti", "uk")
THREE_PARTS_ALLOWED = {
    (kind, language)
    for kind in (Kind.CHECK_IN, Kind.SIGN_IN, Kind.CONSENT_RENEWAL)
    for language in UCS2_LANGUAGES
}
# Each language's script: some letter of every default's body lies in its range.
SCRIPTS = {
    "ar": ("\u0600", "\u06ff"),
    "fa-af": ("\u0600", "\u06ff"),
    "ti": ("\u1200", "\u137f"),
    "uk": ("\u0400", "\u04ff"),
}


def every_default() -> list[tuple[str, str]]:
    return [(kind, language) for kind in Kind.values for language in TEMPLATE_LANGUAGES]


def examples(kind: str, language: str) -> list[dict[str, object]]:
    """The example values; a session change both as a move and as a cancellation."""
    if kind == Kind.SESSION_CHANGED:
        return [EXAMPLES[language] | {"cancelled": flag} for flag in (False, True)]
    return [EXAMPLES[language]]


def test_every_kind_has_a_default_in_every_template_language_and_a_list_of_variables() -> None:
    assert set(DEFAULTS) == set(Kind.values) == set(VARIABLES)
    for kind in Kind.values:
        assert set(DEFAULTS[kind]) == set(TEMPLATE_LANGUAGES)


@pytest.mark.parametrize(("kind", "language"), every_default())
def test_every_default_uses_only_its_documented_variables(kind: str, language: str) -> None:
    subject, body = DEFAULTS[kind][language]

    assert template_problems(kind=kind, subject=subject, body=body) == []


@pytest.mark.parametrize(("kind", "language"), every_default())
def test_every_default_renders_each_of_its_variables(kind: str, language: str) -> None:
    subject, body = DEFAULTS[kind][language]
    used = variables_used(ENGINE.from_string(body)) | variables_used(ENGINE.from_string(subject))
    shown = "\n".join(
        f"{rendered.subject}\n{rendered.text}"
        for rendered in (
            render_text(subject=subject, body=body, context=values)
            for values in examples(kind, language)
        )
    )

    assert "{" not in shown and "}" not in shown
    for name in used - {"cancelled"}:
        assert str(EXAMPLES[language][name]) in shown, name


@pytest.mark.parametrize(("kind", "language"), every_default())
def test_every_default_fits_in_two_sms_parts(kind: str, language: str) -> None:
    subject, body = DEFAULTS[kind][language]
    most = 3 if (kind, language) in THREE_PARTS_ALLOWED else 2

    for values in examples(kind, language):
        text = render_text(subject=subject, body=body, context=values).text
        assert sms_parts(text).parts <= most, text


@pytest.mark.parametrize("language", SCRIPTS)
def test_defaults_are_written_in_their_languages_script(language: str) -> None:
    low, high = SCRIPTS[language]
    for kind in Kind.values:
        body = DEFAULTS[kind][language][1]
        text = render_text(subject="", body=body, context=EXAMPLES[language]).text
        assert any(low <= char <= high for char in text), kind


@pytest.mark.parametrize("language", [code for code in TEMPLATE_LANGUAGES if code != "en"])
def test_no_default_is_left_in_english(language: str) -> None:
    for kind in Kind.values:
        assert DEFAULTS[kind][language][1] != DEFAULTS[kind]["en"][1], kind


def test_a_language_without_templates_falls_back_to_swedish(programme: Programme) -> None:
    assert template_for(programme, Kind.REMINDER, "fi") == DEFAULTS[Kind.REMINDER]["sv"]


def test_the_programmes_swedish_template_is_the_fallback_before_the_default(
    programme: Programme,
) -> None:
    MessageTemplate.objects.create(
        programme=programme, kind=Kind.REMINDER, language="sv", subject="S", body="Egen text"
    )

    assert template_for(programme, Kind.REMINDER, "fi") == ("S", "Egen text")
    # A default in the asked language still comes before another language's own text.
    assert template_for(programme, Kind.REMINDER, "en") == DEFAULTS[Kind.REMINDER]["en"]


def test_a_programme_template_overrides_the_default_of_its_kind_and_language_only(
    programme: Programme, other_programme: Programme
) -> None:
    MessageTemplate.objects.create(
        programme=programme,
        kind=Kind.REMINDER,
        language="en",
        subject="See you {{ date }}",
        body="Hello {{ first_name }}, {{ activity }} at {{ time }}!",
    )

    rendered = render_message(
        programme,
        kind=Kind.REMINDER,
        language="en",
        context={"first_name": "Amal", "activity": "Walk", "time": "11:00", "date": "Sunday"},
    )

    assert (rendered.subject, rendered.text) == ("See you Sunday", "Hello Amal, Walk at 11:00!")
    assert template_for(programme, Kind.REMINDER, "sv") == DEFAULTS[Kind.REMINDER]["sv"]
    assert template_for(other_programme, Kind.REMINDER, "en") == DEFAULTS[Kind.REMINDER]["en"]


def test_the_text_is_not_escaped_and_the_html_is_escaped_paragraphs() -> None:
    rendered = render_text(
        subject="Hej\n{{ first_name }}",
        body="Hej {{ first_name }} & {{ unknown }}!\n\n<b>Välkommen</b>",
        context={"first_name": "Ali <Ali>"},
    )

    assert rendered.subject == "Hej Ali <Ali>"
    assert rendered.text == "Hej Ali <Ali> & !\n\n<b>Välkommen</b>"
    assert rendered.html == (
        "<p>Hej Ali &lt;Ali&gt; &amp; !</p>\n\n<p>&lt;b&gt;Välkommen&lt;/b&gt;</p>"
    )


def test_a_template_with_an_unknown_variable_a_file_tag_or_a_syntax_error_is_named() -> None:
    assert template_problems(
        kind=Kind.REMINDER, subject="{{ activity }}", body="Hej {{ friend_first_name }}"
    ) == ["Unknown variable: friend_first_name"]
    assert template_problems(kind=Kind.GROUP, subject="", body='{% include "base.html" %}') == [
        "This tag cannot be used in a message: {% include %}"
    ]
    (problem,) = template_problems(kind=Kind.GROUP, subject="{% if %}", body="")
    assert problem.startswith("The template cannot be read")
    assert (
        template_problems(
            kind=Kind.SESSION_CHANGED,
            subject="",
            body="{% if cancelled %}{{ old_date|upper }}{% else %}{{ date }}{% endif %}",
        )
        == []
    )
