"""The default messages in easy Swedish (lätt svenska): short sentences, common words, one idea
per sentence (the Swedish easy-to-read guidance). A test holds each message of 30 words or more
to a LIX of at most 30."""

from ..models import Kind

TEXTS: dict[str, tuple[str, str]] = {
    Kind.RECEIPT: (
        "Tack för din anmälan",
        "Hej {{ first_name }}! Tack för att du vill vara med i {{ programme }}. "
        "Vi letar efter en språkvän till dig. Det kan ta några veckor. Vi hör av oss."
        "{% if coordinator_phone %} Har du frågor? Ring {{ coordinator_phone }}.{% endif %}",
    ),
    Kind.INTRODUCTION: (
        "Nu har du en språkvän",
        "Hej {{ first_name }}! Nu har du en språkvän. Hen heter {{ friend_first_name }}. "
        "{% if friend_phone %}Hens telefon: {{ friend_phone }}. {% endif %}"
        "Vi ringer dig snart. Vi hjälper er att ses första gången. Hälsningar {{ programme }}",
    ),
    Kind.REMINDER: (
        "Kom ihåg: {{ activity }} {{ date }}",
        "Hej {{ first_name }}! Kom ihåg: {{ activity }} {{ date }} klockan {{ time }}. "
        "Plats: {{ place }}. Du är välkommen!",
    ),
    Kind.SESSION_CHANGED: (
        "{% if cancelled %}Inställt: {{ activity }} {{ old_date }}"
        "{% else %}Ny tid: {{ activity }}{% endif %}",
        "Hej {{ first_name }}! {% if cancelled %}{{ activity }} {{ old_date }} klockan "
        "{{ old_time }} blir inte av. Vi ses en annan gång!{% else %}{{ activity }} "
        "{{ old_date }} får en ny tid. Den nya tiden är {{ date }} klockan {{ time }}. "
        "Plats: {{ place }}.{% endif %}",
    ),
    Kind.CHECK_IN: (
        "Hur går det?",
        "Hej {{ first_name }}! Hur går det med {{ friend_first_name }}? "
        "Svara här. Det tar en minut: {{ link }}",
    ),
    Kind.WAITING_NEWS: (
        "Du står kvar i kön",
        "Hej {{ first_name }}! Du står kvar i kön. Vi har inte glömt dig. "
        "{% if activities %}Kom gärna hit: {{ activities }}.{% endif %}",
    ),
    Kind.GROUP: (
        "Hej från {{ programme }}",
        "Hej {{ first_name }}! Hälsningar från {{ programme }}.\n{{ text }}",
    ),
    Kind.CONSENT_CONFIRMATION: (
        "Inga fler sms",
        "Nu får du inga fler sms från {{ programme }}. Din plats hos oss finns kvar.",
    ),
    Kind.CODE: ("Din kod", "Din kod från {{ programme }}: {{ code }}"),
    Kind.SIGN_IN: (
        "Logga in på Mina sidor",
        "Din kod till Mina sidor: {{ code }}\nDu kan också öppna länken: {{ link }}\n"
        "Koden och länken gäller i 30 minuter.",
    ),
    Kind.CONSENT_RENEWAL: (
        "Läs om dina uppgifter",
        "Hej {{ first_name }}! Vi har en ny text om dina uppgifter. Läs den på Mina sidor. "
        "Vi skickar inget mer till dig förrän du har sagt ja igen. Här är länken: {{ link }}",
    ),
}

# Ordinary values, as callers write them in this language (dates, activities, a group text).
EXAMPLE: dict[str, object] = {
    "date": "tisdag 8 december",
    "old_date": "måndag 7 december",
    "activities": "Språkcafé tisdag 17:00, Promenad lördag 11:00",
    "text": "Språkcaféet är stängt på måndag. Välkommen tillbaka nästa vecka!",
}
