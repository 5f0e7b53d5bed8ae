"""Every URL pattern that takes an argument, admin and public, answers malformed and
out-of-range ids, cursors and filter values with a 4xx (or a redirect), never a 500.

The patterns are found by walking the URL resolver, so a new view is covered the day it is
added. Two passes over the same world (`tests.permission_world`, every model with rows):

- a sweep: every pattern with each of its arguments replaced in turn by each value of
  `ODD` (the others left real), and every admin change list, the autocomplete and every
  public listing with each filter and cursor parameter set to each value of `ODD`;
- Hypothesis: random patterns, arguments, query parameters and users, from real values,
  `ODD` and arbitrary text and integers.

Runs on whichever database the suite uses (SQLite here, PostgreSQL in CI): out-of-range
integers fail differently on each (OverflowError on SQLite, DataError on PostgreSQL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.permission_world import World

pytestmark = pytest.mark.django_db

BIG = 2**63  # one past the largest 64-bit signed integer, the widest id column

# Values that are not ids, or ids no database column can hold.
ODD = [
    "abc",
    "1\x00",
    "0",
    "-1",
    str(BIG),
    str(BIG - 1),
    "9" * 23,
    "1.5",
    "1e3",
    "\u0661",  # ARABIC-INDIC DIGIT ONE: str.isdigit() is true, the int converter's [0-9] is not
    "\uff11",  # FULLWIDTH DIGIT ONE
    " 1",
    "%",
    "..",
    "'\"<>",
    "\U0001f600",
]
# The same kinds, fewer of them, for query parameters (there are many more of those).
ODD_QUERY = ["", "abc", "1\x00", str(BIG), "-1", "\u0661", "'\"<>"]
# Parameters the admin's change lists read whatever their filters.
ADMIN_PARAMS = ["p", "o", "q", "e", "_to_field", "_changelist_filters"]
# Parameters the other pages read (cursors, revisions, autocomplete, probes).
COMMON_PARAMS = [
    *ADMIN_PARAMS, "before", "after", "a", "b", "page", "term", "app_label", "model_name",
    "field_name", "next", "strict",
]


# The patterns, as routes with their argument slots.


@dataclass(frozen=True)
class Route:
    parts: tuple[str, ...]  # literal text and argument slots, alternating, literal first
    name: str

    @property
    def arity(self) -> int:
        return len(self.parts) // 2

    def url(self, values: list[str]) -> str:
        out = []
        for index, part in enumerate(self.parts):
            if index % 2:
                out.append(quote(values[index // 2], safe=""))
            else:
                out.append(part)
        return "/" + "".join(out)


_PATH_ARG = re.compile(r"<(?:\w+:)?\w+>")
_REGEX_ARG = re.compile(r"\((?:\?P<\w+>)?(?:[^()\\]|\\.)*\)")


def _split(route: str, regex: bool) -> list[str]:
    if regex:
        route = route.replace("^", "").replace("$", "")
    pattern = _REGEX_ARG if regex else _PATH_ARG
    parts, start = [], 0
    for match in pattern.finditer(route):
        parts += [route[start : match.start()], match.group(0)]
        start = match.end()
    return [*parts, route[start:]]


def _walk(patterns, prefix: list[str] | None = None, regex: bool = False):
    prefix = prefix or [""]
    for entry in patterns:
        is_regex = regex or type(entry.pattern).__name__ == "RegexPattern"
        parts = _split(str(entry.pattern), is_regex)
        joined = [*prefix[:-1], prefix[-1] + parts[0], *parts[1:]]
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, joined, is_regex)
        elif isinstance(entry, URLPattern):
            yield Route(tuple(joined), entry.name or str(entry.pattern))


def _routes() -> list[Route]:
    routes = [r for r in _walk(get_resolver().url_patterns) if r.arity]
    # The admin's catch-all answers any address: a 404 or a redirect to the login page.
    return [r for r in routes if r.parts[-2] != "(?P<url>.*)"]


ROUTES = _routes()


def _real_values(w: World) -> list[str]:
    """Ids and slugs that exist, so a pattern with two arguments reaches its second."""
    from django.apps import apps
    from reversion.models import Revision, Version

    from articles.services import share_link_token

    values = {str(w.stories["draft"].pk), str(w.first_revision), str(w.others_revision)}
    for model in (Revision, Version):
        values |= {str(pk) for pk in model.objects.values_list("pk", flat=True)[:20]}
    for model in apps.get_models():
        if model in admin.site._registry:
            values |= {str(pk) for pk in model._default_manager.values_list("pk", flat=True)[:5]}
    for label in ("contributors.Person", "articles.Section", "articles.Tag", "articles.Article"):
        values |= set(apps.get_model(label).objects.values_list("slug", flat=True)[:5])
    values |= {share_link_token(w.share_link), "submit", "approve", "articles", "news"}
    return sorted(values)


def _filter_params() -> dict[str, list[str]]:
    """Each change list's query parameters, from its ModelAdmin's filters and search."""
    params = {}
    for model, model_admin in admin.site._registry.items():
        names = list(ADMIN_PARAMS)
        for spec in model_admin.list_filter or ():
            field = spec[0] if isinstance(spec, tuple) else spec
            if isinstance(field, str):
                names += [field, f"{field}__exact", f"{field}__in", f"{field}__gte",
                          f"{field}__isnull"]
            else:
                names.append(getattr(field, "parameter_name", "") or "x")
        info = model._meta.app_label, model._meta.model_name
        params["/admin/{}/{}/".format(*info)] = names
    return params




def _clients(w: World) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for role in ("reporter", "superuser"):
        clients[role] = Client()
        clients[role].force_login(w.user(role))
    return clients


def _fetch(client: Client, method: str, url: str) -> int:
    """The status of `url`; a server error fails with the URL in the message (the test
    client re-raises the view's exception, so the traceback is in the report)."""
    try:
        response = getattr(client, method)(url)
    except Exception as error:
        raise AssertionError(f"{method.upper()} {url!r} raised {error!r}") from error
    assert response.status_code < 500, f"{method.upper()} {url!r} -> {response.status_code}"
    return response.status_code


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/admin/articles/article/abc/preview/", 404),
        ("/admin/articles/article/1%00/preview/", 400),
        ("/admin/articles/article/%D9%A1/preview/", 404),  # an Arabic-Indic digit one
        ("/admin/articles/article/{draft}/history/revision/99999999999999999999999/", 404),
        ("/admin/articles/article/{draft}/history/compare/?a=99999999999999999999999", 404),
        # A filter value no row can have: the list, empty or unfiltered.
        ("/admin/articles/article/?author=99999999999999999999999", 200),
        ("/admin/articles/article/?section__exact=99999999999999999999999", 200),
        ("/admin/auth/user/?groups__id__exact=9223372036854775808", 200),
        ("/admin/contributors/person/?organisation=9223372036854775808", 200),
        # PostgreSQL refuses text with a NUL in it; every database gets a 400.
        ("/admin/auth/user/?q=%00", 400),
        ("/admin/articles/article/?q=a%00b", 400),
        # Found by Hypothesis: Django's admin looks up the field named "" (FieldDoesNotExist).
        ("/admin/auth/group/abc/delete/?_to_field=", 400),
        ("/admin/articles/tag/1/change/?_to_field=", 400),
    ],
)
def test_the_reported_addresses_are_refused_not_500s(w, url, status):
    """The review's reproductions (ValueError; OverflowError on SQLite), and their kin."""
    client = Client()
    client.force_login(w.user("superuser"))
    assert _fetch(client, "get", url.format(draft=w.stories["draft"].pk)) == status


