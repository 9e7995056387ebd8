"""The demo's messaging settings: SMS from a virtual number (people can answer STOP), e-mail in
the programme's name. With the development `SMS_URL=console://` every SMS is printed."""

import datetime

from sprakvan.core.models import Programme
from sprakvan.messaging.services import settings_for

DEMO_NUMBER = "+46766860000"


def load(programme: Programme, *, today: datetime.date) -> None:
    settings = settings_for(programme)
    settings.sms_sender = DEMO_NUMBER
    settings.email_sender_name = "Vi ses! Språkvänner"
    settings.save()
