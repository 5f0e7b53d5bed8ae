"""The public page of a share-draft link: one revision shown to a reviewer without an
account. Never cached, never indexed, and never linked from feeds or sitemaps (they read
`Publication` rows only). Showing it changes nothing; its script posts to
`shared_draft_viewed` to count the view."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from .. import snapshots, story
from ..exceptions import ShareLinkUnusable
from ..models import ShareLink
from ..services import share_link_record_view, share_link_resolve
from .public import render_story


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is the whole secret: never leak it to linked sites in a Referer header.
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_safe
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
            viewed_url=reverse("articles:shared_draft_viewed", kwargs={"token": token}),
        )
    )


# No CSRF token: the request carries no session or other credential a forged one could
# borrow. Whoever has the token may count a view; whoever has it may also read the draft.
@csrf_exempt
@never_cache
@require_POST
def shared_draft_viewed(request: HttpRequest, token: str) -> HttpResponse:
    """Count a view of the shared draft: 204, or 404 and 410 as the page itself."""
    try:
        share_link_record_view(token=token)
    except ShareLink.DoesNotExist:
        return _private(HttpResponse(status=404))
    except ShareLinkUnusable:
        return _private(HttpResponse(status=410))
    return _private(HttpResponse(status=204))
