"""The API's addresses: the read API (cached like the pages), its OpenAPI description and
docs, and the ingest endpoint. A host site includes them under a prefix of its choice:
`path("api/", include("newsapi.urls"))`."""

from django.urls import path, re_path

from articles.caching import public_page

from .problems import not_found
from .views import docs, ingest, read
from .views.read import PAGE_PARAMS, STORY_PARAMS

app_name = "newsapi"


def cached(view, params=()):
    """A read view under the site's page cache, keyed by the parameters it reads."""
    return public_page(view.as_view(), params=params)


urlpatterns = [
    path("v1/stories/", cached(read.StoryList, STORY_PARAMS), name="stories"),
    path("v1/stories/<int:pk>/", cached(read.StoryById), name="story"),
    path("v1/stories/slug/<slug:slug>/", cached(read.StoryBySlug), name="story-by-slug"),
    path("v1/ninjs/stories/", cached(read.NinjsStoryList, STORY_PARAMS), name="ninjs-stories"),
    path("v1/ninjs/stories/<int:pk>/", cached(read.NinjsStoryById), name="ninjs-story"),
    path(
        "v1/ninjs/stories/slug/<slug:slug>/",
        cached(read.NinjsStoryBySlug),
        name="ninjs-story-by-slug",
    ),
    path("v1/sections/", cached(read.SectionList), name="sections"),
    path("v1/people/", cached(read.PersonList, PAGE_PARAMS), name="people"),
    path("v1/people/<slug:slug>/", cached(read.PersonDetail), name="person"),
    path("v1/corrections/", cached(read.CorrectionList, PAGE_PARAMS), name="corrections"),
    path("v1/ingest/", ingest.IngestView.as_view(), name="ingest"),
    path("schema/", cached(docs.SchemaView, ("format",)), name="schema"),
    path("docs/", docs.swagger_ui, name="docs"),
    # Last: anything else under the API is a 404 problem, not the site's HTML page.
    re_path(r"^(?P<rest>.*)$", not_found, name="not-found"),
]
