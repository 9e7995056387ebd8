"""Staff and participant pages are never kept in a browser's or a proxy's cache."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme


@pytest.mark.django_db
def test_a_staff_page_is_sent_with_no_store(
    client_for: Callable[[User], Client], coordinator: User
) -> None:
    response = client_for(coordinator).get(reverse("participants:list"))

    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_the_public_sign_up_page_is_sent_with_no_store(
    client: Client, programme: Programme
) -> None:
    response = client.get(f"/{programme.slug}/anmalan/")

    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
