"""The default messages in Tigrinya (ትግርኛ, Ge'ez script): a subject (for e-mail) and a body per kind.

Addressed in the second person plural (ንስኹም, "-ኩም"), the polite and gender-neutral form that
Eritrean and Ethiopian public services use for an adult whose gender the sender does not know;
"መሓዛ ቋንቋ" (friend of language) for a language friend, "ናተይ ገጽ" (my page) for Mina sidor.
Ge'ez goes as UCS-2 (67 characters a part), so the bodies are terse: two parts, three with a
link. Activity titles and places stay as the programme writes them (in Swedish); dates read
"ሰሉስ 8 ታሕሳስ" (weekday, day, Gregorian month as Eritreans name it), times as "ሰዓት 17:00".
"""

from ..models import Kind

TEXTS: dict[str, tuple[str, str]] = {
    Kind.RECEIPT: (
        "ስለ ዝተመዝገብኩም የቐንየልና",
        (
            "ሰላም {{ first_name }}! ኣብ {{ programme }} ስለ ዝተመዝገብኩም የቐንየልና። መሓዛ "
            "ቋንቋ ምስ ረኸብና ክንሕብረኩም ኢና። ሒደት ሰሙናት ክወስድ ይኽእል።"
            "{% if coordinator_phone %} ሕቶ? {{ coordinator_phone }}{% endif %}"
        ),
    ),
    Kind.INTRODUCTION: (
        "መሓዛ ቋንቋ ኣለኩም",
        (
            "ሰላም {{ first_name }}! መሓዛ ቋንቋኹም: {{ friend_first_name }}። "
            "{% if friend_phone %}ቴሌፎን: {{ friend_phone }}። {% endif %}ቀልጢፍና "
            "ክንድውለልኩም ኢና፣ ንቀዳማይ ርክብ ክንሕግዘኩም። {{ programme }}"
        ),
    ),
    Kind.REMINDER: (
        "መዘኻኸሪ: {{ activity }}፣ {{ date }}",
        (
            "ሰላም {{ first_name }}! መዘኻኸሪ: {{ activity }}፣ {{ date }}፣ ሰዓት {{ time }}። "
            "ቦታ: {{ place }}። ብሓጎስ ንጽበየኩም!"
        ),
    ),
    Kind.CHECK_IN: (
        "ከመይ ይኸይድ ኣሎ?",
        (
            "ሰላም {{ first_name }}! ምስ {{ friend_first_name }} ከመይ ይኸይድ ኣሎ? ኣብዚ "
            "መልሱ፣ ሓንቲ ደቒቕ ጥራይ እዩ: {{ link }}"
        ),
    ),
    Kind.WAITING_NEWS: (
        "ሕጂ'ውን ኣብ ዝርዝርና ኣለኹም",
        (
            "ሰላም {{ first_name }}! መሓዛ ቋንቋ ንምርካብ ሕጂ'ውን ኣብ ዝርዝርና ኣለኹም። "
            "ኣይረሳዕናኩምን።{% if activities %} ብሓጎስ ምጹ: {{ activities }}።{% endif %}"
        ),
    ),
    Kind.GROUP: (
        "መልእኽቲ ካብ {{ programme }}",
        "ሰላም {{ first_name }}! ሰላምታ ካብ {{ programme }}።\n{{ text }}",
    ),
    Kind.CONSENT_CONFIRMATION: (
        "ተወሳኺ ኤስኤምኤስ የለን",
        "ካብ {{ programme }} ተወሳኺ ኤስኤምኤስ ኣይክትቕበሉን ኢኹም። ኣብ መደብ ዘለኩም ቦታ ይጸንሕ።",
    ),
    Kind.CODE: (
        "ኮድኩም",
        "ኮድኩም ካብ {{ programme }}: {{ code }}",
    ),
    Kind.SESSION_CHANGED: (
        (
            "{% if cancelled %}ተሰሪዙ: {{ activity }}፣ {{ old_date }}{% else %}ሓድሽ ግዜ: "
            "{{ activity }}{% endif %}"
        ),
        (
            "ሰላም {{ first_name }}! {% if cancelled %}{{ activity }}፣ {{ old_date }} ሰዓት "
            "{{ old_time }}፣ ተሰሪዙ። ኣብ ካልእ ግዜ ንራኸብ!{% else %}{{ activity }}፣ "
            "{{ old_date }} ሰዓት {{ old_time }}፣ ተቐይሩ። ሓድሽ ግዜ: {{ date }} ሰዓት "
            "{{ time }}። ቦታ: {{ place }}።{% endif %}"
        ),
    ),
    Kind.SIGN_IN: (
        "ናብ ናተይ ገጽ እተዉ",
        (
            "ኮድ ንናተይ ገጽ ({{ programme }}): {{ code }}\nወይ ሊንክ ክፈቱ: {{ link }}\n"
            "ኮድን ሊንክን ን30 ደቒቕ ይሰርሑ።"
        ),
    ),
    Kind.CONSENT_RENEWAL: (
        "ሓበሬታኹም ብኸመይ ከም እንጥቀመሉ ቀይርና",
        (
            "ሰላም {{ first_name }}! {{ programme }} ጽሑፍ ብሕትውና ቀይሩ። ክሳብ ኣንቢብኩም "
            "እትሰማምዑ መልእኽቲ የለን። ገጽኩም: {{ link }}"
        ),
    ),
}

# Ordinary values, as callers write them in this language (dates, activities, a group text).
EXAMPLE: dict[str, object] = {
    "date": "ሰሉስ 8 ታሕሳስ",
    "old_date": "ሰኑይ 7 ታሕሳስ",
    "activities": "Språkcafé ሰሉስ 17:00, Promenad ቀዳም 11:00",
    "text": "ካፌ ቋንቋ ሰኑይ ዕጹው እዩ። ኣብ ዝመጽእ ሰሙን ብሓጎስ ንጽበየኩም!",
}
