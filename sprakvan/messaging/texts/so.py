"""The default messages in Somali: a subject (for e-mail) and a body per kind.

Plain Latin letters and the apostrophe only (Somali needs nothing else), so every text goes as
GSM-7 and fits in two SMS parts, the link messages too.
"""

from ..models import Kind

TEXTS: dict[str, tuple[str, str]] = {
    Kind.RECEIPT: (
        "Mahadsanid inaad is diiwaangelisay",
        (
            "Salaan {{ first_name }}! Mahadsanid inaad isku diiwaangelisay {{ programme }}. "
            "Waan kula soo xiriiri doonnaa marka aan kuu helno saaxiib luqadeed. Waxay "
            "qaadan kartaa dhowr toddobaad.{% if coordinator_phone %} Su'aalo? Wac "
            "{{ coordinator_phone }}.{% endif %}"
        ),
    ),
    Kind.INTRODUCTION: (
        "Waxaad heshay saaxiib luqadeed",
        (
            "Salaan {{ first_name }}! Hadda waxaad leedahay saaxiib luqadeed: "
            "{{ friend_first_name }}. {% if friend_phone %}Lambarka taleefanka: "
            "{{ friend_phone }}. {% endif %}Dhawaan ayaan ku soo wici doonnaa, waxaana kaa "
            "caawin doonnaa kulanka koowaad. Salaan diirran, {{ programme }}"
        ),
    ),
    Kind.REMINDER: (
        "Xusuusin: {{ activity }}, {{ date }}",
        (
            "Salaan {{ first_name }}! Xusuusin: {{ activity }}, {{ date }}, saacadda "
            "{{ time }}. Goobta: {{ place }}. Soo dhawoow!"
        ),
    ),
    Kind.CHECK_IN: (
        "Sidee ay u socotaa?",
        (
            "Salaan {{ first_name }}! Sidee ayay kuula socotaa {{ friend_first_name }}? "
            "Halkan ka jawaab, waxay qaadataa hal daqiiqo: {{ link }}"
        ),
    ),
    Kind.WAITING_NEWS: (
        "Weli waxaad ku jirtaa liiskayaga",
        (
            "Salaan {{ first_name }}! Weli waxaad ku jirtaa liiska saaxiib luqadeed. Kuma "
            "aanu illoobin. {% if activities %}Waxaad ku soo biiri kartaa: {{ activities }}."
            "{% endif %}"
        ),
    ),
    Kind.GROUP: (
        "Fariin ka timid {{ programme }}",
        "Salaan {{ first_name }}! Salaan diirran oo ka timid {{ programme }}.\n{{ text }}",
    ),
    Kind.CONSENT_CONFIRMATION: (
        "SMS kale ma jiro",
        "SMS kale kama heli doontid {{ programme }}. Booskaaga barnaamijka wuu sii jirayaa.",
    ),
    Kind.CODE: (
        "Koodhkaaga",
        "Koodhkaaga ka yimid {{ programme }}: {{ code }}",
    ),
    Kind.SESSION_CHANGED: (
        (
            "{% if cancelled %}La joojiyay: {{ activity }}, {{ old_date }}{% else %}Waqti "
            "cusub: {{ activity }}{% endif %}"
        ),
        (
            "Salaan {{ first_name }}! {% if cancelled %}{{ activity }}, {{ old_date }}, "
            "saacadda {{ old_time }} waa la joojiyay. Mar kale ayaan is arki doonnaa!"
            "{% else %}{{ activity }}, {{ old_date }}, saacadda {{ old_time }} waa la "
            "beddelay. Waqtiga cusub: {{ date }}, saacadda {{ time }}. Goobta: "
            "{{ place }}.{% endif %}"
        ),
    ),
    Kind.SIGN_IN: (
        "Soo gal Boggayga",
        (
            "Koodhkaaga Boggayga ee {{ programme }}: {{ code }}\nAma fur linkiga: "
            "{{ link }}\nKoodhka iyo linkigu waxay shaqeeyaan 30 daqiiqo."
        ),
    ),
    Kind.CONSENT_RENEWAL: (
        "Waxaan beddelnay sida aan u isticmaalno xogtaada",
        (
            "Salaan {{ first_name }}! {{ programme }} waxay beddeshay qoraalka ku saabsan "
            "xogtaada. Fariin kale kuuma soo dirno ilaa aad akhrido oo aad mar kale haa "
            "dhahdo. Tag Boggayga: {{ link }}"
        ),
    ),
}

# Ordinary values, as callers write them in this language (dates, activities, a group text).
EXAMPLE: dict[str, object] = {
    "date": "Talaado 8 Desembar",
    "old_date": "Isniin 7 Desembar",
    "activities": "Språkcafé Talaado 17:00, Socod Sabti 11:00",
    "text": "Kafeega luqadda wuu xiran yahay Isniinta. Soo dhawoow toddobaadka dambe!",
}
