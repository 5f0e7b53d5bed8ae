"""Corrections: dated notes a published story carries, on the page and in its JSON-LD."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from articles.models import Correction
from articles.services import article_commit_edit, article_transition
from tests.factories import ArticleFactory

from .admin_forms import form_data, parse

pytestmark = pytest.mark.django_db

NOTED = datetime(2025, 2, 3, 15, 0, tzinfo=ZoneInfo("UTC"))


def _json_ld(page, kind="NewsArticle"):
    for script in page.xpath('//script[@type="application/ld+json"]/text()'):
        data = json.loads(script)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"No {kind} JSON-LD")


def _publish(article, reporter, editor):
    article_commit_edit(article=article, user=reporter)
    for action, user in (("submit", reporter), ("approve", editor), ("publish", editor)):
        article_transition(article=article, action=action, user=user)


def test_corrections_reach_readers_and_structured_data(client, reporter, editor):
    article = ArticleFactory(
        headline="Base closure announced", slug="base-closure", authors=[reporter.contributor]
    )
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CORRECTION,
        noted_at=NOTED,
        note="An earlier version misstated the number of troops <b>affected</b>.",
    )
    Correction.objects.create(
        article=article, kind=Correction.Kind.UPDATE, note="Adds the Army's response."
    )
    _publish(article, reporter, editor)

    page = parse(client.get("/news/base-closure/"))
    (aside,) = page.xpath('//aside[@class="corrections"]')
    items = [" ".join(li.text_content().split()) for li in aside.xpath(".//li")]
    assert items[0] == (
        "Correction, February 3, 2025: "
        "An earlier version misstated the number of troops <b>affected</b>."
    )
    assert items[1].startswith("Update, ") and items[1].endswith("Adds the Army's response.")
    # The machine-readable time is the same instant, whatever zone it is written in.
    assert datetime.fromisoformat(aside.xpath(".//li[1]/time/@datetime")[0]) == NOTED

    data = _json_ld(page)
    assert data["correction"][0] == {
        "@type": "CorrectionComment",
        "text": "An earlier version misstated the number of troops <b>affected</b>.",
        "datePublished": NOTED.isoformat(),
    }
    assert data["correction"][1]["text"] == "Adds the Army's response."


def test_a_correction_added_later_appears_only_once_published(client, reporter, editor):
    article = ArticleFactory(
        headline="Convoy route", slug="convoy-route", authors=[reporter.contributor]
    )
    _publish(article, reporter, editor)
    assert "correction" not in _json_ld(parse(client.get("/news/convoy-route/")))

    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url))
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-noted_at_0": "2025-02-03",
            "corrections-0-noted_at_1": "10:00:00",
            "corrections-0-note": "The convoy left from Erbil, not Mosul.",
            "revision_comment": "Add correction",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, parse(response).xpath('string(//*[@class="errorlist"])')
    public = client.get("/news/convoy-route/").content.decode()
    assert "Erbil" not in public  # a correction is an edit: approved and published first

    for action in ("submit", "approve", "publish"):
        article_transition(article=article, action=action, user=editor)
    page = parse(client.get("/news/convoy-route/"))
    assert "The convoy left from Erbil, not Mosul." in page.xpath(
        'string(//aside[@class="corrections"])'
    )
    assert _json_ld(page)["correction"][0]["text"] == "The convoy left from Erbil, not Mosul."
