"""The default text of every kind of message in every template language, and its variables.

A programme may replace any of them (`MessageTemplate`); these are sent otherwise. Plain,
short and friendly; the Swedish in easy Swedish. Each fits in two SMS parts with ordinary
values (checked by the tests against `EXAMPLES`), except the Arabic messages with a link:
Arabic is sent as UCS-2 (67 characters a part) and a personal link alone takes about 120.
Variables are Django template syntax (`{{ first_name }}`); every value is a ready string,
written in the message's language by the caller (see docs/messaging.md).
"""

from __future__ import annotations

from .models import Kind

TEMPLATE_LANGUAGES = ("sv", "en", "ar")
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

SESSION_CHANGED_SUBJECT = {
    "sv": "{% if cancelled %}Inställt: {{ activity }} {{ old_date }}"
    "{% else %}Ny tid: {{ activity }}{% endif %}",
    "en": "{% if cancelled %}Cancelled: {{ activity }} on {{ old_date }}"
    "{% else %}New time: {{ activity }}{% endif %}",
    "ar": "{% if cancelled %}إلغاء: {{ activity }} {{ old_date }}"
    "{% else %}موعد جديد: {{ activity }}{% endif %}",
}

DEFAULTS: dict[str, dict[str, tuple[str, str]]] = {
    Kind.RECEIPT: {
        "sv": (
            "Tack för din anmälan",
            "Hej {{ first_name }}! Tack för att du anmälde dig till {{ programme }}. "
            "Vi hör av oss när vi har hittat en språkvän till dig. Det kan ta några veckor."
            "{% if coordinator_phone %} Frågor? Ring {{ coordinator_phone }}.{% endif %}",
        ),
        "en": (
            "Thank you for signing up",
            "Hi {{ first_name }}! Thank you for signing up for {{ programme }}. "
            "We will contact you when we have found a language friend for you. "
            "It can take a few weeks."
            "{% if coordinator_phone %} Questions? Call {{ coordinator_phone }}.{% endif %}",
        ),
        "ar": (
            "شكرا لتسجيلك",
            "مرحبا {{ first_name }}! شكرا لتسجيلك في {{ programme }}. "
            "سنتواصل معك عندما نجد لك صديقا."
            "{% if coordinator_phone %} أسئلة؟ {{ coordinator_phone }}{% endif %}",
        ),
    },
    Kind.INTRODUCTION: {
        "sv": (
            "Du har en språkvän",
            "Hej {{ first_name }}! Nu har du en språkvän: {{ friend_first_name }}. "
            "{% if friend_phone %}Telefon till {{ friend_first_name }}: {{ friend_phone }}. "
            "{% endif %}Vi ringer dig snart och hjälper er att träffas första gången. "
            "Hälsningar {{ programme }}",
        ),
        "en": (
            "You have a language friend",
            "Hi {{ first_name }}! You now have a language friend: {{ friend_first_name }}. "
            "{% if friend_phone %}Their phone number: {{ friend_phone }}. {% endif %}"
            "We will call you soon and help you meet the first time. "
            "Best wishes, {{ programme }}",
        ),
        "ar": (
            "لديك صديق لغوي",
            "مرحبا {{ first_name }}! صديقك اللغوي: {{ friend_first_name }}. "
            "{% if friend_phone %}رقم الهاتف: {{ friend_phone }}. {% endif %}"
            "سنتصل بك قريبا لترتيب أول لقاء. {{ programme }}",
        ),
    },
    Kind.REMINDER: {
        "sv": (
            "Påminnelse: {{ activity }} {{ date }}",
            "Hej {{ first_name }}! Glöm inte: {{ activity }} {{ date }} kl. {{ time }}. "
            "Plats: {{ place }}. Välkommen!",
        ),
        "en": (
            "Reminder: {{ activity }} on {{ date }}",
            "Hi {{ first_name }}! A reminder: {{ activity }} on {{ date }} at {{ time }}. "
            "Place: {{ place }}. Welcome!",
        ),
        "ar": (
            "تذكير: {{ activity }} {{ date }}",
            "مرحبا {{ first_name }}! تذكير: {{ activity }} {{ date }} الساعة {{ time }}. "
            "المكان: {{ place }}",
        ),
    },
    Kind.SESSION_CHANGED: {
        "sv": (
            SESSION_CHANGED_SUBJECT["sv"],
            "Hej {{ first_name }}! {% if cancelled %}{{ activity }} {{ old_date }} kl. "
            "{{ old_time }} är inställt. Vi ses en annan gång!{% else %}{{ activity }} "
            "{{ old_date }} kl. {{ old_time }} har flyttats. Ny tid: {{ date }} kl. {{ time }}. "
            "Plats: {{ place }}.{% endif %}",
        ),
        "en": (
            SESSION_CHANGED_SUBJECT["en"],
            "Hi {{ first_name }}! {% if cancelled %}{{ activity }} on {{ old_date }} at "
            "{{ old_time }} is cancelled. See you another time!{% else %}{{ activity }} on "
            "{{ old_date }} at {{ old_time }} has moved. New time: {{ date }} at {{ time }}. "
            "Place: {{ place }}.{% endif %}",
        ),
        "ar": (
            SESSION_CHANGED_SUBJECT["ar"],
            "مرحبا {{ first_name }}! {% if cancelled %}تم إلغاء {{ activity }} "
            "{{ old_date }} الساعة {{ old_time }}.{% else %}موعد {{ activity }} الجديد: "
            "{{ date }} الساعة {{ time }}. {{ place }}{% endif %}",
        ),
    },
    Kind.CHECK_IN: {
        "sv": (
            "Hur går det?",
            "Hej {{ first_name }}! Hur går det för dig och {{ friend_first_name }}? "
            "Svara här, det tar en minut: {{ link }}",
        ),
        "en": (
            "How is it going?",
            "Hi {{ first_name }}! How is it going with {{ friend_first_name }}? "
            "Answer here, it takes a minute: {{ link }}",
        ),
        "ar": (
            "كيف الحال؟",
            "مرحبا {{ first_name }}! كيف الحال مع {{ friend_first_name }}؟ أجب هنا: {{ link }}",
        ),
    },
    Kind.WAITING_NEWS: {
        "sv": (
            "Du står kvar i kön",
            "Hej {{ first_name }}! Du står kvar i kön till en språkvän. Vi har inte glömt dig. "
            "{% if activities %}Kom gärna till: {{ activities }}.{% endif %}",
        ),
        "en": (
            "You are still on our list",
            "Hi {{ first_name }}! You are still on the list for a language friend. "
            "We have not forgotten you. "
            "{% if activities %}You are welcome at: {{ activities }}.{% endif %}",
        ),
        "ar": (
            "ما زلت في قائمة الانتظار",
            "مرحبا {{ first_name }}! ما زلت في قائمة الانتظار. لم ننسك. "
            "{% if activities %}أهلا بك في: {{ activities }}{% endif %}",
        ),
    },
    Kind.GROUP: {
        "sv": (
            "Meddelande från {{ programme }}",
            "Hej {{ first_name }}! Hälsningar från {{ programme }}.\n{{ text }}",
        ),
        "en": (
            "A message from {{ programme }}",
            "Hi {{ first_name }}! Best wishes from {{ programme }}.\n{{ text }}",
        ),
        "ar": (
            "رسالة من {{ programme }}",
            "مرحبا {{ first_name }}! تحياتنا من {{ programme }}.\n{{ text }}",
        ),
    },
    Kind.CONSENT_CONFIRMATION: {
        "sv": (
            "Inga fler sms",
            "Du får inga fler sms från {{ programme }}. Din plats i programmet är kvar.",
        ),
        "en": (
            "No more SMS",
            "You will get no more SMS from {{ programme }}. Your place in the programme stays.",
        ),
        "ar": (
            "لا مزيد من الرسائل",
            "لن تصلك رسائل أخرى من {{ programme }}. يبقى مكانك في البرنامج.",
        ),
    },
    Kind.CODE: {
        "sv": ("Din kod", "Din kod från {{ programme }}: {{ code }}"),
        "en": ("Your code", "Your code from {{ programme }}: {{ code }}"),
        "ar": ("رمزك", "رمزك من {{ programme }}: {{ code }}"),
    },
    Kind.SIGN_IN: {
        "sv": (
            "Logga in på Mina sidor",
            "Din kod till Mina sidor hos {{ programme }}: {{ code }}\n"
            "Eller öppna länken: {{ link }}\nKoden och länken gäller i 30 minuter.",
        ),
        "en": (
            "Sign in to My page",
            "Your code for My page at {{ programme }}: {{ code }}\n"
            "Or open the link: {{ link }}\nThe code and the link work for 30 minutes.",
        ),
        "ar": (
            "الدخول إلى صفحتي",
            "رمزك لصفحتي: {{ code }}\nأو افتح: {{ link }}\nصالح لمدة 30 دقيقة.",
        ),
    },
    Kind.CONSENT_RENEWAL: {
        "sv": (
            "Vi har ändrat hur vi använder dina uppgifter",
            "Hej {{ first_name }}! {{ programme }} har ändrat texten om dina uppgifter. "
            "Vi skickar inga fler meddelanden förrän du har läst den och sagt ja igen. "
            "Gå till Mina sidor: {{ link }}",
        ),
        "en": (
            "We have changed how we use your details",
            "Hi {{ first_name }}! {{ programme }} has changed the text about your details. "
            "We send no more messages until you have read it and said yes again. "
            "Go to My page: {{ link }}",
        ),
        "ar": (
            "غيرنا طريقة استخدام بياناتك",
            "مرحبا {{ first_name }}! غيرنا النص عن بياناتك. "
            "لن نرسل رسائل حتى توافق مرة أخرى: {{ link }}",
        ),
    },
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
EXAMPLES: dict[str, dict[str, object]] = {
    "sv": _COMMON
    | {
        "date": "tisdag 8 december",
        "old_date": "måndag 7 december",
        "activities": "Språkcafé tisdag 17:00, Promenad lördag 11:00",
        "text": "Språkcaféet är stängt på måndag. Välkommen tillbaka nästa vecka!",
    },
    "en": _COMMON
    | {
        "date": "Tuesday 8 December",
        "old_date": "Monday 7 December",
        "activities": "Språkcafé Tuesday 17:00, Walk Saturday 11:00",
        "text": "The language café is closed on Monday. Welcome back next week!",
    },
    "ar": _COMMON
    | {
        "date": "الثلاثاء 8 ديسمبر",
        "old_date": "الإثنين 7 ديسمبر",
        "activities": "Språkcafé الثلاثاء 17:00",
        "text": "المقهى اللغوي مغلق يوم الإثنين. أهلا بك الأسبوع القادم!",
    },
}
