from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "sprakvan.participants"
