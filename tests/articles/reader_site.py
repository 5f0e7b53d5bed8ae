"""A small published site for the distribution tests: feeds, sitemaps, JSON-LD, caching.

`build_site()` makes, at fixed offsets from now:
- "main": World, tags Iraq and Pentagon, `bylines` authors with titles, outlets and bio
  lines, `credits` credits, `links` curated links to older stories plus one external link,
  a correction, a dateline; published 2 hours ago and republished 1 hour ago.
- "older-0".."older-2": Military, tag Pentagon, by the first author, 30-32 hours ago.
- "stale": World, published 3 days ago (outside the Google News window).
- "draft": saved, never published. "withdrawn": published, then unpublished.
- "scheduled": published with a visible-from time tomorrow. "expired": visible until
  an hour ago.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Correction, Publication, RelatedLink
from articles.services import article_publish_revision, article_save_revision, article_unpublish
from tests.conftest import publish
from tests.factories import (
    ArticleFactory,
    CreditFactory,
    OrganisationFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
)


@dataclass
class Site:
    now: object
    articles: dict[str, Article] = field(default_factory=dict)
    authors: list = field(default_factory=list)

    def publication(self, name: str) -> Publication:
        return Publication.objects.get(article=self.articles[name])

    @property
    def main(self) -> Article:
        return self.articles["main"]


def publish_at(article: Article, *, now, visible_from=None) -> Publication:
    revision, _ = article_save_revision(article=article, comment="test")
    return article_publish_revision(
        article=article, revision=revision, now=now, visible_from=visible_from
    )


def build_site(*, bylines: int = 2, credits: int = 2, links: int = 2) -> Site:
    now = timezone.now().replace(microsecond=0)
    site = Site(now=now)
    world = SectionFactory(name="World", slug="world", description="News from around the world.")
    military = SectionFactory(name="Military", slug="military")
    iraq = TagFactory(name="Iraq", slug="iraq")
    pentagon = TagFactory(name="Pentagon", slug="pentagon")
    outlet = OrganisationFactory(name="Military Times", slug="military-times")
    agency = OrganisationFactory(name="Associated Press", slug="associated-press")
    site.authors = [
        PersonFactory(name=f"Author Number{n}", slug=f"author-{n}") for n in range(bylines)
    ]

    for n in range(3):
        older = ArticleFactory(
            headline=f"Older story {n}", slug=f"older-{n}", section=military,
            authors=site.authors[:1],
        )
        older.tags.add(pentagon)
        publish(older, now=now - timedelta(hours=30 + n))
        site.articles[f"older-{n}"] = older

    main = ArticleFactory(
        headline="Strike & counterstrike: what <we> know",
        slug="main-story",
        section=world,
        authors=site.authors,
        dek="The dek says what happened, with an ampersand & an <angle>.",
        body='<p>First paragraph with <strong>bold</strong> and <a href="https://example.org/x">'
        "a link</a>.</p><p>Second paragraph.</p>",
        dateline="BAGHDAD",
        language="en-us",
    )
    main.tags.add(iraq, pentagon)
    for position, byline in enumerate(main.bylines.all()):
        byline.title = "Pentagon bureau chief" if position == 0 else "staff writer"
        byline.organisation = outlet
        byline.bio_line = f"{byline.person.name} covers the Pentagon."
        byline.save()
    for n in range(credits):
        CreditFactory(
            article=main,
            person=PersonFactory(name=f"Credited Person{n}", slug=f"credited-{n}"),
            organisation=agency,
            role="staff writer",
            location="Baghdad",
            position=n,
        )
    for n in range(links):
        target = site.articles.get(f"older-{n % 3}")
        if n >= 3:
            target = ArticleFactory(
                headline=f"Link target {n}", slug=f"target-{n}", section=military
            )
            publish(target, now=now - timedelta(hours=40 + n))
        RelatedLink.objects.create(article=main, target=target, position=n)
    RelatedLink.objects.create(
        article=main, url="https://example.org/report", title="An external report", position=links
    )
    Correction.objects.create(
        article=main,
        note="An earlier version misspelled a name.",
        noted_at=now - timedelta(hours=1),
    )
    publish(main, now=now - timedelta(hours=2))
    main.headline = "Strike & counterstrike: what <we> know now"
    main.save()
    publish(main, now=now - timedelta(hours=1))  # an update: same story, new revision
    site.articles["main"] = main

    stale = ArticleFactory(headline="A story from three days ago", slug="stale", section=world)
    publish(stale, now=now - timedelta(days=3))
    site.articles["stale"] = stale

    draft = ArticleFactory(headline="Secret draft", slug="draft", section=world)
    draft.tags.add(iraq)
    article_save_revision(article=draft)
    site.articles["draft"] = draft

    withdrawn = ArticleFactory(headline="Withdrawn story", slug="withdrawn", section=world)
    withdrawn.tags.add(iraq)
    publish(withdrawn, now=now - timedelta(hours=5))
    article_unpublish(article=withdrawn)
    site.articles["withdrawn"] = withdrawn

    scheduled = ArticleFactory(headline="Embargoed story", slug="scheduled", section=world)
    scheduled.tags.add(iraq)
    publish_at(scheduled, now=now - timedelta(hours=3), visible_from=now + timedelta(days=1))
    site.articles["scheduled"] = scheduled

    expired = ArticleFactory(headline="Expired story", slug="expired", section=world)
    expired.tags.add(iraq)
    publish(expired, now=now - timedelta(hours=6))
    Publication.objects.filter(article=expired).update(visible_until=now - timedelta(hours=1))
    site.articles["expired"] = expired
    return site


LIVE = ["main", "older-0", "older-1", "older-2", "stale"]
NOT_LIVE = ["draft", "withdrawn", "scheduled", "expired"]
