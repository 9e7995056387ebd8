"""The one error of the matching services, whose message is for the coordinator."""


class MatchingError(Exception):
    """A change the rules do not allow; the message is for the coordinator."""
