"""The bidi filters: `|bdi` wraps a name in <bdi> (kept as markup inside a translated sentence),
`|isolate` between Unicode isolates (for attributes, titles and the PDF), `|ltr` left to right."""

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from sprakvan.core.templatetags.bidi import bdi, isolate, isolated, ltr

FSI, PDI, LRI = "\u2068", "\u2069", "\u2066"


def render(source: str, **context: object) -> str:
    return Template("{% load bidi i18n %}" + source).render(Context(context))


def test_bdi_wraps_a_name_in_a_bdi_element_marked_safe() -> None:
    wrapped = bdi("Ali Tesfay")
    assert wrapped == "<bdi>Ali Tesfay</bdi>"
    assert isinstance(wrapped, SafeString)


def test_bdi_escapes_the_name_inside_the_element() -> None:
    assert bdi("<b>Olof & co</b>") == "<bdi>&lt;b&gt;Olof &amp; co&lt;/b&gt;</bdi>"


def test_bdi_of_an_empty_value_is_empty() -> None:
    assert bdi("") == ""
    assert bdi(None) == ""


def test_a_bdi_name_stays_markup_inside_a_translated_sentence() -> None:
    with translation.override("ar"):
        html = render(
            "{% blocktranslate with name=person|bdi %}Remove {{ name }}{% endblocktranslate %}",
            person="Olof <Larsson>",
        )
        sentence = translation.gettext("Remove %(name)s")
    assert html == sentence % {"name": "<bdi>Olof &lt;Larsson&gt;</bdi>"}
    assert "<bdi>Olof &lt;Larsson&gt;</bdi>" in html


def test_isolate_puts_a_name_between_first_strong_and_pop_directional_isolates() -> None:
    assert isolate("Ali Tesfay") == f"{FSI}Ali Tesfay{PDI}"
    assert isolate("") == ""
    assert isolate(None) == ""


def test_isolate_in_an_attribute_is_escaped_and_has_no_markup() -> None:
    html = render('<img alt="{{ name|isolate }}">', name='Olof "Larsson" <x>')
    assert html == f'<img alt="{FSI}Olof &quot;Larsson&quot; &lt;x&gt;{PDI}">'


def test_isolate_in_a_template_keeps_safe_text_safe_and_escapes_the_rest() -> None:
    html = render(
        "{{ safe|isolate }} {{ unsafe|isolate }}", safe=mark_safe("<i>x</i>"), unsafe="<i>y</i>"
    )
    assert html == f"{FSI}<i>x</i>{PDI} {FSI}&lt;i&gt;y&lt;/i&gt;{PDI}"


def test_an_isolated_name_inside_a_translated_title() -> None:
    with translation.override("ar"):
        html = render(
            "{% blocktranslate with newcomer=a|isolate established=b|isolate %}"
            "Pair {{ newcomer }} – {{ established }}{% endblocktranslate %}",
            a="Ali Tesfay",
            b="Olof Larsson",
        )
        sentence = translation.gettext("Pair %(newcomer)s – %(established)s")
    expected = sentence % {
        "newcomer": f"{FSI}Ali Tesfay{PDI}",
        "established": f"{FSI}Olof Larsson{PDI}",
    }
    assert html == expected
    assert "<bdi>" not in html


def test_isolated_is_the_plain_text_form_of_the_filter() -> None:
    assert isolated("Yonas") == isolate("Yonas") == f"{FSI}Yonas{PDI}"


def test_ltr_keeps_dates_and_numbers_left_to_right() -> None:
    assert ltr("2019-03-01") == f"{LRI}2019-03-01{PDI}"
    assert ltr("") == ""
