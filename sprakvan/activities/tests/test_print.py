"""The printed A4 attendance list: a tagged PDF that says what the leader needs."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def test_the_pdf_lists_the_session_the_leaders_the_regulars_and_blank_rows(
    client_for, leader, session, regulars
):
    response = client_for(leader).get(reverse("activities:session_pdf", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    week = session.date.isocalendar()[1]
    for expected in [
        "Språkcafé Skäggetorp",
        "Skäggetorps bibliotek",
        "Skäggetorp",
        session.date.isoformat(),
        "Leo",
        "Amina",
        "Omar",
    ]:
        assert expected in text
    # "v. 11" in Swedish, "w. 11" until the catalogue is compiled.
    assert re.search(rf"\b[vw]\. {week}\b", text)
    assert "Yusuf" not in text  # a leader's list has first names only
    assert "/StructTreeRoot" in reader.root_object  # tagged PDF (PDF/UA)
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4


def test_the_print_page_has_the_qr_code_and_print_css(client_for, coordinator, session, regulars):
    html = (
        client_for(coordinator)
        .get(reverse("activities:session_print", args=[session.pk]))
        .content.decode()
    )
    assert "<svg" in html and "activities/print.css" in html
    assert "Amina Yusuf" in html
    assert html.count('<span class="box"></span>') >= 12
