"""Findings are for the newsroom only: nothing of a style report reaches readers' pages
or their structured data, even for a story published over open errors."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from apstyle.models import AcceptedFinding
from apstyle.services import finding_accept, revision_report
from articles.services import article_transition

from .stories import latest_info

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_with_errors(messy_story, reporter, editor):
    report = revision_report(info=latest_info(messy_story))
    finding_accept(
        report=report,
        fingerprint=report.findings[0]["fingerprint"],
        user=editor,
        reason="SECRET-ACCEPT-REASON",
    )
    article_transition(article=messy_story, action="submit", user=reporter)
    article_transition(
        article=messy_story, action="approve", user=editor, override_reason="SECRET-OVERRIDE"
    )
    article_transition(article=messy_story, action="publish", user=editor)
    return messy_story, report


def test_no_finding_reaches_a_public_page(client, published_with_errors):
    article, report = published_with_errors
    assert AcceptedFinding.objects.exists()
    messages = {f["message"] for f in report.findings}
    rules = {f["rule"] for f in report.findings}
    pages = [
        f"/news/{article.slug}/",
        f"/news/{article.slug}/related/",
        "/",
        f"/section/{article.section.slug}/",
        f"/author/{article.bylines.first().person.slug}/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "Mayor signs budget" in html or path.endswith("/related/"), path
        for secret in [
            *messages, *rules, "<mark", "apstyle", "AP style", "SECRET-ACCEPT-REASON",
            "SECRET-OVERRIDE", "checks overridden",
        ]:  # fmt: skip
            assert secret not in html, (path, secret)


def test_no_finding_reaches_the_structured_data(client, published_with_errors):
    article, report = published_with_errors
    page = lxml_html.fromstring(client.get(f"/news/{article.slug}/").content)
    blocks = page.xpath('//script[@type="application/ld+json"]/text()')
    assert blocks
    data = json.dumps([json.loads(b) for b in blocks], ensure_ascii=False)
    for finding in report.findings:
        assert finding["message"] not in data
        assert finding["rule"] not in data
    assert "SECRET" not in data
