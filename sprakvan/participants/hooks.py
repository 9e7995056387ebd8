"""Hooks that apps above participants fill at start-up, so that participants never imports them.

Each hook runs inside the transaction that registers or imports people; a hook that sends or
queues work does so with `transaction.on_commit` itself.

- `after_registration`: called by `register_participant` with the new participant, after it and
  its consents are saved (messaging sends the receipt).
- `phones_registered`: called with the programme and the E.164 numbers of the people registered
  or imported (possibly none) (partners links the leads met at outreach events).
"""

from collections.abc import Callable

from sprakvan.core.models import Programme

from .models import Participant

after_registration: list[Callable[[Participant], None]] = []
phones_registered: list[Callable[[Programme, list[str]], None]] = []


def call_phones_registered(programme: Programme, phones: list[str]) -> None:
    for hook in phones_registered:
        hook(programme, phones)
