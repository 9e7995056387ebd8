"""Signals other apps listen to, so that participants never imports them."""

from django.dispatch import Signal

# Sent inside the transaction that registers or imports people, with `programme` and `phones`
# (the E.164 numbers of the people registered or changed; may be empty). The partners app
# links the leads met at outreach events to these registrations.
registered = Signal()
