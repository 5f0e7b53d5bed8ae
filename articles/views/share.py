"""The public page of a share-draft link: one revision shown to a reviewer without an
account. Never cached, never indexed, and never linked from feeds or sitemaps (they read
`Publication` rows only)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import snapshots, story
from ..exceptions import ShareLinkUnusable
from ..models import ShareLink
from ..services import share_link_resolve
from .public import render_story


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is the whole secret: never leak it to linked sites in a Referer header.
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_GET
def shared_draft(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = share_link_resolve(token)
        snapshot = snapshots.of_revision(link.revision, link.article_id)
    except (ShareLink.DoesNotExist, LookupError):
        # Answered here rather than by raising Http404, so the refusal is never cached either.
        return _private(render(request, "404.html", status=404))
    except ShareLinkUnusable:
        return _private(render(request, "articles/share_gone.html", status=410))
    expires = timezone.localtime(link.expires_at)
    view = story.from_snapshot(snapshot)
    return _private(
        render_story(
            request,
            view,
            preview=f"a draft shared for review (link expires {expires:%b %d, %Y, %H:%M %Z})",
        )
    )
