"""The read API: live stories (our JSON and ninjs), sections, people and corrections, for
anyone, without authentication.

The views are thin: selectors choose the rows (live ones only), filter classes narrow
them, `paging` pages them and serializers represent them. Each is wrapped in the site's
page cache in `urls.py` (`articles.caching.public_page`), so responses carry ETag and
Last-Modified under the same site token as the pages, answer conditional requests with
304, and change the moment a story is published, updated or withdrawn.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.models import Publication
from articles.selectors import live_sections

from .. import representations as r
from ..filters import SLUG_PATTERN, STORY_FILTERS
from ..paging import BY_NAME, LATEST_CHANGE, NEWEST, ORDERS, Page, page_size, paginate
from ..problems import problem_handler
from ..selectors import live_stories, public_people, related_targets


class ProblemSerializer(serializers.Serializer):
    """An RFC 9457 problem (`application/problem+json`)."""

    type = serializers.CharField(help_text="A URI naming the kind of problem, or about:blank.")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(
        required=False, help_text="Messages per parameter or field (validation problems)."
    )


def problems(*statuses: int) -> dict:
    """Responses documenting `statuses` as RFC 9457 problems."""
    return {(status, "application/problem+json"): ProblemSerializer for status in statuses}


def doc(operation_id: str, summary: str, tag: str, ok, *errors: int, parameters=()):
    """The OpenAPI description of a read operation: its 200 and its problems."""
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        tags=[tag],
        parameters=list(parameters),
        responses={200: ok, **problems(*errors)},
    )


CURSOR = OpenApiParameter(
    "cursor",
    {"type": "string", "maxLength": 500},
    description="From the `next` link of the previous page.",
)
LIMIT = OpenApiParameter(
    "limit",
    {"type": "integer", "minimum": 1, "maximum": 100},
    description="Items per page: 1 to NEWSAPI_MAX_PAGE_SIZE (100), default 20.",
)
ORDER = OpenApiParameter(
    "order",
    str,
    enum=list(ORDERS),
    description="`-published` (default): newest first. `-modified`: latest change first. "
    "`modified`: oldest change first, to follow changes with `updated_since`.",
)
FILTERS = [OpenApiParameter(f.param, f.schema, description=f.description) for f in STORY_FILTERS]
MAX_ID = 2**63 - 1  # the largest id a database can hold; larger ones name nothing
STORY_ID = OpenApiParameter(
    "id",
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    location=OpenApiParameter.PATH,
    description="The story's id.",
)
SLUG = OpenApiParameter(
    "slug",
    {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 200},
    location=OpenApiParameter.PATH,
)
LIST = [*FILTERS, ORDER, CURSOR, LIMIT]
STORY_PARAMS = ("section", "tag", "author", "updated_since", "q", "order", "cursor", "limit")
PAGE_PARAMS = ("cursor", "limit")


class ReadView(APIView):
    """Anonymous, read-only, JSON, with RFC 9457 problems. No authentication at all: a
    response must be the same for everyone so the page cache may keep it, and an API
    read never looks at the session."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    renderer_classes = (JSONRenderer,)
    parser_classes = ()
    throttle_classes = ()

    def get_exception_handler(self):
        return problem_handler

    def next_url(self, page: Page) -> str | None:
        if page.next_cursor is None:
            return None
        query = self.request.query_params.copy()
        query["cursor"] = page.next_cursor
        return self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")

    def paged(self, serializer_class, page: Page, **context) -> Response:
        context["request"] = self.request
        data = serializer_class(page.rows, many=True, context=context).data
        return Response({"results": data, "next": self.next_url(page)})


def _limit(request) -> int:
    return page_size(request.query_params.get("limit"))


class StoryList(ReadView):
    """Live stories, newest first, filtered and paged by cursor."""

    filter_backends = STORY_FILTERS
    item_serializer = r.StorySummarySerializer
    # What a summary does not show: not read, so a page of 20 costs 20 small rows.
    deferred = ("body", "credits", "credit_line", "related_links", "corrections")

    @doc("stories_list", "Live stories", "stories", r.StoryPageSerializer, 400, parameters=LIST)
    def get(self, request):
        queryset = live_stories().defer(*self.deferred)
        for backend in self.filter_backends:
            queryset = backend().filter_queryset(request, queryset, self)
        name = request.query_params.get("order") or NEWEST.name
        if name not in ORDERS:
            raise ValidationError({"order": f"One of {', '.join(ORDERS)}."})
        page = paginate(
            queryset,
            order=ORDERS[name],
            cursor=request.query_params.get("cursor"),
            size=_limit(request),
        )
        return self.paged(self.item_serializer, page, **self.extra_context(page.rows))

    def extra_context(self, rows) -> dict:
        return {}


