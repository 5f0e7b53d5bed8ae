#!/usr/bin/env python
"""SQL queries per public page, for a story with 1 byline and nothing else, and for one
with 5 bylines, 12 credits and 20 related links. The two counts must be equal.

Usage: python bench/queries.py [--stories N] [--show PAGE]

Runs in-process with Django's test client (the whole middleware stack) on the benchmark
database of N stories beside `DATABASE_URL` (see `common.scaled_url`; default N 1,000,
generated if missing). The two stories are published through the services (once; later
runs reuse them). Each page (home, section, article, related, author, tag, the author's
feed, the latest feeds, the sitemap index, news and articles sitemaps) is counted cold (a
new site token first, so nothing cached applies) and warm (asked again: a page-cache hit).
Each shape's counts are compared and the script exits non-zero if they differ or exceed
8. `--show PAGE` prints the SQL of that page's cold request.
"""

from __future__ import annotations

import argparse

import common

MAX_QUERIES = 8
SHAPES = {
    "small": {"bylines": 1, "credits": 0, "links": 0, "label": "1 byline"},
    "large": {"bylines": 5, "credits": 12, "links": 20, "label": "5 bylines, 12 credits, 20 links"},
}
# The site's feeds and sitemaps are the same for both shapes except the author's feed;
# the news and articles sitemaps list every recent and every live story.
FEEDS_AND_SITEMAPS = {
    "feed": "/feeds/latest/rss/",
    "feed (atom)": "/feeds/latest/atom/",
    "sitemap": "/sitemap.xml",
    "sitemap (news)": "/sitemap-news.xml",
    "sitemap (articles)": "/sitemap-articles.xml",
}


def shaped_story(name: str, shape: dict):
    """A live story of `shape`, published through the services, in section "World" and
    tagged "Benchmark shapes"."""
    # Imported once main() has set Django up against the benchmark database (app loading).
    from django.utils.text import slugify

    from articles.models import Article, Byline, Credit, Publication, RelatedLink, Section, Tag
    from articles.services import article_commit_edit, article_transition
    from contributors.models import Organisation, Person

    slug = f"benchmark-shape-{name}"
    publication = Publication.objects.filter(slug=slug).first()
    if publication is not None:
        return publication
    section = Section.objects.filter(slug="world").first() or Section.objects.create(
        name="World", slug="world"
    )
    tag, _ = Tag.objects.get_or_create(
        slug="benchmark-shapes", defaults={"name": "Benchmark shapes"}
    )
    people = list(Person.objects.order_by("pk")[: shape["bylines"] + shape["credits"]])
    organisation = Organisation.objects.order_by("pk").first()
    targets = list(
        Publication.objects.live()
        .order_by("-published_at")
        .values_list("article_id", flat=True)[: shape["links"]]
    )
    article = Article.objects.create(
        headline=f"Benchmark story with {shape['label']}",
        slug=slug,
        dek="A story of a known shape for counting queries.",
        body="<p>" + "A paragraph of the benchmark story. " * 12 + "</p>",
        dateline="WASHINGTON",
        section=section,
    )
    Byline.objects.bulk_create(
        Byline(article=article, person=p, position=i, title="staff writer")
        for i, p in enumerate(people[: shape["bylines"]])
    )
    Credit.objects.bulk_create(
        Credit(
            article=article, person=p, organisation=organisation, role="staff writer",
            location="Baghdad", position=i,
        )
        for i, p in enumerate(people[shape["bylines"] :])
    )  # fmt: skip
    RelatedLink.objects.bulk_create(
        RelatedLink(article=article, target_id=targets[i // 2], position=i)
        if i % 2 == 0 and i // 2 < len(targets)
        else RelatedLink(
            article=article, url=f"https://example.org/{slugify(name)}/{i}",
            title=f"External link {i}", position=i,
        )
        for i in range(shape["links"])
    )  # fmt: skip
    article.tags.set([tag])
    article_commit_edit(article=article, comment="Benchmark story")
    for action in ("submit", "approve", "publish"):
        article_transition(article=article, action=action, comment="Benchmark")
    return Publication.objects.get(slug=slug)


def page_urls(publication) -> dict[str, str]:
    person = publication.bylines.order_by("position").first().person
    return {
        "home": "/",
        "section": publication.section.get_absolute_url(),
        "article": publication.get_absolute_url(),
        "related": publication.get_absolute_url() + "related/",
        "author": person.get_absolute_url(),
        "tag": "/tag/benchmark-shapes/",
        "author feed": f"/feeds/author/{person.slug}/rss/",
        **FEEDS_AND_SITEMAPS,
    }


def count(client, url: str) -> tuple[int, int, list[str]]:
    # Imported once main() has set Django up against the benchmark database (app loading).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return len(queries), len(response.content), [q["sql"] for q in queries.captured_queries]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--show", default="", help="Print the SQL of this page (e.g. article).")
    args = parser.parse_args()

    url = common.scaled_url(common.database_url(), args.stories)
    common.ensure_dataset(url, args.stories)
    common.setup_django(url)
    # After setup_django: app loading.
    from django.db import transaction
    from django.test import Client

    from articles import caching

    client = Client(SERVER_NAME="localhost")
    cold_counts: dict[str, dict[str, int]] = {}
    for name, shape in SHAPES.items():
        with transaction.atomic():
            publication = shaped_story(name, shape)
        for page, page_url in page_urls(publication).items():
            caching.reset()  # cold: a new site token, so the page and its state are computed
            cold, size, sql = count(client, page_url)
            warm, _, _ = count(client, page_url)
            labels = {"page": page, "story": shape["label"], "stories": args.stories}
            common.emit("queries", "queries", cold, "queries", **labels, cache="cold")
            common.emit("queries", "queries", warm, "queries", **labels, cache="warm")
            cold_counts.setdefault(page, {})[name] = cold
            if args.show == page:
                print(f"-- {page_url} ({shape['label']}), {size:,} bytes")
                for statement in sql:
                    print(statement, end=";\n")
    common.print_table(f"SQL queries per page ({args.stories:,} stories)")
    unequal = {page: c for page, c in cold_counts.items() if len(set(c.values())) > 1}
    over = {page: c for page, c in cold_counts.items() if max(c.values()) > MAX_QUERIES}
    if unequal or over:
        raise SystemExit(f"unequal for the two shapes: {unequal}; over {MAX_QUERIES}: {over}")
    print(f"Every page: the same count for both shapes, at most {MAX_QUERIES} queries.")


if __name__ == "__main__":
    main()
