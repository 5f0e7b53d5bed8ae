"""The public site's page cache, and when it goes stale.

Design: versioned entries, never deletion. Every cached page is stored with the *site
token* it was rendered under, a value that changes whenever anything a reader could see
may have changed; a change makes a new token, so every old entry simply stops being served,
and is overwritten by the next rendering or expires on its own. (The token is kept in the
entry rather than in its key so that the state and the page come back in one `get_many`,
one cache round trip per hit.) The token is

    "<generation>.<last visibility boundary>"

- *generation*: a random value in the cache, replaced by `invalidate()`. It is replaced
  when a story is published or unpublished (`story_published`, `story_unpublished`),
  and when a row the pages show live is saved or deleted: a `Publication` or its bylines
  or tags, a `Person` or `Organisation` (author pages, bylines), a `Section` or `Tag`,
  and a library photo a current publication shows (`photos.signals`: a new focal point
  or credit gives its renditions new file names, which the pages must link).
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
can never match the token an old page was stored with.

`invalidate()` replaces the generation at once *and* again when the transaction commits:
the second replacement discards any page another process rendered from the old rows in
between; the first makes a change visible within a test's never-committed transaction.

`PageCacheMiddleware` answers hits near the top of the middleware stack, before
sessions, CSRF, auth and the rest; `public_page` stores the pages and answers the hits the
middleware lets through. Only anonymous-safe pages are cached: `public_page` skips any
response that touched the session (it would vary by user), that is not a plain 200, or
that sets a cookie. Previews never pass through it and are marked `private, no-store` by
`views.public.render_story`.
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

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from contributors.models import Organisation, Person
from photos.signals import photo_changed, photo_deleted

from . import conf, signals
from .models import Publication, PublishedByline, Section, Tag

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
    row = Publication.objects.current().aggregate(
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


def _known_state(stored: dict) -> SiteState | None:
    """The state from the stored generation and boundaries alone, or None when the
    database must be read first (no generation yet, boundaries of another generation, or
    the next boundary has passed)."""
    generation = stored.get(STATE_KEY)
    boundaries = stored.get(BOUNDARIES_KEY)
    if (
        generation is None
        or boundaries is None
        or boundaries["generation"] != generation["generation"]
        or (boundaries["next"] is not None and _now() >= boundaries["next"])
    ):
        return None
    return SiteState(
        generation["generation"], generation["changed_at"], boundaries["last"], boundaries["next"]
    )


def site_state(stored: dict | None = None) -> SiteState:
    """The current state. The generation is written only by `invalidate()` (or made once
    when missing); the boundaries are computed by readers and stored tagged with the
    generation they were read under, so boundaries computed from rows older than a later
    `invalidate()` are never used under the new generation, and a reader can never
    overwrite an invalidation. `stored`: the two keys as already read with `get_many`."""
    if stored is None:
        stored = cache.get_many([STATE_KEY, BOUNDARIES_KEY])
    state = _known_state(stored)
    if state is not None:
        return state
    generation = stored.get(STATE_KEY) or _generation()
    last, upcoming = _boundaries(timezone.now())
    boundaries = {"generation": generation["generation"], "last": last, "next": upcoming}
    cache.set(BOUNDARIES_KEY, boundaries, None)
    return SiteState(generation["generation"], generation["changed_at"], last, upcoming)


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
    token: str  # the site token the page was rendered under; served only while current


# Response headers worth keeping with a cached page; the rest are recomputed.
_KEPT_HEADERS = ("X-Robots-Tag", "Content-Language", "Vary")


@dataclass(frozen=True)
class _Options:
    params: tuple[str, ...]
    vary_on_headers: tuple[str, ...]


def _page_key(request: HttpRequest, options: _Options) -> str:
    """The page's key: its address as the view sees it (scheme and host included, since
    pages carry absolute URLs) with only the query parameters it reads. No token: an
    entry records the token it was rendered under (`_Entry.token`), so the token and the
    page come back in one `get_many`. `get_host()` refuses a host not in ALLOWED_HOSTS."""
    query = "&".join(f"{name}={request.GET.get(name, '')}" for name in options.params)
    variant = "|".join(request.headers.get(name, "") for name in options.vary_on_headers)
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}#{variant}"
    return f"{PAGE_PREFIX}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def _lookup(key: str) -> tuple[dict, SiteState | None, _Entry | None]:
    """One cache round trip: the stored site state, the state if it can be known without
    the database, and the page if it was rendered under that state's token."""
    stored = cache.get_many([STATE_KEY, BOUNDARIES_KEY, key])
    state = _known_state(stored)
    return stored, state, _current(stored.get(key), state)


