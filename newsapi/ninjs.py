"""A live story as an IPTC ninjs 3.1 item (News in JSON), the format wire agencies and
Superdesk exchange.

Why 3.1 rather than 2.2: it is IPTC's current version (camelCase names, as every recent
example and IPTC's own tooling use), its associations carry `rel` (how a related story is
related), and organisations and places share one type with contact details. Every item
validates against IPTC's schema (`schemas/ninjs-schema_3.1.json`), which forbids keys it
does not define, so the newsroom's credits and links are expressed with ninjs's own fields:

- bylines: `by` (each author with the title and outlet they held *for this story*), and
  `people` with `rel: "author"` and their author page as `uri`; their outlets in
  `organisations` with `rel: "author"`;
- contributor credits: `people` with `rel: "contributor"` and where they reported from as
  an address locality, their organisations with `rel: "contributor"`, and the AP credit
  sentence as a description with `role: "credit"`;
- section and tags: `subjects` with `rel: "section"` / `rel: "tag"`;
- related links: `associations`: our live stories as text items (`rel: "related"`,
  their own `uri`), external pages as `rel: "seeAlso"` with the page as a rendition;
- the lead image: an association of type `picture` (`rel: "featuremedia"`) whose
  rendition is the image file;
- corrections: descriptions with the kind as `role`.

`uri` is stable for the story's whole life (a tag URI with the story's id, never its
slug); `version` goes up each time readers see a change.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import cache
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags

from articles import conf as articles_conf
from articles.images import lead_photo_renditions
from articles.jsonld import site_absolute
from articles.models import Publication

from . import conf

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "ninjs-schema_3.1.json"
STANDARD = {
    "name": "ninjs",
    "version": "3.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
}
Absolute = Callable[[str], str]


def uri_prefix() -> str:
    """NEWSAPI_URI_PREFIX, or a tag URI (RFC 4151) for the site's host and
    NEWSAPI_URI_DATE: `tag:news.example.com,2025:`."""
    prefix = conf.get("NEWSAPI_URI_PREFIX")
    if prefix:
        return prefix
    host = urlsplit(articles_conf.get("NEWSROOM_SITE_URL")).hostname or "localhost"
    return f"tag:{host},{conf.get('NEWSAPI_URI_DATE')}:"


def story_uri(article_id: int) -> str:
    """The story's ninjs `uri`: the same for every version, whatever its slug becomes."""
    return f"{uri_prefix()}story:{article_id}"


def language_tag(language: str) -> str:
    """Django's "en-us" as a BCP 47 tag, "en-US"."""
    head, _, region = (language or "en").partition("-")
    return f"{head.lower()}-{region.upper()}" if len(region) == 2 else language


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _words(html: str) -> str:
    return unescape(strip_tags(html.replace("</p>", "</p> ")))


