"""The hourly counters behind the public pages' rate limits."""

from sprakvan.core.throttle import hit


def test_each_hit_counts_once_per_key() -> None:
    assert [hit("a"), hit("a"), hit("b"), hit("a")] == [1, 2, 1, 3]
