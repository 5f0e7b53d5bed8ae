"""Stories as IPTC ninjs 3.1 items: every demo story validates against IPTC's schema with
no extra keys, and the reference story's people, rights, subjects and links map onto
ninjs's own fields."""

from __future__ import annotations

import pytest

from articles.models import Correction, Publication
from articles.services import article_commit_edit, article_transition
from newsapi import ninjs
from newsapi.selectors import live_stories, related_targets
from tests.newsapi.conftest import NINJS_SCHEMA, ninjs_errors

pytestmark = pytest.mark.django_db


def _items() -> dict[int, dict]:
    publications = list(live_stories())
    targets = related_targets(publications)
    return {p.article_id: ninjs.item(p, targets=targets) for p in publications}


def test_every_demo_story_validates_against_the_iptc_schema(demo, ninjs_validator):
    items = _items()
    assert len(items) == 6
    for item in items.values():
        assert ninjs_errors(ninjs_validator, item) == [], item["headlines"]


def test_the_shipped_schema_is_iptcs_unchanged():
    assert ninjs.SCHEMA_PATH.read_bytes() == NINJS_SCHEMA.read_bytes()


def test_the_reference_story_names_its_author_with_her_title_and_the_ap_writers(demo):
    item = _items()[demo.pk]
    assert item["uri"] == f"tag:localhost,2025:story:{demo.pk}"
    assert item["headlines"][0]["value"] == demo.headline
    assert item["by"] == "Meghann Myers, Pentagon bureau chief, Military Times"
    people = [(p["name"], p["rel"]) for p in item["people"]]
    assert people == [
        ("Meghann Myers", "author"),
        ("Ali Jabar", "contributor"),
        ("Tara Copp", "contributor"),
        ("Bassem Mroue", "contributor"),
        ("Melanie Lidman", "contributor"),
    ]
    assert item["people"][0]["uri"].endswith("/author/meghann-myers/")
    places = {p["name"]: p["contactInfo"][0]["address"]["locality"] for p in item["people"][1:]}
    assert places == {
        "Ali Jabar": "Baghdad",
        "Tara Copp": "Washington",
        "Bassem Mroue": "Beirut",
        "Melanie Lidman": "Jerusalem",
    }
    assert {(o["name"], o["rel"]) for o in item["organisations"]} == {
        ("Military Times", "author"),
        ("Associated Press", "contributor"),
    }
    descriptions = {d["role"]: d["value"] for d in item["descriptions"]}
    assert descriptions["credit"].startswith("Associated Press staff writers Ali Jabar in Baghdad")
    assert descriptions["bio"].startswith("Meghann Myers is the Pentagon bureau chief")
    assert descriptions["summary"].startswith("The Pentagon confirmed")


def test_subjects_dates_rights_and_body(demo, settings):
    settings.NEWSAPI_COPYRIGHT_HOLDER = "Newsroom Media LLC"
    settings.NEWSAPI_USAGE_TERMS = "Subscribers may republish with credit."
    settings.NEWSAPI_RIGHTS_URL = "https://example.com/licence"
    item = _items()[demo.pk]
    publication = Publication.objects.get(article=demo)
    assert [(s["rel"], s["name"]) for s in item["subjects"]] == [
        ("section", "World"),
        ("tag", "Iraq"),
        ("tag", "Middle East"),
        ("tag", "Pentagon"),
    ]
    assert item["firstCreated"] == publication.published_at.isoformat()
    assert item["versionCreated"] == publication.published_at.isoformat()
    assert item["contentCreated"] == demo.created_at.isoformat()
    assert item["version"] == "1" and item["pubStatus"] == "usable"
    assert item["language"] == "en-US"
    assert item["copyrightHolder"] == "Newsroom Media LLC"
    year = publication.published_at.year
    assert item["copyrightNotice"] == f"Copyright {year} Newsroom Media LLC. All rights reserved."
    assert item["usageTerms"] == "Subscribers may republish with credit."
    assert item["rightsInfo"] == {"linkedRights": "https://example.com/licence"}
    body = item["bodies"][0]
    assert body["contentType"] == "text/html" and body["value"] == publication.body
    assert body["value"].startswith("<p>A U.S. airstrike in Baghdad")
    assert body["wordCount"] > 500
    assert item["renditions"] == [
        {
            "name": "web",
            "href": f"http://localhost:8000/news/{publication.slug}/",
            "contentType": "text/html",
        }
    ]


