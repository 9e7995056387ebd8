"""The default text of every kind of message in every template language, and its variables.

A programme may replace any of them (`MessageTemplate`); these are sent otherwise. Plain,
short and friendly. Each fits in two SMS parts with ordinary values (checked by the tests
against `EXAMPLES`), except messages with a link in a language outside GSM-7 (Arabic, Dari,
Tigrinya, Ukrainian): they are sent as UCS-2 (67 characters a part) and a personal link alone
takes about 120.
Variables are Django template syntax (`{{ first_name }}`); every value is a ready string,
written in the message's language by the caller (see docs/messaging.md).
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings

from .models import Kind

# Every language of the public pages has a text for every kind: one module per language in
# texts/ (sv.py, fa_af.py, sv_x_easy.py …), each with TEXTS and EXAMPLE.
TEMPLATE_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
FALLBACK_LANGUAGE = "sv"

# What each kind may use. `first_name` and `programme` are added by `notify` to every message.
VARIABLES: dict[str, tuple[str, ...]] = {
    Kind.RECEIPT: ("first_name", "programme", "coordinator_phone"),
    Kind.INTRODUCTION: ("first_name", "friend_first_name", "friend_phone", "programme"),
    Kind.REMINDER: ("first_name", "programme", "activity", "date", "time", "place"),
    Kind.SESSION_CHANGED: (
        "first_name",
        "programme",
        "activity",
        "old_date",
        "old_time",
        "date",
        "time",
        "place",
        "cancelled",
    ),
    Kind.CHECK_IN: ("first_name", "programme", "friend_first_name", "link"),
    Kind.WAITING_NEWS: ("first_name", "programme", "activities"),
    Kind.GROUP: ("first_name", "programme", "text"),
    Kind.CONSENT_CONFIRMATION: ("programme",),
    Kind.CODE: ("programme", "code"),
    Kind.SIGN_IN: ("programme", "code", "link"),
    Kind.CONSENT_RENEWAL: ("first_name", "programme", "link"),
}

# Ordinary values, as callers write them in each language: the tests render every default
# with them, and the template editor may preview with them.
_COMMON: dict[str, object] = {
    "first_name": "Amal",
    "friend_first_name": "Karin",
    "friend_phone": "+46701234567",
    "programme": "Språkvän Linköping",
    "coordinator_phone": "013-20 60 00",
    "code": "482913",
    "activity": "Språkcafé",
    "time": "17:00",
    "old_time": "18:00",
    "place": "Skäggetorps bibliotek, Skäggetorpsgatan 10",
    "link": "https://sprakvan.se/linkoping/svar/eyJwIjoxMjMsInEiOjQ1NjcsIm0iOjF9:1vQ2xS:"
    "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9f/",
}
_MODULES = {
    code: import_module(f"{__package__}.texts.{code.replace('-', '_')}")
    for code in TEMPLATE_LANGUAGES
}
DEFAULTS: dict[str, dict[str, tuple[str, str]]] = {
    kind: {code: module.TEXTS[kind] for code, module in _MODULES.items()} for kind in Kind.values
}
EXAMPLES: dict[str, dict[str, object]] = {
    code: _COMMON | module.EXAMPLE for code, module in _MODULES.items()
}
