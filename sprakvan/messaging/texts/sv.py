"""The default messages in Swedish (already plain and short): a subject (for e-mail) and a body per kind."""

from ..models import Kind

TEXTS: dict[str, tuple[str, str]] = {
    Kind.RECEIPT: (
        "Tack för din anmälan",
        (
            "Hej {{ first_name }}! Tack för att du anmälde dig till {{ programme }}. Vi "
            "hör av oss när vi har hittat en språkvän till dig. Det kan ta några veckor."
            "{% if coordinator_phone %} Frågor? Ring {{ coordinator_phone }}.{% endif %}"
        ),
    ),
    Kind.INTRODUCTION: (
        "Du har en språkvän",
        (
            "Hej {{ first_name }}! Nu har du en språkvän: {{ friend_first_name }}. "
            "{% if friend_phone %}Telefon till {{ friend_first_name }}: "
            "{{ friend_phone }}. {% endif %}Vi ringer dig snart och hjälper er att träffas "
            "första gången. Hälsningar {{ programme }}"
        ),
    ),
    Kind.REMINDER: (
        "Påminnelse: {{ activity }} {{ date }}",
        (
            "Hej {{ first_name }}! Glöm inte: {{ activity }} {{ date }} kl. {{ time }}. "
            "Plats: {{ place }}. Välkommen!"
        ),
    ),
    Kind.CHECK_IN: (
        "Hur går det?",
        (
            "Hej {{ first_name }}! Hur går det för dig och {{ friend_first_name }}? Svara "
            "här, det tar en minut: {{ link }}"
        ),
    ),
    Kind.WAITING_NEWS: (
        "Du står kvar i kön",
        (
            "Hej {{ first_name }}! Du står kvar i kön till en språkvän. Vi har inte glömt "
            "dig. {% if activities %}Kom gärna till: {{ activities }}.{% endif %}"
        ),
    ),
    Kind.GROUP: (
        "Meddelande från {{ programme }}",
        "Hej {{ first_name }}! Hälsningar från {{ programme }}.\n{{ text }}",
    ),
    Kind.CONSENT_CONFIRMATION: (
        "Inga fler sms",
        "Du får inga fler sms från {{ programme }}. Din plats i programmet är kvar.",
    ),
    Kind.CODE: (
        "Din kod",
        "Din kod från {{ programme }}: {{ code }}",
    ),
    Kind.SESSION_CHANGED: (
        (
            "{% if cancelled %}Inställt: {{ activity }} {{ old_date }}{% else %}Ny tid: "
            "{{ activity }}{% endif %}"
        ),
        (
            "Hej {{ first_name }}! {% if cancelled %}{{ activity }} {{ old_date }} kl. "
            "{{ old_time }} är inställt. Vi ses en annan gång!{% else %}{{ activity }} "
            "{{ old_date }} kl. {{ old_time }} har flyttats. Ny tid: {{ date }} kl. "
            "{{ time }}. Plats: {{ place }}.{% endif %}"
        ),
    ),
    Kind.SIGN_IN: (
        "Logga in på Mina sidor",
        (
            "Din kod till Mina sidor hos {{ programme }}: {{ code }}\nEller öppna länken: "
            "{{ link }}\nKoden och länken gäller i 30 minuter."
        ),
    ),
    Kind.CONSENT_RENEWAL: (
        "Vi har ändrat hur vi använder dina uppgifter",
        (
            "Hej {{ first_name }}! {{ programme }} har ändrat texten om dina uppgifter. Vi "
            "skickar inga fler meddelanden förrän du har läst den och sagt ja igen. Gå "
            "till Mina sidor: {{ link }}"
        ),
    ),
}

# Ordinary values, as callers write them in this language (dates, activities, a group text).
EXAMPLE: dict[str, object] = {
    "date": "tisdag 8 december",
    "old_date": "måndag 7 december",
    "activities": "Språkcafé tisdag 17:00, Promenad lördag 11:00",
    "text": "Språkcaféet är stängt på måndag. Välkommen tillbaka nästa vecka!",
}
