"""The default messages in Dari (Afghan Persian, right to left): a subject (for e-mail) and a
body per kind.

Dari as written in Afghanistan, not Iranian Persian: سویدن, تیلفون, کود, شاروالی and the
Gregorian months as Afghans say them (جنوری … دسمبر). Polite «شما», short sentences. Dari goes
as UCS-2 (67 characters a part), so the bodies are terse: two parts, three with a link.
"""

from ..models import Kind

TEXTS: dict[str, tuple[str, str]] = {
    Kind.RECEIPT: (
        "تشکر از ثبت‌نام شما",
        (
            "سلام {{ first_name }}! تشکر از ثبت‌نام در {{ programme }}. وقتی دوست زبان "
            "پیدا شد خبرتان می‌کنیم. شاید چند هفته طول بکشد.{% if coordinator_phone %} "
            "سؤال؟ {{ coordinator_phone }}{% endif %}"
        ),
    ),
    Kind.INTRODUCTION: (
        "شما دوست زبان دارید",
        (
            "سلام {{ first_name }}! دوست زبان شما: {{ friend_first_name }}. "
            "{% if friend_phone %}تیلفون: {{ friend_phone }}. {% endif %}به‌زودی زنگ "
            "می‌زنیم تا اولین دیدار را آماده کنیم. {{ programme }}"
        ),
    ),
    Kind.REMINDER: (
        "یادآوری: {{ activity }} {{ date }}",
        (
            "سلام {{ first_name }}! یادآوری: {{ activity }}، {{ date }} ساعت {{ time }}. "
            "جا: {{ place }}. خوش آمدید!"
        ),
    ),
    Kind.CHECK_IN: (
        "کارها چطور پیش می‌رود؟",
        (
            "سلام {{ first_name }}! با {{ friend_first_name }} چطور پیش می‌رود؟ اینجا "
            "جواب بدهید: {{ link }}"
        ),
    ),
    Kind.WAITING_NEWS: (
        "شما هنوز در لست ما هستید",
        (
            "سلام {{ first_name }}! شما هنوز در لست انتظار دوست زبان هستید. فراموشتان "
            "نکرده‌ایم. {% if activities %}خوش آمدید به: {{ activities }}{% endif %}"
        ),
    ),
    Kind.GROUP: (
        "پیامی از {{ programme }}",
        "سلام {{ first_name }}! سلام گرم از {{ programme }}.\n{{ text }}",
    ),
    Kind.CONSENT_CONFIRMATION: (
        "دیگر پیام کوتاه نمی‌آید",
        "دیگر از {{ programme }} پیام کوتاه نمی‌گیرید. جای شما در برنامه باقی می‌ماند.",
    ),
    Kind.CODE: (
        "کود شما",
        "کود شما از {{ programme }}: {{ code }}",
    ),
    Kind.SESSION_CHANGED: (
        (
            "{% if cancelled %}لغو شد: {{ activity }} {{ old_date }}{% else %}وقت نو: "
            "{{ activity }}{% endif %}"
        ),
        (
            "سلام {{ first_name }}! {% if cancelled %}{{ activity }} روز {{ old_date }} "
            "ساعت {{ old_time }} لغو شد. دفعهٔ دیگر می‌بینیم!{% else %}وقت نو برای "
            "{{ activity }} روز {{ old_date }}: {{ date }} ساعت {{ time }}. جا: {{ place }}"
            "{% endif %}"
        ),
    ),
    Kind.SIGN_IN: (
        "ورود به صفحهٔ من",
        (
            "کود صفحهٔ من: {{ code }}\nیا لینک را باز کنید: {{ link }}\nکود و لینک 30 "
            "دقیقه کار می‌کنند."
        ),
    ),
    Kind.CONSENT_RENEWAL: (
        "متن معلومات شما تغییر کرد",
        (
            "سلام {{ first_name }}! متن معلومات شما تغییر کرد. تا دوباره قبول نکنید، "
            "پیامی نمی‌فرستیم: {{ link }}"
        ),
    ),
}

# Ordinary values, as callers write them in this language (dates, activities, a group text).
EXAMPLE: dict[str, object] = {
    "date": "سه‌شنبه 8 دسمبر",
    "old_date": "دوشنبه 7 دسمبر",
    "activities": "Språkcafé سه‌شنبه 17:00، قدم زدن شنبه 11:00",
    "text": "کافهٔ زبان روز دوشنبه بسته است. هفتهٔ آینده دوباره خوش آمدید!",
}
