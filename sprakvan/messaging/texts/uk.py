"""The default messages in Ukrainian: a subject (for e-mail) and a body per kind.

Polite plural «ви» (lowercase), as Ukrainian public services write to adults; "мовний друг" for
a language friend, "Моя сторінка" for Mina sidor. Cyrillic goes as UCS-2 (67 characters a part),
so the bodies are terse: two parts, three with a link. No preposition stands before a date or a
time (Ukrainian would decline the weekday after "у"/"на"): they follow a comma or a colon.
"""

from ..models import Kind

TEXTS: dict[str, tuple[str, str]] = {
    Kind.RECEIPT: (
        "Дякуємо за реєстрацію",
        (
            "Привіт, {{ first_name }}! Дякуємо за реєстрацію в {{ programme }}. Ми "
            "зв’яжемося з вами, коли знайдемо мовного друга.{% if coordinator_phone %} "
            "Питання? {{ coordinator_phone }}{% endif %}"
        ),
    ),
    Kind.INTRODUCTION: (
        "У вас є мовний друг",
        (
            "Привіт, {{ first_name }}! Ваш мовний друг: {{ friend_first_name }}. "
            "{% if friend_phone %}Телефон: {{ friend_phone }}. {% endif %}Скоро "
            "зателефонуємо й допоможемо з першою зустріччю. {{ programme }}"
        ),
    ),
    Kind.REMINDER: (
        "Нагадування: {{ activity }}, {{ date }}",
        (
            "Привіт, {{ first_name }}! Нагадуємо: {{ activity }}, {{ date }}, {{ time }}. "
            "Місце: {{ place }}. Чекаємо на вас!"
        ),
    ),
    Kind.CHECK_IN: (
        "Як справи?",
        (
            "Привіт, {{ first_name }}! Як у вас справи з {{ friend_first_name }}? "
            "Відповідайте тут, це займе хвилину: {{ link }}"
        ),
    ),
    Kind.WAITING_NEWS: (
        "Ви досі в нашому списку",
        (
            "Привіт, {{ first_name }}! Ви досі чекаєте на мовного друга. Ми про вас "
            "пам’ятаємо. {% if activities %}Запрошуємо: {{ activities }}.{% endif %}"
        ),
    ),
    Kind.GROUP: (
        "Повідомлення від {{ programme }}",
        "Привіт, {{ first_name }}! Вітання від {{ programme }}.\n{{ text }}",
    ),
    Kind.CONSENT_CONFIRMATION: (
        "Більше жодних SMS",
        "Ви більше не отримуватимете SMS від {{ programme }}. Ваше місце в програмі залишається.",
    ),
    Kind.CODE: (
        "Ваш код",
        "Ваш код від {{ programme }}: {{ code }}",
    ),
    Kind.SESSION_CHANGED: (
        (
            "{% if cancelled %}Скасовано: {{ activity }}, {{ old_date }}{% else %}Новий "
            "час: {{ activity }}{% endif %}"
        ),
        (
            "Привіт, {{ first_name }}! {% if cancelled %}{{ activity }} ({{ old_date }}, "
            "{{ old_time }}) скасовано. До зустрічі іншим разом!{% else %}{{ activity }} "
            "({{ old_date }}) переноситься: {{ date }}, {{ time }}, {{ place }}.{% endif %}"
        ),
    ),
    Kind.SIGN_IN: (
        "Вхід на Мою сторінку",
        (
            "Код для Моєї сторінки: {{ code }}\nАбо відкрийте: {{ link }}\nКод і "
            "посилання діють 30 хвилин."
        ),
    ),
    Kind.CONSENT_RENEWAL: (
        "Ми змінили текст про ваші дані",
        (
            "{{ first_name }}, ми змінили текст про ваші дані. Поки ви не погодитеся, ми "
            "не пишемо: {{ link }}"
        ),
    ),
}

# Ordinary values, as callers write them in this language (dates, activities, a group text).
EXAMPLE: dict[str, object] = {
    "date": "вівторок, 8 грудня",
    "old_date": "понеділок, 7 грудня",
    "activities": "Språkcafé вівторок 17:00, Promenad субота 11:00",
    "text": "У понеділок мовне кафе зачинене. Приходьте наступного тижня!",
}
