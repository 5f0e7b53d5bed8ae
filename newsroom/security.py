"""The site's protections that sit in front of every view: the Content Security Policy,
and refusing requests no page could answer (`RefuseMalformedRequestMiddleware`) or too
large to read (`RequestBodyLimitMiddleware`)."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from functools import cache
from http import HTTPStatus

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.admin.options import TO_FIELD_VAR
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django_prose_editor.widgets import importmap


@cache
def _importmap_hash() -> str:
    """The CSP hash of the rich-text editor's inline import map: import maps cannot be
    external files, and hashing the one we ship avoids allowing inline scripts at all."""
    match = re.search(r"<script[^>]*>(.*)</script>", str(importmap), re.S)
    digest = hashlib.sha256(match.group(1).encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        update = dict(parts.update or {})
        update["script-src"] = [*update.get("script-src", []), _importmap_hash()]
        return replace(parts, update=update)


class RefuseMalformedRequestMiddleware:
    """Answer 400 to requests no page could answer, before any view sees them:

    - a NUL character in the path or the query string: no address of the site takes one,
      and PostgreSQL refuses text containing one with an error (a 500 from any search box
      or filter that reached a query with it), where SQLite accepts it;
    - an admin request with an empty `_to_field`: the admin's change and delete views
      take it for a field name and fail looking up the field called "" (a 500 in
      Django's own `ModelAdmin.get_object`). The admin never sends one empty."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            return _problem("An address cannot contain a NUL character.", 400)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.app_names:
            return None
        # The admin's views read the POST anyway (CSRF reads it first); no other view's
        # body is touched here.
        sent = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        if any(TO_FIELD_VAR in data and not data[TO_FIELD_VAR] for data in sent):
            return _problem(f"{TO_FIELD_VAR} cannot be empty.", 400)
        return None


class RequestBodyLimitMiddleware:
    """Refuse a request body larger than its sender may send, from the request's headers
    alone, before anything reads a byte of it.

    - NEWSROOM_MAX_REQUEST_BYTES from anyone not signed in as active staff: the public
      site, the login form, the API (which has a lower limit of its own);
    - NEWSROOM_MAX_STAFF_REQUEST_BYTES from signed-in staff, who upload images.

    A `Content-Length` over the limit is a 413; one that is not a number, a 400. A body
    without one (`Transfer-Encoding: chunked`) is a 411: Django reads only as many bytes
    as `Content-Length` says, so such a body would reach the view as an empty form. The
    proxy in front (deploy/nginx-limits.conf) counts a chunked body as it streams in and
    forwards it with a `Content-Length`, so browsers and API clients behind it are never
    refused for that. Place it below the session and authentication middleware (it asks
    who is signing in) and above anything that reads the body: CSRF reads it in
    `process_view`, after every middleware's `__call__` has run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._refusal(request)
        return refusal if refusal is not None else self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        declared = request.META.get("CONTENT_LENGTH") or ""
        if "HTTP_TRANSFER_ENCODING" in request.META:
            return _problem("Send the body with a Content-Length header.", 411)
        if not declared:
            return None
        if not declared.isascii() or not declared.isdigit():
            return _problem("The Content-Length header is not a number of bytes.", 400)
        if int(declared) <= settings.NEWSROOM_MAX_REQUEST_BYTES:
            return None  # within anyone's limit: the session is not even looked at
        limit = self.limit_for(request)
        if int(declared) > limit:
            return _problem(
                f"The request is {filesizeformat(int(declared))}; at most "
                f"{filesizeformat(limit)} is accepted.",
                413,
            )
        return None

    @staticmethod
    def limit_for(request: HttpRequest) -> int:
        """The largest body `request`'s sender may send (reading the user costs a session
        lookup, and marks the session as read, which keeps a page out of the page cache)."""
        user = getattr(request, "user", None)
        if user is not None and user.is_active and user.is_staff:
            return settings.NEWSROOM_MAX_STAFF_REQUEST_BYTES
        return settings.NEWSROOM_MAX_REQUEST_BYTES


def _problem(detail: str, status: int) -> HttpResponse:
    """A refusal as an RFC 9457 problem (the shape the API's own errors have), which any
    client can read: none of these refusals answers a request a page of the site made."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    return JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )
