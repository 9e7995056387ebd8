"""The default messages in English: a subject (for e-mail) and a body per kind."""

from ..models import Kind

TEXTS: dict[str, tuple[str, str]] = {
    Kind.RECEIPT: (
        "Thank you for signing up",
        (
            "Hi {{ first_name }}! Thank you for signing up for {{ programme }}. We will "
            "contact you when we have found a language friend for you. It can take a few "
            "weeks.{% if coordinator_phone %} Questions? Call {{ coordinator_phone }}."
            "{% endif %}"
        ),
    ),
    Kind.INTRODUCTION: (
        "You have a language friend",
        (
            "Hi {{ first_name }}! You now have a language friend: {{ friend_first_name }}. "
            "{% if friend_phone %}Their phone number: {{ friend_phone }}. {% endif %}We "
            "will call you soon and help you meet the first time. Best wishes, "
            "{{ programme }}"
        ),
    ),
    Kind.REMINDER: (
        "Reminder: {{ activity }} on {{ date }}",
        (
            "Hi {{ first_name }}! A reminder: {{ activity }} on {{ date }} at {{ time }}. "
            "Place: {{ place }}. Welcome!"
        ),
    ),
    Kind.CHECK_IN: (
        "How is it going?",
        (
            "Hi {{ first_name }}! How is it going with {{ friend_first_name }}? Answer "
            "here, it takes a minute: {{ link }}"
        ),
    ),
    Kind.WAITING_NEWS: (
        "You are still on our list",
        (
            "Hi {{ first_name }}! You are still on the list for a language friend. We have "
            "not forgotten you. {% if activities %}You are welcome at: {{ activities }}."
            "{% endif %}"
        ),
    ),
    Kind.GROUP: (
        "A message from {{ programme }}",
        "Hi {{ first_name }}! Best wishes from {{ programme }}.\n{{ text }}",
    ),
    Kind.CONSENT_CONFIRMATION: (
        "No more SMS",
        ("You will get no more SMS from {{ programme }}. Your place in the programme stays."),
    ),
    Kind.CODE: (
        "Your code",
        "Your code from {{ programme }}: {{ code }}",
    ),
    Kind.SESSION_CHANGED: (
        (
            "{% if cancelled %}Cancelled: {{ activity }} on {{ old_date }}{% else %}New "
            "time: {{ activity }}{% endif %}"
        ),
        (
            "Hi {{ first_name }}! {% if cancelled %}{{ activity }} on {{ old_date }} at "
            "{{ old_time }} is cancelled. See you another time!{% else %}{{ activity }} on "
            "{{ old_date }} at {{ old_time }} has moved. New time: {{ date }} at "
            "{{ time }}. Place: {{ place }}.{% endif %}"
        ),
    ),
    Kind.SIGN_IN: (
        "Sign in to My page",
        (
            "Your code for My page at {{ programme }}: {{ code }}\nOr open the link: "
            "{{ link }}\nThe code and the link work for 30 minutes."
        ),
    ),
    Kind.CONSENT_RENEWAL: (
        "We have changed how we use your details",
        (
            "Hi {{ first_name }}! {{ programme }} has changed the text about your details. "
            "We send no more messages until you have read it and said yes again. Go to My "
            "page: {{ link }}"
        ),
    ),
}

# Ordinary values, as callers write them in this language (dates, activities, a group text).
EXAMPLE: dict[str, object] = {
    "date": "Tuesday 8 December",
    "old_date": "Monday 7 December",
    "activities": "Språkcafé Tuesday 17:00, Walk Saturday 11:00",
    "text": "The language café is closed on Monday. Welcome back next week!",
}
