"""The ingest endpoint: `POST /api/v1/ingest/` with a bearer token, a story as a ninjs item
(`application/json`) or as plain wire text (`text/plain`, metadata as query parameters).

The view checks what only HTTP knows (size, media type, the token's scopes) and hands the
copy to `ingest.services.item_ingest`; every refusal is an RFC 9457 problem.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import conf
from ..ingest.formats import MAX_URI, MAX_VERSION, URI_PATTERN, from_ninjs, from_text
from ..ingest.services import IngestResult, item_ingest
from ..models import ApiToken
from ..problems import Problem, problem_handler
from ..representations import ITEM_TYPES, enum
from ..tokens import BearerTokenAuthentication, HasScope, TokenRateThrottle
from .read import problems


class PlainTextParser(BaseParser):
    """Wire copy as UTF-8 text."""

    media_type = "text/plain"

    def parse(self, stream, media_type=None, parser_context=None) -> str:
        try:
            return stream.read().decode("utf-8") if stream is not None else ""
        except UnicodeDecodeError as error:
            raise Problem("Wire text must be UTF-8.", status_code=400, code="not-utf-8") from error


class IngestResultSerializer(serializers.Serializer):
    uri = serializers.CharField(source="item.uri")
    story = serializers.IntegerField(source="article.pk", help_text="The story's id.")
    result = enum(
        ["created", "updated", "unchanged", "merged"],
        help_text="`merged`: the desk had changed the story; its changes (`kept`) stay in "
        "the working copy and the wire version is the revision `revision`, to compare.",
    )
    kept = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField(source="article.status", help_text="Its workflow state.")
    published = serializers.BooleanField()
    revision = serializers.IntegerField(
        source="revision_id", allow_null=True, help_text="The revision of this wire version."
    )
    version = serializers.CharField(source="item.version")
    received = serializers.IntegerField(source="item.received", help_text="Versions so far.")
    admin_url = serializers.SerializerMethodField(help_text="The story on the desk.")

    def get_admin_url(self, result: IngestResult) -> str:
        path = reverse("admin:articles_article_change", args=[result.article.pk])
        return self.context["request"].build_absolute_uri(path)


class NinjsInputSerializer(serializers.Serializer):
    """A ninjs 3.1 text item (validated against IPTC's schema). Read: `uri`, `version`,
    the main headline, the summary description, the body (text/plain preferred, else
    HTML), people with `rel` author, `by`, subjects (`rel: section`, others are tags)."""

    uri = serializers.RegexField(URI_PATTERN, max_length=MAX_URI)
    version = serializers.CharField(required=False, max_length=MAX_VERSION)
    type = enum(ITEM_TYPES, required=False)
    headlines = serializers.ListField(child=serializers.DictField(), required=False)
    bodies = serializers.ListField(child=serializers.DictField(), required=False)
    descriptions = serializers.ListField(child=serializers.DictField(), required=False)
    subjects = serializers.ListField(child=serializers.DictField(), required=False)
    people = serializers.ListField(child=serializers.DictField(), required=False)
    by = serializers.CharField(required=False)


def _bool(value: str | None, name: str) -> bool:
    if value in (None, "", "false", "0"):
        return False
    if value in ("true", "1"):
        return True
    raise Problem(
        "Not a boolean.", status_code=400, code="invalid", errors={name: ["true or false."]}
    )


NINJS_EXAMPLE = {
    "uri": "urn:wire.example:item:4b1e7c3a",
    "version": "1",
    "type": "text",
    "language": "en-US",
    "headlines": [{"role": "main", "value": "Navy destroyer downs four drones over Red Sea"}],
    "descriptions": [{"role": "summary", "value": "No ships were damaged, officials said."}],
    "bodies": [
        {
            "role": "main",
            "contentType": "text/html",
            "value": "<p>WASHINGTON (AP) — A U.S. Navy destroyer shot down four drones over the "
            "Red Sea on Saturday.</p><p>No ships were damaged, officials said.</p>",
        }
    ],
    "people": [{"name": "Tara Copp", "rel": "author"}],
    "subjects": [{"name": "Military", "rel": "section"}, {"name": "Navy"}],
}
TEXT_EXAMPLE = (
    "WASHINGTON (AP) — A U.S. Navy destroyer shot down four drones over the Red Sea on "
    "Saturday.\n\nNo ships were damaged, officials said.\n\nBy TARA COPP"
)
EXAMPLES = [
    OpenApiExample(
        "A ninjs item", value=NINJS_EXAMPLE, media_type="application/json", request_only=True
    ),
    OpenApiExample("Wire text", value=TEXT_EXAMPLE, media_type="text/plain", request_only=True),
]

TEXT_PARAMETERS = [
    OpenApiParameter(
        "publish",
        bool,
        description="Publish it now (token scope `ingest:publish`, and a user who may publish).",
    ),
    OpenApiParameter(
        "uri",
        {"type": "string", "pattern": URI_PATTERN, "maxLength": MAX_URI},
        description="text/plain: the item's uri (its guid), required.",
    ),
    OpenApiParameter(
        "version",
        {"type": "string", "maxLength": MAX_VERSION},
        description="text/plain: the item's version; an older one is refused.",
    ),
    OpenApiParameter("headline", str, description="text/plain: the headline."),
    OpenApiParameter("section", str, description="text/plain: the section's name."),
    OpenApiParameter("tag", str, many=True, description="text/plain: tags, repeated."),
    OpenApiParameter(
        "author",
        str,
        many=True,
        description="text/plain: bylines, if the copy has no bio or By line.",
    ),
]


class IngestView(APIView):
    authentication_classes = (BearerTokenAuthentication,)
    permission_classes = (IsAuthenticated, HasScope)
    required_scope = ApiToken.Scope.INGEST
    throttle_classes = (TokenRateThrottle,)
    parser_classes = (JSONParser, PlainTextParser)
    renderer_classes = (JSONRenderer,)

    def get_exception_handler(self):
        return problem_handler

    def _check_size(self, request) -> None:
        limit = conf.get("NEWSAPI_INGEST_MAX_BYTES")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = limit + 1
        if length > limit:
            raise Problem(
                f"The body is {length:,} bytes; at most {limit:,} are accepted.",
                status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
                code="too-large",
            )

    @extend_schema(
        operation_id="ingest_create",
        summary="Send a story (a ninjs item or wire text)",
        tags=["ingest"],
        parameters=TEXT_PARAMETERS,
        examples=EXAMPLES,
        request={
            "application/json": NinjsInputSerializer,
            "text/plain": {"type": "string", "maxLength": 1024 * 1024},
        },
        responses={
            200: IngestResultSerializer,
            201: IngestResultSerializer,
            **problems(400, 401, 403, 409, 413, 415, 422, 429),
        },
    )
    def post(self, request):
        self._check_size(request)
        publish = _bool(request.query_params.get("publish"), "publish")
        if publish and not request.auth.allows(ApiToken.Scope.INGEST_PUBLISH):
            raise Problem(
                "Publishing needs a token with the scope ingest:publish.",
                status_code=status.HTTP_403_FORBIDDEN,
                code="scope",
            )
        if request.content_type.startswith("text/plain"):
            text = request.data if isinstance(request.data, str) else ""  # {}: no body
            copy = from_text(text, request.query_params)
        else:
            copy = from_ninjs(request.data)
        result = item_ingest(copy=copy, user=request.user, token=request.auth, publish=publish)
        data = IngestResultSerializer(result, context={"request": request}).data
        created = result.result == "created"
        return Response(
            data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers={"Location": data["admin_url"]} if created else {},
        )
