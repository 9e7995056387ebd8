"""Messaging's pages: public ones (unsubscribe, the provider's hooks) and the coordinator's."""
