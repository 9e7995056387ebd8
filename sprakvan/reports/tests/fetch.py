"""Getting the partner-dialogue file as a user does: the first request starts the build."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.test import Client, TestCase
from django.urls import reverse

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse


def fetch_document(client: Client, extension: str, query: str) -> TestResponse:
    """The file, after the build its first request queued has run. The tests' task backend
    runs a task when it is enqueued, and `jobs.submit` enqueues when the request's transaction
    commits, which the test's own transaction holds back until these callbacks run."""
    url = reverse("reports:document_download", args=[extension]) + query
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = client.get(url)
    if first.has_header("Content-Disposition"):
        return first
    return client.get(url)