def _by(publication: Publication) -> str:
    """“Meghann Myers, Pentagon bureau chief, Military Times”, authors joined AP-style."""
    parts = [
        ", ".join(part for part in (b.person.name, b.title, b.outlet) if part)
        for b in publication.bylines.all()
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _people_and_organisations(
    publication: Publication, absolute: Absolute
) -> tuple[list[dict], list[dict]]:
    people: list[dict] = []
    organisations: dict[tuple[str, str], dict] = {}
    for byline in publication.bylines.all():
        people.append(
            {
                "name": byline.person.name,
                "rel": "author",
                "uri": absolute(byline.person.get_absolute_url()),
            }
        )
        if byline.outlet:
            organisations.setdefault(
                (byline.outlet, "author"), {"name": byline.outlet, "rel": "author"}
            )
    for credit in publication.credits:
        entry = credit["entry"]
        if entry.get("person"):
            person = {"name": entry["person"], "rel": "contributor"}
            if entry.get("location"):
                person["contactInfo"] = [
                    {
                        "type": "address",
                        "role": "reporting location",
                        "address": {"locality": entry["location"]},
                    }
                ]
            people.append(person)
        if entry.get("organisation"):
            name = entry["organisation"]
            organisations.setdefault((name, "contributor"), {"name": name, "rel": "contributor"})
    return people, list(organisations.values())


def _subjects(publication: Publication, absolute: Absolute) -> list[dict]:
    section = publication.section
    subjects = [
        {
            "name": section.name,
            "rel": "section",
            "uri": absolute(section.get_absolute_url()),
            "literal": section.slug,
        }
    ]
    subjects += [
        {
            "name": tag.name,
            "rel": "tag",
            "uri": absolute(tag.get_absolute_url()),
            "literal": tag.slug,
        }
        for tag in publication.tags.all()
    ]
    return subjects


def _descriptions(publication: Publication) -> list[dict]:
    descriptions = []
    if publication.dek:
        descriptions.append(
            {"role": "summary", "contentType": "text/plain", "value": publication.dek}
        )
    if publication.credit_line:
        descriptions.append(
            {"role": "credit", "contentType": "text/plain", "value": publication.credit_line}
        )
    descriptions += [
        {"role": "bio", "contentType": "text/plain", "value": b.bio_line}
        for b in publication.bylines.all()
        if b.bio_line
    ]
    for correction in publication.corrections:
        noted = parse_datetime(correction.get("noted_at") or "")
        label = correction["kind"].capitalize()
        if noted:
            noted = timezone.localtime(noted)  # the date the page shows
            label += f" ({noted:%B} {noted.day}, {noted.year})"
        descriptions.append(
            {
                "role": correction["kind"],
                "contentType": "text/plain",
                "value": f"{label}: {correction['note']}",
            }
        )
    return descriptions


def _web(href: str) -> dict:
    return {"name": "web", "href": href, "contentType": "text/html"}


def _associations(
    publication: Publication, targets: Mapping[int, Publication], absolute: Absolute
) -> list[dict]:
    associations = []
    if publication.lead_photo_id:
        associations.append(_lead_image(publication, absolute))
    for link in publication.related_links:
        if "article_id" in link:
            target = targets.get(link["article_id"])
            if target is None or target.pk == publication.pk:
                continue  # not live (or a link to itself): not shown to readers either
            associations.append(
                {
                    "name": target.headline,
                    "rel": "related",
                    "uri": story_uri(target.article_id),
                    "type": "text",
                    "version": str(target.version),
                    "firstCreated": _iso(target.published_at),
                    "versionCreated": _iso(target.last_modified),
                    "headlines": [{"role": "main", "value": target.headline}],
                    "renditions": [_web(absolute(target.get_absolute_url()))],
                }
            )
        elif link.get("url"):
            title = link.get("title") or link["url"]
            associations.append(
                {
                    "name": title,
                    "rel": "seeAlso",
                    "uri": link["url"],
                    "headlines": [{"role": "main", "value": title}],
                    "renditions": [_web(link["url"])],
                }
            )
    return associations


def _lead_image(publication: Publication, absolute: Absolute) -> dict:
    # The library's renditions, each with its size and type; the text is as published.
    renditions = lead_photo_renditions(publication, absolute=absolute)
    picture: dict = {
        "name": publication.lead_image_caption or publication.lead_image_alt or "Lead image",
        "rel": "featuremedia",
        "uri": f"{story_uri(publication.article_id)}:lead-image",
        "type": "picture",
        "renditions": renditions,
    }
    descriptions = [
        {"role": role, "contentType": "text/plain", "value": value}
        for role, value in (
            ("caption", publication.lead_image_caption),
            ("alt", publication.lead_image_alt),
        )
        if value
    ]
    if descriptions:
        picture["descriptions"] = descriptions
    if publication.lead_image_credit:
        picture["by"] = publication.lead_image_credit
    return picture


def _rights(publication: Publication) -> dict:
    holder = conf.get("NEWSAPI_COPYRIGHT_HOLDER") or articles_conf.get("NEWSROOM_SITE_NAME")
    rights = {
        "copyrightHolder": holder,
        "copyrightNotice": conf.get("NEWSAPI_COPYRIGHT_NOTICE").format(
            year=publication.published_at.year, holder=holder
        ),
    }
    if conf.get("NEWSAPI_USAGE_TERMS"):
        rights["usageTerms"] = conf.get("NEWSAPI_USAGE_TERMS")
    if conf.get("NEWSAPI_RIGHTS_URL"):
        rights["rightsInfo"] = {"linkedRights": conf.get("NEWSAPI_RIGHTS_URL")}
    return rights


def item(
    publication: Publication,
    *,
    targets: Mapping[int, Publication],
    absolute: Absolute = site_absolute,
) -> dict:
    """The ninjs item of live story `publication`. Expects the prefetches of
    `selectors.live_stories()`; `targets` are the live stories it links to
    (`selectors.related_targets`); `absolute` makes a path an absolute URL."""
    text = _words(publication.body)
    people, organisations = _people_and_organisations(publication, absolute)
    data: dict = {
        "uri": story_uri(publication.article_id),
        "standard": STANDARD,
        "type": "text",
        "representationType": "full",
        "profile": "text-photo" if publication.lead_photo_id else "text-only",
        "version": str(publication.version),
        "firstCreated": _iso(publication.published_at),
        "versionCreated": _iso(publication.last_modified),
        "pubStatus": "usable",
        "language": language_tag(publication.language),
        "slugline": publication.slug,
        "headlines": [{"role": "main", "contentType": "text/plain", "value": publication.headline}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "charCount": len(text),
                "wordCount": len(text.split()),
                "value": publication.body,
            }
        ],
        "subjects": _subjects(publication, absolute),
        "renditions": [_web(absolute(publication.get_absolute_url()))],
        **_rights(publication),
    }
    created = getattr(publication, "content_created", None)
    if created:
        data["contentCreated"] = _iso(created)
    by = _by(publication)
    if by:
        data["by"] = by
    if publication.dateline:
        data["located"] = publication.dateline
    optional = {
        "descriptions": _descriptions(publication),
        "people": people,
        "organisations": organisations,
        "associations": _associations(publication, targets, absolute),
    }
    data.update({key: value for key, value in optional.items() if value})
    return data


def withdrawn_item(publication: Publication) -> dict:
    """What may be said of a story readers can no longer see: its `uri`, version and that
    it is withdrawn (`pubStatus: canceled`); nothing of its content."""
    return {
        "uri": story_uri(publication.article_id),
        "standard": STANDARD,
        "type": "text",
        "representationType": "partial",
        "version": str(publication.version),
        "versionCreated": _iso(publication.withdrawn_at or publication.last_modified),
        "pubStatus": "canceled",
    }


def scheduled_item(article_id: int, *, publish_at: datetime) -> dict:
    """What may be said of a story scheduled but not yet live: its `uri` and when it is
    due (`embargoedUntil`, `pubStatus: withheld`); nothing of its content."""
    return {
        "uri": story_uri(article_id),
        "standard": STANDARD,
        "type": "text",
        "representationType": "partial",
        "pubStatus": "withheld",
        "embargoedUntil": _iso(publish_at),
    }


@cache
def schema() -> dict:
    """IPTC's ninjs 3.1 JSON Schema, as shipped in `schemas/`."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