def _current(entry: _Entry | None, state: SiteState | None) -> _Entry | None:
    """`entry` if it was rendered under `state`'s token, else None."""
    return entry if entry is not None and state is not None and entry.token == state.token else None


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
    response["Content-Length"] = str(len(entry.content))
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
    degrades to rendering every request.

    The decorated view carries its options as `page_cache`, so `PageCacheMiddleware` can
    answer a hit before the rest of the middleware runs; this wrapper stores the pages
    and answers the hits the middleware lets through (requests with a session cookie)."""
    options = _Options(tuple(sorted(params)), tuple(vary_on_headers))

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in ("GET", "HEAD"):
                return func(request, *args, **kwargs)
            try:
                key = _page_key(request, options)
                stored, state, entry = _lookup(key)
                if state is None:
                    state = site_state(stored)
                    entry = _current(stored.get(key), state)
            except Exception:
                logger.exception("Page cache unavailable; rendering without it")
                return func(request, *args, **kwargs)
            if entry is not None:
                return _serve(request, entry, hit=True)

            request.newsroom_site_token = state.token  # for `for_token` while rendering
            response = func(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if options.vary_on_headers:
                patch_vary_headers(response, options.vary_on_headers)
            if not _cacheable(request, response):
                return response
            entry = _Entry(
                content=response.content,
                content_type=response["Content-Type"],
                headers=tuple((h, response[h]) for h in _KEPT_HEADERS if response.has_header(h)),
                etag=f'"{key.rsplit(":", 1)[-1]}-{state.token}"',
                last_modified=state.last_modified,
                token=state.token,
            )
            timeout = conf.get("NEWSROOM_PAGE_CACHE_SECONDS")
            if timeout and state.next_boundary is not None:
                timeout = max(1, min(timeout, math.ceil(state.next_boundary - _now())))
            try:
                if timeout:  # 0: pages are rendered every time (the site state is kept)
                    cache.set(key, entry, timeout)
            except Exception:
                logger.exception("Could not store a page in the cache")
            return _serve(request, entry, hit=False)

        wrapper.page_cache = options
        return wrapper

    return decorator(view) if view is not None else decorator


_memo: dict[str, tuple[str, object]] = {}


def for_token(name: str, token: str | None, compute: Callable[[], object]) -> object:
    """`compute()`, kept in this process for as long as the site token stays `token`: for
    small things every page shows (the navigation's sections) that change only with the
    token. Without a token (a page not under `public_page`) it is computed each time. Any
    write that could change the value must invalidate, as for cached pages."""
    if token is None:
        return compute()
    kept = _memo.get(name)
    if kept is not None and kept[0] == token:
        return kept[1]
    value = compute()
    _memo[name] = (token, value)
    return value


class PageCacheMiddleware:
    """Answers GET and HEAD requests for `public_page` views from the page cache before
    the middleware below it runs (sessions, CSRF, auth, messages, audit, axes), in one
    cache round trip, so a hit costs about what `/healthz` does.

    Place it below the middleware whose headers every response must carry (security
    headers, CSP, X-Frame-Options): their `process_response` still runs on a hit.

    It answers only what the view's decorator would answer from the cache itself, and
    less: a request with a session cookie or an Authorization header goes through the
    whole stack (the decorator still serves it the cached page, which was stored only if
    rendering it never read the session: the same for everyone), a state that needs the
    database (no generation yet, a visibility time has passed) goes to the view, and any
    cache error is left to the decorator, which renders. Previews and share links are not
    `public_page` views and never reach the cache."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self._cached(request)
        return response if response is not None else self.get_response(request)

    def _cached(self, request: HttpRequest) -> HttpResponse | None:
        if (
            request.method not in ("GET", "HEAD")
            or self.session_cookie in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
        ):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        options = getattr(match.func, "page_cache", None)
        if options is None:
            return None
        key = _page_key(request, options)  # DisallowedHost here becomes a 400
        try:
            _, _, entry = _lookup(key)
        except Exception:  # the decorator renders, and logs the outage
            return None
        return _serve(request, entry, hit=True) if entry is not None else None


def _on_change(sender, **kwargs) -> None:
    invalidate()


def _on_save(sender, created: bool = False, **kwargs) -> None:
    # A new person, organisation, section or tag is on no page yet: their pages were 404s
    # (never cached), and a section is in the navigation only once a live story carries it
    # (`selectors.live_sections`); that story's publication invalidates.
    if created and sender._meta.label_lower in _SHOWN_ONLY_ONCE_USED:
        return
    invalidate()


_SHOWN_ONLY_ONCE_USED = {
    "contributors.person", "contributors.organisation", "articles.section", "articles.tag"
}


def _on_tags_change(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate()


def _on_photo_change(sender, photo=None, photo_id: int | None = None, **kwargs) -> None:
    # Sent after commit, so the rows read here are those the next page renders from.
    pk = photo.pk if photo is not None else photo_id
    if pk is not None and Publication.objects.current().showing_photo(pk).exists():
        invalidate()


def _on_migrate(sender, **kwargs) -> None:
    _replace_generation()


def connect() -> None:
    """Invalidate on every change readers can see (called from `AppConfig.ready`), and
    after `migrate`, which every deploy runs, so new templates are not hidden behind pages
    cached by the old code."""
    signals.story_published.connect(_on_change, dispatch_uid="newsroom-cache-published")
    signals.story_unpublished.connect(_on_change, dispatch_uid="newsroom-cache-unpublished")
    for model in (Publication, PublishedByline, Person, Organisation, Section, Tag):
        uid = f"newsroom-cache-{model._meta.label_lower}"
        post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _on_tags_change, sender=Publication.tags.through, dispatch_uid="newsroom-cache-tags"
    )
    photo_changed.connect(_on_photo_change, dispatch_uid="newsroom-cache-photo-changed")
    photo_deleted.connect(_on_photo_change, dispatch_uid="newsroom-cache-photo-deleted")
    post_migrate.connect(_on_migrate, dispatch_uid="newsroom-cache-migrate")
