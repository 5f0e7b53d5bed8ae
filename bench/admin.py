#!/usr/bin/env python
"""Latency and SQL queries of the admin pages an editor uses, at archive scale.

Usage: python bench/admin.py [--stories 100000] [--revisions 10] [--requests 10]

Runs in-process with Django's test client, logged in as an editor (a user in the Editors
group, created if missing), on the benchmark database of `--stories` stories beside
`DATABASE_URL` (generated with `--revisions` revisions per story if missing: 100,000
stories and 1,000,000 revisions by default). Each page is asked once to warm up, then
`--requests` times; the median and the slowest are reported, with the query count.
"""

from __future__ import annotations

import argparse
import statistics
import time

import common


def editor():
    # Imported once main() has set Django up against the benchmark database (app loading).
    from django.contrib.auth import get_user_model

    from articles.roles import EDITORS, ensure_roles

    user, _ = get_user_model().objects.get_or_create(
        username="benchmark-editor", defaults={"is_staff": True}
    )
    user.groups.add(ensure_roles()[EDITORS])
    return user


def pages() -> dict[str, str]:
    # Imported once main() has set Django up against the benchmark database (app loading).
    from django.db.models import Count

    from articles.models import Article

    typical = Article.objects.order_by("-updated_at").first()
    big = (
        Article.objects.filter(slug="benchmark-shape-large").first()
        or Article.objects.annotate(n=Count("related_links")).order_by("-n").first()
    )
    base = "/admin/articles/article/"
    return {
        "changelist": base,
        "changelist page 50": f"{base}?p=50",
        "changelist published": f"{base}?status__exact=published",
        "changelist search": f"{base}?q=budget",
        "change (typical)": f"{base}{typical.pk}/change/",
        "change (5 bylines, 12 credits, 20 links)": f"{base}{big.pk}/change/",
        "history": f"{base}{typical.pk}/history/",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--revisions", type=int, default=10)
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args()

    url = common.scaled_url(common.database_url(), args.stories)
    common.ensure_dataset(url, args.stories, revisions=args.revisions)
    common.setup_django(url)
    # After setup_django: app loading.
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from reversion.models import Revision

    client = Client(SERVER_NAME="localhost")
    client.force_login(editor())
    revisions = Revision.objects.count()
    for page, page_url in pages().items():
        with CaptureQueriesContext(connection) as queries:  # also the warm-up
            response = client.get(page_url)
        query_count = len(queries)
        if response.status_code != 200:
            raise SystemExit(f"{page_url} answered {response.status_code}")
        timings = []
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get(page_url)
            timings.append((time.perf_counter() - started) * 1000)
        labels = {"page": page, "stories": args.stories, "revisions": revisions}
        common.emit("admin", "p50", round(statistics.median(timings), 1), "ms", **labels)
        common.emit("admin", "max", round(max(timings), 1), "ms", **labels)
        common.emit("admin", "queries", query_count, "queries", **labels)
    common.print_table(
        f"Admin pages for an editor ({args.stories:,} stories, {revisions:,} revisions)"
    )


if __name__ == "__main__":
    main()
