"""The default messages in Arabic: a subject (for e-mail) and a body per kind."""

from ..models import Kind

TEXTS: dict[str, tuple[str, str]] = {
    Kind.RECEIPT: (
        "شكرا لتسجيلك",
        (
            "مرحبا {{ first_name }}! شكرا لتسجيلك في {{ programme }}. سنتواصل معك عندما "
            "نجد لك صديقا.{% if coordinator_phone %} أسئلة؟ {{ coordinator_phone }}"
            "{% endif %}"
        ),
    ),
    Kind.INTRODUCTION: (
        "لديك صديق لغوي",
        (
            "مرحبا {{ first_name }}! صديقك اللغوي: {{ friend_first_name }}. "
            "{% if friend_phone %}رقم الهاتف: {{ friend_phone }}. {% endif %}سنتصل بك "
            "قريبا لترتيب أول لقاء. {{ programme }}"
        ),
    ),
    Kind.REMINDER: (
        "تذكير: {{ activity }} {{ date }}",
        (
            "مرحبا {{ first_name }}! تذكير: {{ activity }} {{ date }} الساعة {{ time }}. "
            "المكان: {{ place }}"
        ),
    ),
    Kind.CHECK_IN: (
        "كيف الحال؟",
        ("مرحبا {{ first_name }}! كيف الحال مع {{ friend_first_name }}؟ أجب هنا: {{ link }}"),
    ),
    Kind.WAITING_NEWS: (
        "ما زلت في قائمة الانتظار",
        (
            "مرحبا {{ first_name }}! ما زلت في قائمة الانتظار. لم ننسك. {% if activities %}"
            "أهلا بك في: {{ activities }}{% endif %}"
        ),
    ),
    Kind.GROUP: (
        "رسالة من {{ programme }}",
        "مرحبا {{ first_name }}! تحياتنا من {{ programme }}.\n{{ text }}",
    ),
    Kind.CONSENT_CONFIRMATION: (
        "لا مزيد من الرسائل",
        "لن تصلك رسائل أخرى من {{ programme }}. يبقى مكانك في البرنامج.",
    ),
    Kind.CODE: (
        "رمزك",
        "رمزك من {{ programme }}: {{ code }}",
    ),
    Kind.SESSION_CHANGED: (
        (
            "{% if cancelled %}إلغاء: {{ activity }} {{ old_date }}{% else %}موعد جديد: "
            "{{ activity }}{% endif %}"
        ),
        (
            "مرحبا {{ first_name }}! {% if cancelled %}تم إلغاء {{ activity }} "
            "{{ old_date }} الساعة {{ old_time }}.{% else %}موعد {{ activity }} الجديد: "
            "{{ date }} الساعة {{ time }}. {{ place }}{% endif %}"
        ),
    ),
    Kind.SIGN_IN: (
        "الدخول إلى صفحتي",
        "رمزك لصفحتي: {{ code }}\nأو افتح: {{ link }}\nصالح لمدة 30 دقيقة.",
    ),
    Kind.CONSENT_RENEWAL: (
        "غيرنا طريقة استخدام بياناتك",
        (
            "مرحبا {{ first_name }}! غيرنا النص عن بياناتك. لن نرسل رسائل حتى توافق مرة "
            "أخرى: {{ link }}"
        ),
    ),
}

# Ordinary values, as callers write them in this language (dates, activities, a group text).
EXAMPLE: dict[str, object] = {
    "date": "الثلاثاء 8 ديسمبر",
    "old_date": "الإثنين 7 ديسمبر",
    "activities": "Språkcafé الثلاثاء 17:00",
    "text": "المقهى اللغوي مغلق يوم الإثنين. أهلا بك الأسبوع القادم!",
}