def test_an_id_no_column_can_hold_matches_nothing_on_any_database(w):
    """`newsroom.lookups`: through relations and in `in` lists too, with Django's own
    semantics for integer columns (a bound every value passes matches everything)."""
    from articles.models import Article

    draft = w.stories["draft"]
    stories = Article.objects.all()
    assert not stories.filter(section=BIG).exists()
    assert not stories.filter(section_id=-BIG - 1).exists()
    assert not stories.filter(bylines__person=BIG).exists()
    assert list(stories.filter(pk__in=[BIG, draft.pk])) == [draft]
    assert list(stories.filter(section__in=[BIG, draft.section_id], pk=draft.pk)) == [draft]
    assert stories.filter(section__gte=-BIG - 1).count() == stories.count()
    assert stories.filter(section__lt=BIG).count() == stories.count()
    assert not stories.filter(section__gt=BIG).exists()


def test_the_walk_finds_the_patterns_that_take_ids():
    names = {route.name for route in ROUTES}
    for expected in ("articles_article_preview", "articles_article_revision_preview",
                     "articles_article_change", "articles:article", "articles:shared_draft",
                     "articles_article_recover", "articles_article_revision", "view_on_site"):
        assert any(name.endswith(expected.split(":")[-1]) for name in names), expected
    assert len(ROUTES) > 60


