"""The site's protections that sit in front of every view: the Content Security Policy
and refusing requests no page could answer (a NUL character in the address)."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from functools import cache

from csp.middleware import CSPMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
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


class RefuseNulMiddleware:
    """Answer 400 to a request whose path or query string holds a NUL character, before
    any view sees it: no address of the site takes one, and PostgreSQL refuses text
    containing one with an error (a 500 from any search box or filter that reached a query
    with it), where SQLite accepts it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            return HttpResponseBadRequest(
                "An address cannot contain a NUL character.", content_type="text/plain"
            )
        return self.get_response(request)
