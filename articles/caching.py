"""The public site's page cache, and when it goes stale.

Design: versioned keys, never deletion. Every cached page is stored under a key that
contains the *site token*, a value that changes whenever anything a reader could see may
have changed; a change makes a new token, so every old entry simply stops being found and
expires on its own. The token is

    "<generation>.<last visibility boundary>"

- *generation*: a random value in the cache, replaced by `invalidate()`. It is replaced
  when a story is published or unpublished (`story_published`, `story_unpublished`),
  and when a row the pages show live is saved or deleted: a `Publication` or its bylines
  or tags, a `Person` or `Organisation` (author pages, bylines), a `Section` or `Tag`.
  Editing the working copy (`Article` and its parts) changes nothing readers see, so it
  does not invalidate.
- *last visibility boundary*: the latest `visible_from`/`visible_until` that has passed.
  Stories go live at their embargo time and dark at their expiry time with no write at
  all (`Publication.objects.live()` compares times), so the token moves on by itself when
  such a time passes. The next boundary is kept beside the generation, so a request reads
  the database only when one has passed or the generation changed.

Because the token lives in the shared cache (Redis, or files on disk by default, never a
per-process memory cache), a story published by the Celery worker invalidates the pages
served by every web process. A lost cache key only costs a miss: a new random generation
can never match an old page's key.

`invalidate()` replaces the generation at once *and* again when the transaction commits:
the second replacement discards any page another process rendered from the old rows in
between; the first makes a change visible within a test's never-committed transaction.

Only anonymous-safe pages are cached: `public_page` skips any response that touched the
session (it would vary by user), that is not a plain 200, or that sets a cookie. Previews
never pass through it and are marked `private, no-store` by `views.public.render_story`.
"""

from __future__ import annotations

import hashlib
import logging
import math
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, Min, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from . import conf

logger = logging.getLogger(__name__)

STATE_KEY = "newsroom:site-generation"
BOUNDARIES_KEY = "newsroom:site-boundaries"
PAGE_PREFIX = "newsroom:page"


@dataclass(frozen=True)
class SiteState:
    generation: str
    changed_at: float  # when the generation was made (Unix time)
    last_boundary: float  # latest visibility time already passed, 0 if none
    next_boundary: float | None  # the next one still to come, None if none

    @property
    def token(self) -> str:
        return f"{self.generation}.{int(self.last_boundary)}"

    @property
    def last_modified(self) -> float:
        """When the pages under this token may last have changed, rounded up to the
        second so an If-Modified-Since of a page from before the change never matches."""
        return math.ceil(max(self.changed_at, self.last_boundary))


def _now() -> float:
    return timezone.now().timestamp()


def _boundaries(now: datetime) -> tuple[float, float | None]:
    """(latest boundary passed, next boundary to come) over stories not withdrawn."""
    from .models import Publication

    row = Publication.objects.filter(withdrawn_at__isnull=True).aggregate(
        from_passed=Max("visible_from", filter=Q(visible_from__lte=now)),
        until_passed=Max("visible_until", filter=Q(visible_until__lte=now)),
        from_next=Min("visible_from", filter=Q(visible_from__gt=now)),
        until_next=Min("visible_until", filter=Q(visible_until__gt=now)),
    )
    passed = [t.timestamp() for t in (row["from_passed"], row["until_passed"]) if t]
    upcoming = [t.timestamp() for t in (row["from_next"], row["until_next"]) if t]
    return max(passed, default=0.0), min(upcoming, default=None)


def _generation() -> dict:
    generation = {"generation": uuid.uuid4().hex, "changed_at": _now()}
    # add(), not set(): if another process made one meanwhile, theirs wins.
    if cache.add(STATE_KEY, generation, None):
        return generation
    return cache.get(STATE_KEY) or generation


def site_state() -> SiteState:
    """The current state. The generation is written only by `invalidate()` (or made once
    when missing); the boundaries are computed by readers and stored tagged with the
    generation they were read under, so boundaries computed from rows older than a later
    `invalidate()` are never used under the new generation, and a reader can never
    overwrite an invalidation."""
    stored = cache.get_many([STATE_KEY, BOUNDARIES_KEY])
    generation = stored.get(STATE_KEY) or _generation()
    boundaries = stored.get(BOUNDARIES_KEY)
    now = timezone.now()
    if (
        boundaries is None
        or boundaries["generation"] != generation["generation"]
        or (boundaries["next"] is not None and now.timestamp() >= boundaries["next"])
    ):
        last, upcoming = _boundaries(now)
        boundaries = {"generation": generation["generation"], "last": last, "next": upcoming}
        cache.set(BOUNDARIES_KEY, boundaries, None)
    return SiteState(
        generation["generation"], generation["changed_at"], boundaries["last"], boundaries["next"]
    )


def _replace_generation() -> None:
    try:
        cache.set(STATE_KEY, {"generation": uuid.uuid4().hex, "changed_at": _now()}, None)
    except Exception:  # a cache outage must not fail a publish; pages expire on their own
        logger.exception("Could not invalidate the page cache")


