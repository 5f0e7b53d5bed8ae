"""Content Security Policy for the site and the admin."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from functools import cache

from csp.middleware import CSPMiddleware
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
