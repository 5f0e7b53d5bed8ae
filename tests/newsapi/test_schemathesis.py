"""Schemathesis against a live server, from the OpenAPI description the site serves: no
server error and no response that breaks the description, for the read API and, with a
test token, the ingest API. Bounded (a few examples per operation) to keep the suite fast.

Each operation runs the description's own examples, generated cases, and for the
operations that name one story or person, generated cases at the addresses of live ones
(random ids and slugs would only ever find 404s). Cases come from
`APIOperation.as_strategy()` under Hypothesis directly: schemathesis's pytest loader
(`from_fixture`) reads a pytest attribute that pytest 9 no longer has.
"""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.models import Publication
from newsapi.tokens import api_token_issue
from tests.factories import SectionFactory

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
EXAMPLES = 15


@pytest.fixture
def newsroom_site(live_server, transactional_db, settings, editor):
    """The demo site served live, and a token of an editor's that may ingest and publish."""
    from newsroom.demo.content import load_demo

    settings.NEWSROOM_APPROVAL_CHECKS = []
    load_demo(users=False)
    SectionFactory(name="News", slug="news")
    _, token = api_token_issue(user=editor, name="schemathesis", scopes=["ingest:publish"])
    return live_server.url, token


def _run(strategy, token: str, seen: Counter, examples: int = EXAMPLES) -> None:
    @given(case=strategy)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        seen[(case.operation.label, response.status_code)] += 1

    check()


def _live_addresses(operation) -> list[dict]:
    """Path parameters naming live stories and people, for the operations that take one."""
    names = {p["name"] for p in operation.definition.raw.get("parameters", []) if p["in"] == "path"}
    publication = Publication.objects.live().order_by("id").first()
    if names == {"id"}:
        return [{"id": publication.article_id}]
    if names == {"slug"}:
        slug = (
            publication.bylines.first().person.slug
            if "people" in operation.path
            else publication.slug
        )
        return [{"slug": slug}]
    return []


def test_every_operation_keeps_its_description(newsroom_site):
    url, token = newsroom_site
    schema = schemathesis.openapi.from_url(f"{url}/api/schema/")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 11
    seen: Counter = Counter()
    for operation in operations:
        for strategy in operation.get_strategies_from_examples():
            _run(strategy, token, seen, examples=5)
        _run(operation.as_strategy(), token, seen)
        for path in _live_addresses(operation):
            _run(operation.as_strategy(path_parameters=path), token, seen, examples=3)
    labels = {label for label, _ in seen}
    assert labels == {operation.label for operation in operations}
    # Successes too, not only refusals: every operation answered 200 (or 201) at least once.
    answered = {label for (label, status), _ in seen.items() if status in (200, 201)}
    assert answered == labels, sorted(seen.items())