def invalidate() -> None:
    """Make every cached public page stale, now and when the current transaction
    commits (see the module docstring for why both)."""
    _replace_generation()
    transaction.on_commit(_replace_generation)


def reset() -> None:
    """Forget the site state (tests start from a clean slate with this)."""
    cache.delete_many([STATE_KEY, BOUNDARIES_KEY])


@dataclass(frozen=True)
class _Entry:
    content: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...]
    etag: str
    last_modified: float


# Response headers worth keeping with a cached page; the rest are recomputed.
_KEPT_HEADERS = ("X-Robots-Tag", "Content-Language", "Vary")


def _page_key(request: HttpRequest, params: Iterable[str], variant: str, token: str) -> str:
    query = "&".join(f"{name}={request.GET.get(name, '')}" for name in sorted(params))
    raw = f"{request.path}?{query}#{variant}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"{PAGE_PREFIX}:{token}:{digest}"


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.accessed:
        return False  # the page looked at who is asking, so it may differ per user
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _serve(request: HttpRequest, entry: _Entry, *, hit: bool) -> HttpResponse:
    response = HttpResponse(entry.content, content_type=entry.content_type)
    for name, value in entry.headers:
        response[name] = value
    response["ETag"] = entry.etag
    # Last-Modified has one-second resolution. It is sent only once its second is over:
    # then any later change falls in a later second, so If-Modified-Since can never
    # match a page that changed within the same second (ETag covers that second).
    last_modified = entry.last_modified if entry.last_modified <= _now() else None
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["X-Newsroom-Cache"] = "hit" if hit else "miss"
    max_age = conf.get("NEWSROOM_BROWSER_MAX_AGE")
    if max_age:
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        patch_cache_control(response, public=True, no_cache=True)
    return get_conditional_response(
        request, etag=entry.etag, last_modified=last_modified, response=response
    )


def public_page(
    view: Callable | None = None,
    *,
    params: Iterable[str] = (),
    vary_on_headers: Iterable[str] = (),
):
    """Cache a public GET view's responses under the site token, and answer conditional
    GETs (ETag, Last-Modified) from the cache without running the view.

    `params` are the query parameters the view reads; others are ignored, so a made-up
    query string can neither bypass the cache nor fill it. `vary_on_headers` are request
    headers the view reads (they become part of the key and of `Vary`). A cache outage
    degrades to rendering every request."""
    params = tuple(params)
    vary_on_headers = tuple(vary_on_headers)

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in ("GET", "HEAD"):
                return func(request, *args, **kwargs)
            variant = "|".join(request.headers.get(name, "") for name in vary_on_headers)
            try:
                state = site_state()
                key = _page_key(request, params, variant, state.token)
                entry = cache.get(key)
            except Exception:
                logger.exception("Page cache unavailable; rendering without it")
                return func(request, *args, **kwargs)
            if entry is not None:
                return _serve(request, entry, hit=True)

            response = func(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if vary_on_headers:
                patch_vary_headers(response, vary_on_headers)
            if not _cacheable(request, response):
                return response
            entry = _Entry(
                content=response.content,
                content_type=response["Content-Type"],
                headers=tuple((h, response[h]) for h in _KEPT_HEADERS if response.has_header(h)),
                etag=f'"{key.rsplit(":", 1)[-1]}-{state.token}"',
                last_modified=state.last_modified,
            )
            timeout = conf.get("NEWSROOM_PAGE_CACHE_SECONDS")
            if state.next_boundary is not None:
                timeout = max(1, min(timeout, math.ceil(state.next_boundary - _now())))
            try:
                cache.set(key, entry, timeout)
            except Exception:
                logger.exception("Could not store a page in the cache")
            return _serve(request, entry, hit=False)

        return wrapper

    return decorator(view) if view is not None else decorator


def _on_change(sender, **kwargs) -> None:
    invalidate()


def _on_save(sender, created: bool = False, **kwargs) -> None:
    # A new person, organisation or tag is on no page yet (their pages were 404s, which are
    # never cached); a new section is, in every page's navigation.
    if created and sender._meta.label_lower in _SHOWN_ONLY_ONCE_USED:
        return
    invalidate()


_SHOWN_ONLY_ONCE_USED = {"contributors.person", "contributors.organisation", "articles.tag"}


def _on_tags_change(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate()


def _on_migrate(sender, **kwargs) -> None:
    _replace_generation()


def connect() -> None:
    """Invalidate on every change readers can see (called from `AppConfig.ready`), and
    after `migrate`, which every deploy runs, so new templates are not hidden behind pages
    cached by the old code."""
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

    from contributors.models import Organisation, Person

    from . import signals
    from .models import Publication, PublishedByline, Section, Tag

    signals.story_published.connect(_on_change, dispatch_uid="newsroom-cache-published")
    signals.story_unpublished.connect(_on_change, dispatch_uid="newsroom-cache-unpublished")
    for model in (Publication, PublishedByline, Person, Organisation, Section, Tag):
        uid = f"newsroom-cache-{model._meta.label_lower}"
        post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _on_tags_change, sender=Publication.tags.through, dispatch_uid="newsroom-cache-tags"
    )
    post_migrate.connect(_on_migrate, dispatch_uid="newsroom-cache-migrate")
