#!/usr/bin/env python
"""The query plan of every SQL statement the public pages run, at archive scale.

Usage: python bench/explain.py [--stories N] [--verbose]

Renders each public page (as `queries.py` does, for the story with 5 bylines, 12 credits
and 20 links) on the benchmark database of N stories (default 100,000) beside
`DATABASE_URL`, captures its statements and asks the database for their plans: EXPLAIN
(ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on SQLite. Reports each statement's
execution time (PostgreSQL) and any full scan of a large table, which is what makes a page
slower as the archive grows. `--verbose` prints the plans.
"""

from __future__ import annotations

import argparse
import re
import time

import common
import queries

# Tables that grow with the archive; a sequential scan of one of them is a finding.
LARGE = re.compile(
    r"articles_(publication|publishedbyline|publication_tags|article|byline|credit|"
    r"relatedlink|revisioninfo|articleevent)\b|reversion_(version|revision)\b|contributors_person\b"
)


def plan(sql: str, params) -> tuple[list[str], float | None]:
    # Imported once main() has set Django up against the benchmark database (app loading).
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            lines = [row[0] for row in cursor.fetchall()]
            match = re.search(r"Execution Time: ([\d.]+) ms", "\n".join(lines))
            return lines, float(match.group(1)) if match else None
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        lines = [row[-1] for row in cursor.fetchall()]
        timings = []
        for _ in range(3):  # SQLite's EXPLAIN does not run the statement: time it
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
        return lines, min(timings)


def full_scans(lines: list[str]) -> list[str]:
    found = []
    for line in lines:
        pg = re.search(r"Seq Scan on (\w+)", line)
        lite = re.match(r"SCAN (\w+)(?! USING)", line.strip())
        table = (pg or lite).group(1) if (pg or lite) else None
        if table and LARGE.match(table) and "USING" not in line:
            found.append(table)
    return found


def busiest() -> dict[str, str]:
    """The author and the tag with the most stories, and the oldest page of the biggest
    section: the lists whose cost could grow with the archive."""
    # Imported once main() has set Django up against the benchmark database (app loading).
    from django.db.models import Count

    from articles import selectors
    from articles.models import Publication, PublishedByline, Section, Tag
    from contributors.models import Person

    person_id = (
        PublishedByline.objects.values("person_id").annotate(n=Count("id")).order_by("-n")[0]
    )["person_id"]
    tag_id = (
        Publication.tags.through.objects.values("tag_id").annotate(n=Count("id")).order_by("-n")
    )[0]["tag_id"]
    section = Section.objects.annotate(n=Count("publications")).order_by("-n")[0]
    oldest = (
        selectors.live_publications().filter(section=section).order_by("published_at", "id")[20]
    )
    pages = {
        "author (most stories)": Person.objects.get(pk=person_id).get_absolute_url(),
        "tag (most stories)": Tag.objects.get(pk=tag_id).get_absolute_url(),
    }
    if hasattr(selectors, "listing_page"):  # lists paged by keys
        cursor = selectors._cursor(oldest)
        pages["section (oldest page)"] = f"{section.get_absolute_url()}?before={cursor}"
    else:  # lists paged by numbers
        last = selectors.live_publications().filter(section=section).count() // 20
        pages["section (oldest page)"] = f"{section.get_absolute_url()}?page={last}"
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    url = common.scaled_url(common.database_url(), args.stories)
    common.ensure_dataset(url, args.stories)
    common.setup_django(url)
    # After setup_django: app loading.
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="localhost")
    with transaction.atomic():
        publication = queries.shaped_story("large", queries.SHAPES["large"])
    for page, page_url in {**queries.page_urls(publication), **busiest()}.items():
        client.get(page_url)
        with CaptureQueriesContext(connection) as captured:
            client.get(page_url)
        # Django logs each statement with its parameters interpolated, as the database
        # ran it, so the logged text is planned as it is.
        statements = [q["sql"] for q in captured.captured_queries]
        total = 0.0
        for number, sql in enumerate(statements, 1):
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            lines, ms = plan(sql, None)
            scans = full_scans(lines)
            total += ms or 0.0
            labels = {"page": page, "query": number, "stories": args.stories}
            if ms is not None:
                common.emit("explain", "execution", round(ms, 2), "ms", **labels)
            common.emit(
                "explain", "full scans", ", ".join(scans) or "none", "", **labels,
                sql=sql[:60] + "…",
            )  # fmt: skip
            if args.verbose:
                print(f"-- {page} #{number}: {sql}")
                print("\n".join(lines))
        common.emit("explain", "page total", round(total, 2), "ms", page=page, stories=args.stories)
    common.print_table(f"Plans of the public pages' queries ({args.stories:,} stories)")


if __name__ == "__main__":
    main()
