"""The controlled vocabularies of participants_public: groups, genders, statuses, channels, languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Group(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomer")
    ESTABLISHED = "established", _("Established resident")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class WishGender(models.TextChoices):
    ANY = "", _("No preference")
    WOMAN = "woman", _("A woman")
    MAN = "man", _("A man")


class Status(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    MATCHED = "matched", _("Matched")
    PAUSED = "paused", _("Paused")
    LEFT = "left", _("Left")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Source(models.TextChoices):
    SELF_REGISTRATION = "self_registration", _("Self-registration")
    REFERRAL = "referral", _("Referral by an organisation")
    FAIR = "fair", _("Fair or outreach event")
    IMPORT = "import", pgettext_lazy("how a participant came", "Import")
    STAFF = "staff", _("Registered by staff")


class HeardAbout(models.TextChoices):
    UNKNOWN = "", _("(not given)")
    FRIEND = "friend", _("From a friend or relative")
    ORGANISATION = "organisation", _("From an organisation or the municipality")
    FAIR = "fair", _("At a fair or event")
    LANGUAGE_CAFE = "language_cafe", _("At a language café")
    SOCIAL_MEDIA = "social_media", _("On social media or the web")
    OTHER = "other", _("Other")


class SwedishLevel(models.IntegerChoices):
    JUST_STARTED = 1, _("I have just started")
    A_LITTLE = 2, _("I understand a little")
    GETTING_BY = 3, _("I get by in everyday situations")
    GOOD = 4, _("I speak well")
    FLUENT = 5, _("I speak fluently")


WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
PARTS_OF_DAY = [
    pgettext_lazy("part of day", "morning"),
    pgettext_lazy("part of day", "afternoon"),
    pgettext_lazy("part of day", "evening"),
]
SLOT_COUNT = len(WEEKDAYS) * len(PARTS_OF_DAY)


def slot_index(weekday: int, part: int) -> int:
    """Availability is a 21-bit mask: bit weekday*3+part (Monday morning is bit 0)."""
    return weekday * len(PARTS_OF_DAY) + part


def slot_label(index: int) -> str:
    weekday, part = divmod(index, len(PARTS_OF_DAY))
    return f"{WEEKDAYS[weekday]} {PARTS_OF_DAY[part]}"


def slots_in(mask: int) -> list[int]:
    return [i for i in range(SLOT_COUNT) if mask >> i & 1]


# Interests: slug -> label. Each has a picture at static/participants/interests/<slug>.svg.
INTERESTS = {
    "football": _("Football"),
    "walking": _("Walks and nature"),
    "cooking": _("Cooking and food"),
    "fika": _("Coffee and talk"),
    "music": _("Music"),
    "reading": _("Books and reading"),
    "crafts": _("Handicraft"),
    "gardening": _("Gardening"),
    "sports": _("Sport and exercise"),
    "culture": _("Museums and culture"),
    "games": _("Games"),
    "children": _("Activities with children"),
    "film": _("Film and TV"),
    "technology": _("Computers and technology"),
    "art": _("Art and drawing"),
    "swimming": _("Swimming"),
}

# Languages people speak (ISO 639-1): code -> name. Swedish is the common language.
LANGUAGES = {
    "sv": _("Swedish"),
    "en": _("English"),
    "ar": _("Arabic"),
    "fa": _("Persian/Dari"),
    "ps": _("Pashto"),
    "ti": _("Tigrinya"),
    "so": _("Somali"),
    "am": _("Amharic"),
    "uk": _("Ukrainian"),
    "ru": _("Russian"),
    "ku": _("Kurdish"),
    "tr": _("Turkish"),
    "fr": _("French"),
    "es": _("Spanish"),
    "de": _("German"),
    "it": _("Italian"),
    "pl": _("Polish"),
    "bs": _("Bosnian/Croatian/Serbian"),
    "sq": _("Albanian"),
    "el": _("Greek"),
    "fi": _("Finnish"),
    "th": _("Thai"),
    "zh": _("Chinese"),
    "vi": _("Vietnamese"),
    "ur": _("Urdu"),
    "hi": _("Hindi"),
    "bn": _("Bengali"),
    "pt": _("Portuguese"),
    "ro": _("Romanian"),
    "sw": _("Swahili"),
    "my": _("Burmese"),
    "ne": _("Nepali"),
    "ta": _("Tamil"),
    "uz": _("Uzbek"),
    "hy": _("Armenian"),
    "ka": _("Georgian"),
    "mn": _("Mongolian"),
    "he": _("Hebrew"),
    "nl": _("Dutch"),
    "da": _("Danish"),
    "no": _("Norwegian"),
}