class NinjsStoryList(StoryList):
    """The same list, each story an IPTC ninjs 3.1 item."""

    item_serializer = r.NinjsItemSerializer
    deferred = ()

    @doc(
        "ninjs_stories_list",
        "Live stories as ninjs",
        "ninjs",
        r.NinjsPageSerializer,
        400,
        parameters=LIST,
    )
    def get(self, request):
        return super().get(request)

    def extra_context(self, rows) -> dict:
        return {"targets": related_targets(rows)}


class StoryDetail(ReadView):
    """One live story by its id (`pk`) or its address (`slug`)."""

    serializer_class = r.StorySerializer

    def story(self, lookup: dict):
        if lookup.get("article_id", 0) > MAX_ID:
            raise Http404("No live story here.")
        publication = live_stories().filter(**lookup).first()
        if publication is None:
            raise Http404("No live story here.")
        context = {"request": self.request, "targets": related_targets([publication])}
        return Response(self.serializer_class(publication, context=context).data)


class StoryById(StoryDetail):
    @doc(
        "stories_retrieve", "A live story", "stories", r.StorySerializer, 404, parameters=[STORY_ID]
    )
    def get(self, request, pk: int):
        return self.story({"article_id": pk})


class StoryBySlug(StoryDetail):
    @doc(
        "stories_retrieve_by_slug",
        "A live story by its address",
        "stories",
        r.StorySerializer,
        404,
        parameters=[SLUG],
    )
    def get(self, request, slug: str):
        return self.story({"slug": slug})


class NinjsStoryById(StoryDetail):
    serializer_class = r.NinjsItemSerializer

    @doc(
        "ninjs_stories_retrieve",
        "A live story as an IPTC ninjs item",
        "ninjs",
        r.NinjsItemSerializer,
        404,
        parameters=[STORY_ID],
    )
    def get(self, request, pk: int):
        return self.story({"article_id": pk})


class NinjsStoryBySlug(StoryDetail):
    serializer_class = r.NinjsItemSerializer

    @doc(
        "ninjs_stories_retrieve_by_slug",
        "A live story by its address, as an IPTC ninjs item",
        "ninjs",
        r.NinjsItemSerializer,
        404,
        parameters=[SLUG],
    )
    def get(self, request, slug: str):
        return self.story({"slug": slug})


class SectionList(ReadView):
    @doc("sections_list", "Sections a live story carries", "sections", r.SectionListSerializer)
    def get(self, request):
        # The site's own rule: a section is public only while a live story carries it.
        data = r.SectionSerializer(
            live_sections(), many=True, context={"request": request}
        ).data
        return Response({"results": data, "next": None})


class PersonList(ReadView):
    """People on the byline of a live story, by name."""

    @doc(
        "people_list",
        "People on live stories",
        "people",
        r.PersonPageSerializer,
        400,
        parameters=[CURSOR, LIMIT],
    )
    def get(self, request):
        page = paginate(
            public_people(),
            order=BY_NAME,
            cursor=request.query_params.get("cursor"),
            size=_limit(request),
        )
        return self.paged(r.PersonSerializer, page)


class PersonDetail(ReadView):
    @doc(
        "people_retrieve",
        "Someone on a live story",
        "people",
        r.PersonSerializer,
        404,
        parameters=[SLUG],
    )
    def get(self, request, slug: str):
        person = public_people().filter(slug=slug).first()
        if person is None:
            raise Http404("Nobody on a live story has this address.")
        return Response(r.PersonSerializer(person, context={"request": request}).data)


class CorrectionList(ReadView):
    """Corrections, clarifications and updates of live stories, the latest-changed story
    first; a page holds every correction of the stories on it."""

    @doc(
        "corrections_list",
        "Corrections of live stories",
        "corrections",
        r.CorrectionPageSerializer,
        400,
        parameters=[CURSOR, LIMIT],
    )
    def get(self, request):
        stories = (
            Publication.objects.live()
            .exclude(corrections=[])
            .only("article_id", "slug", "headline", "corrections", "published_at", "updated_at")
        )
        page = paginate(
            stories,
            order=LATEST_CHANGE,
            cursor=request.query_params.get("cursor"),
            size=_limit(request),
        )
        entries = [
            {
                "story": story.article_id,
                "headline": story.headline,
                "url": request.build_absolute_uri(story.get_absolute_url()),
                **r.CorrectionSerializer(correction).data,
            }
            for story in page.rows
            for correction in reversed(story.corrections)
        ]
        return Response({"results": entries, "next": self.next_url(page)})