def _links(item: dict) -> list[dict]:
    """An item's associations other than its pictures (the demo's lead photo comes first)."""
    return [a for a in item["associations"] if a["rel"] != "featuremedia"]


def test_related_links_become_associations_and_hidden_targets_drop_out(demo, editor):
    item = _items()[demo.pk]
    related = [(a["rel"], a["name"]) for a in _links(item)]
    assert related == [
        ("related", "Militia attacks on US bases top 100 since October"),
        ("related", "Iraq forms committee to set timetable for coalition exit"),
        ("seeAlso", "Defense Department news releases"),
    ]
    internal = _links(item)[0]
    target = Publication.objects.get(headline=internal["name"])
    assert internal["uri"] == ninjs.story_uri(target.article_id)
    assert internal["renditions"][0]["href"].endswith(f"/news/{target.slug}/")
    assert _links(item)[2]["uri"] == "https://www.defense.gov/News/"

    article_transition(article=target.article, action="unpublish", user=editor, comment="Legal")
    item = _items()[demo.pk]
    assert [a["name"] for a in _links(item)] == [
        "Iraq forms committee to set timetable for coalition exit",
        "Defense Department news releases",
    ]


def test_a_lead_image_is_a_picture_association_and_corrections_are_described(
    demo, editor, ninjs_validator, make_photo
):
    demo.lead_photo = make_photo(
        "Palestine Street", alt_text="A burned car in a garage",
        caption="The scene of the strike on Palestine Street.",
    )
    demo.save()
    Correction.objects.create(article=demo, note="An earlier version misspelled a name.")
    article_commit_edit(article=demo, user=editor, comment="Photo and correction")
    for action in ("submit", "approve", "publish"):
        article_transition(article=demo, action=action, user=editor)
    item = _items()[demo.pk]
    assert ninjs_errors(ninjs_validator, item) == []
    assert item["version"] == "2" and item["profile"] == "text-photo"
    picture = item["associations"][0]
    assert picture["type"] == "picture" and picture["rel"] == "featuremedia"
    assert picture["by"] == "AP Photo/Hadi Mizban"
    renditions = picture["renditions"]
    assert {r["name"] for r in renditions} >= {"w640.jpeg", "w1200-16x9.jpeg", "w1200-1x1.jpeg"}
    for rendition in renditions:
        assert rendition["href"].startswith("http://localhost:8000/media/photos/")
        assert rendition["contentType"] == "image/jpeg"
        assert rendition["width"] > 0 and rendition["height"] > 0
        assert rendition["sizeInBytes"] > 0
    correction = [d for d in item["descriptions"] if d["role"] == "correction"]
    assert len(correction) == 1
    assert correction[0]["value"].endswith(": An earlier version misspelled a name.")


def test_withdrawn_and_scheduled_items_say_nothing_of_the_content(demo, editor, ninjs_validator):
    from django.utils import timezone

    article_transition(article=demo, action="unpublish", user=editor, comment="Legal")
    publication = Publication.objects.get(article=demo)
    withdrawn = ninjs.withdrawn_item(publication)
    scheduled = ninjs.scheduled_item(demo.pk, publish_at=timezone.now())
    for item in (withdrawn, scheduled):
        assert ninjs_errors(ninjs_validator, item) == []
        assert "headlines" not in item and "bodies" not in item
    assert withdrawn["pubStatus"] == "canceled" and scheduled["pubStatus"] == "withheld"


def test_the_validator_refuses_keys_and_formats_ninjs_does_not_define(demo, ninjs_validator):
    """The check above can fail: an extra key or a malformed date is an error."""
    item = _items()[demo.pk]
    assert ninjs_errors(ninjs_validator, {**item, "credits": []})
    assert ninjs_errors(ninjs_validator, {**item, "firstCreated": "yesterday"})
    people = [{**item["people"][0], "title": "Pentagon bureau chief"}]
    assert ninjs_errors(ninjs_validator, {**item, "people": people})
