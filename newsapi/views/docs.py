"""The OpenAPI 3 description, generated from the views and serializers by drf-spectacular,
and Swagger UI to browse and try it.

Swagger UI is served from this site's static files (drf-spectacular-sidecar), started by a
script file of ours rather than inline code, so the site's Content-Security-Policy
(`script-src 'self'`) needs no exception and the docs need no CDN.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny

DESCRIPTION = """
Live stories of the newsroom, in the project's own JSON and as IPTC ninjs 3.1 items
(`/api/v1/ninjs/...`), with sections, people and corrections; and the ingest endpoint for
wire copy. Only what readers can see is ever served: a draft, scheduled, embargoed or
withdrawn story is a 404 like any address that does not exist.

Responses carry `ETag` and `Last-Modified` and answer conditional requests with `304`;
they change the moment a story is published, updated or withdrawn. Lists are paged by
cursor (`next`), stable while stories are published. Errors are RFC 9457 problems
(`application/problem+json`). The ingest API takes a bearer token issued in the admin.
"""

SETTINGS = {
    "TITLE": "Newsroom API",
    "DESCRIPTION": DESCRIPTION.strip(),
    "VERSION": "1.0.0",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}


class FormatParameterOnly(BaseContentNegotiation):
    """JSON unless `?format=yaml`: the Accept header is not consulted, so one cached
    response per address and format is right for every client."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = request.query_params.get("format") or renderers[0].format
        for renderer in renderers:
            if renderer.format == wanted:
                return renderer, renderer.media_type
        return renderers[0], renderers[0].media_type


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 description of the API, as JSON (`?format=yaml` for YAML)."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    renderer_classes = (OpenApiJsonRenderer, OpenApiYamlRenderer)
    content_negotiation_class = FormatParameterOnly
    custom_settings = SETTINGS

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@require_safe
def swagger_ui(request):
    return render(request, "newsapi/docs.html")