def test_every_pattern_answers_odd_arguments_without_a_server_error(w):
    real = _real_values(w)
    clients = _clients(w)
    draft = str(w.stories["draft"].pk)
    for route in ROUTES:
        base = [draft] * route.arity
        for position in range(route.arity):
            for value in ODD:
                values = list(base)
                values[position] = value
                url = route.url(values)
                _fetch(clients["superuser"], "get", url)
                # A POST with a malformed id and no data: refused, never a crash. Only odd
                # ids, so nothing real is changed.
                _fetch(clients["superuser"], "post", url)
        if route.parts[0].startswith("admin/") and route.arity == 1:
            # The admin's object views also take the field the id names (`_to_field`).
            for value in ("", "abc", "pk", "id"):
                url = route.url(["abc"]) + "?" + urlencode({"_to_field": value})
                _fetch(clients["superuser"], "get", url)
                _fetch(clients["reporter"], "get", url)
                response = clients["superuser"].post(route.url(["abc"]), {"_to_field": value})
                assert response.status_code < 500, (route.url(["abc"]), value)
                if route.parts[0].startswith("admin/articles/"):
                    _fetch(clients["reporter"], "get", url)  # scoped to their own stories
        if route.arity == 2:  # a real first argument with each real second one
            for value in real:
                _fetch(clients["superuser"], "get", route.url([draft, value]))


def test_every_filter_and_cursor_answers_odd_values_without_a_server_error(w):
    clients = _clients(w)
    published = w.stories["published"].publication.slug
    lists = {
        **_filter_params(),
        "/admin/autocomplete/": COMMON_PARAMS,
        "/admin/articles/article/review-queue/": COMMON_PARAMS,
        f"/admin/articles/article/{w.stories['draft'].pk}/history/": COMMON_PARAMS,
        f"/admin/articles/article/{w.stories['draft'].pk}/history/compare/": COMMON_PARAMS,
    }
    cursors = ["before", "after", "page", "p"]
    public = {
        "/": cursors, "/search/": ["q", *cursors], "/section/world/": cursors,
        f"/news/{published}/related/": cursors, "/tag/live-tag/": cursors,
        "/sitemap-articles.xml": ["p"], "/sitemap-news.xml": ["p"], "/readyz": ["strict"],
    }
    for path, names in lists.items():
        for name in names:
            for value in ODD_QUERY:
                query = urlencode({name: value})
                _fetch(clients["superuser"], "get", f"{path}?{query}")
                if path.startswith("/admin/articles/"):  # a reporter's desk reads differently
                    _fetch(clients["reporter"], "get", f"{path}?{query}")
    autocomplete = "/admin/autocomplete/?app_label=articles&model_name={}&field_name={}&"
    for model, field in (("byline", "person"), ("credit", "person"), ("article", "tags"),
                         ("article", "section"), ("relatedlink", "target")):
        for name in ("term", "page"):
            for value in ODD_QUERY:
                url = autocomplete.format(model, field) + urlencode({name: value})
                _fetch(clients["reporter"], "get", url)
    for path, names in public.items():
        for name in names:
            for value in ODD_QUERY:
                _fetch(clients["anonymous"], "get", f"{path}?{urlencode({name: value})}")


# Hypothesis: what the sweep's fixed values miss.

ARGUMENT = (
    st.sampled_from(ODD)
    | st.integers(min_value=-(2**70), max_value=2**70).map(str)
    | st.text(max_size=30)
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_ids_and_filters_never_cause_a_server_error(w, data):
    clients = _clients(w)
    real = _real_values(w)
    route = data.draw(st.sampled_from(ROUTES), label="route")
    values = [data.draw(ARGUMENT | st.sampled_from(real)) for _ in range(route.arity)]
    url = route.url(values)
    params = data.draw(
        st.dictionaries(
            st.sampled_from([*COMMON_PARAMS, "author", "status", "queue", "live", "section"]),
            ARGUMENT,
            max_size=3,
        ),
        label="query",
    )
    if params:
        url += "?" + urlencode(params)
    role = data.draw(st.sampled_from(sorted(clients)), label="role")
    _fetch(clients[role], "get", url)
