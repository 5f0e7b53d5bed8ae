"""The permission matrix: every URL of the site and every admin action, sent by every role.

Roles (`tests.permission_world`): anonymous, reader (a logged-in account without a newsroom
role), reporter (on their own stories), other_reporter (a reporter on someone else's
stories), editor and superuser. An allowed request must work and have its effect; a refused
one must answer 403, 404, 405 or a redirect to the login page (the admin also answers a
story outside someone's desk with a redirect to its index), never 500, and change nothing.

New views must join the matrix: `test_every_url_is_in_the_matrix` fails for a URL pattern,
registered ModelAdmin or admin action that no case covers.

One world is built per module inside a transaction; every test runs in a savepoint that is
rolled back, so POSTs that delete or publish never leak into the next test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.articles.admin_forms import form_data
from tests.conftest import REFERENCE_STORY
from tests.permission_world import CLEAN_BODY, ROLES, World, spare_photo_upload

STAFF = frozenset({"reporter", "other_reporter", "editor", "superuser"})
EVERYONE = frozenset(ROLES)
NEWSROOM = frozenset({"editor", "superuser"})
OWNER = frozenset({"reporter", "editor", "superuser"})
SUPER = frozenset({"superuser"})
NOBODY = frozenset()
LOGIN = "/admin/login/"

# The mark makes pytest-django create the test database; each test also runs in its own
# transaction (pytest-django's), inside the module's.
pytestmark = pytest.mark.django_db




def _client(w: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(w.user(role))
    return client


# What a case is.


@dataclass(frozen=True)
class Case:
    """One request. `allowed` roles get a status in `ok` and `effect` becomes true; the
    others are refused and `effect` stays false. `url` and `data` get the world."""

    id: str
    names: tuple[str, ...]  # the URL names (or unnamed routes) this case covers
    method: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    data: Callable[[World], dict] | None = None
    effect: Callable[[World], bool] | None = None
    ok: tuple[int, ...] = ()
    login_required: bool = True  # anonymous and reader go to the login page
    # A refused action posted to a change list is ignored: the list again, or a redirect
    # back to it saying no action was selected.
    refusal_may_ignore: bool = False


def _ok(case: Case) -> tuple[int, ...]:
    return case.ok or ((200,) if case.method == "get" else (302,))


def _admin(name: str, *args, query: str = "") -> Callable[[World], str]:
    def url(w: World) -> str:
        values = [a(w) if callable(a) else a for a in args]
        return reverse(f"admin:{name}", args=values) + query

    return url


def _pk(key: str) -> Callable[[World], int]:
    return lambda w: w.rows[key].pk


def _story(state: str) -> Callable[[World], int]:
    return lambda w: w.stories[state].pk


def _fresh(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).first()


# Public pages: everyone may read them; nobody may POST to them.


def _published_slug(w):
    return w.stories["published"].publication.slug


def _public(name: str, url: Callable[[World], str], ok=(200,), allowed=EVERYONE) -> list[Case]:
    return [
        Case(f"{name}-get", (name,), "get", url, allowed, ok=ok, login_required=False),
        Case(f"{name}-post", (name,), "post", url, NOBODY, login_required=False),
    ]


def _r(name: str, **kwargs) -> Callable[[World], str]:
    def url(w: World) -> str:
        return reverse(name, kwargs={k: v(w) if callable(v) else v for k, v in kwargs.items()})

    return url


def _person_slug(w):
    return w.user("reporter").contributor.slug


PUBLIC_CASES = [
    *_public("healthz", lambda w: reverse("healthz")),
    *_public("readyz", lambda w: reverse("readyz"), ok=(200, 503)),
    *_public("articles:home", _r("articles:home")),
    *_public("articles:article", _r("articles:article", slug=_published_slug)),
    *_public("articles:related", _r("articles:related", slug=_published_slug)),
    *_public("articles:section", _r("articles:section", slug="world")),
    *_public("articles:author", _r("articles:author", slug=_person_slug)),
    *_public("articles:tag", lambda w: reverse("articles:tag", args=["live-tag"])),
    *_public("articles:search", lambda w: reverse("articles:search") + "?q=council"),
    *_public("articles:robots", _r("articles:robots")),
    *_public("articles:sitemap-index", _r("articles:sitemap-index")),
    *_public("articles:sitemap-section", _r("articles:sitemap-section", section="articles")),
    *_public("articles:feed-latest-rss", _r("articles:feed-latest-rss")),
    *_public("articles:feed-latest-atom", _r("articles:feed-latest-atom")),
    *_public("articles:feed-section-rss", _r("articles:feed-section-rss", slug="world")),
    *_public("articles:feed-section-atom", _r("articles:feed-section-atom", slug="world")),
    *_public("articles:feed-author-rss", _r("articles:feed-author-rss", slug=_person_slug)),
    *_public("articles:feed-author-atom", _r("articles:feed-author-atom", slug=_person_slug)),
    *_public("articles:feed-tag-rss", _r("articles:feed-tag-rss", slug="live-tag")),
    *_public("articles:feed-tag-atom", _r("articles:feed-tag-atom", slug="live-tag")),
    *_public("articles:shared_draft", lambda w: _share_path(w)),
    # The read API: anonymous, live stories only; no POST anywhere.
    *_public("newsapi:stories", _r("newsapi:stories")),
    *_public("newsapi:story", _r("newsapi:story", pk=lambda w: w.stories["published"].pk)),
    *_public("newsapi:story-by-slug", _r("newsapi:story-by-slug", slug=_published_slug)),
    *_public("newsapi:ninjs-stories", _r("newsapi:ninjs-stories")),
    *_public("newsapi:ninjs-story", _r("newsapi:ninjs-story", pk=lambda w: w.stories["published"].pk)),
    *_public("newsapi:ninjs-story-by-slug", _r("newsapi:ninjs-story-by-slug", slug=_published_slug)),
    *_public("newsapi:sections", _r("newsapi:sections")),
    *_public("newsapi:people", _r("newsapi:people")),
    *_public("newsapi:person", _r("newsapi:person", slug=_person_slug)),
    *_public("newsapi:corrections", _r("newsapi:corrections")),
    *_public("newsapi:schema", _r("newsapi:schema")),
    *_public("newsapi:docs", _r("newsapi:docs")),
    *_public("newsapi:not-found", lambda w: "/api/v1/no-such-thing/", ok=(404,), allowed=NOBODY),
    # Unpublished stories are not on the site for anyone, editors included.
    Case(
        "article-draft", ("articles:article",), "get",
        _r("articles:article", slug=lambda w: w.stories["draft"].slug), NOBODY,
        login_required=False,
    ),
    Case(
        "related-draft", ("articles:related",), "get",
        _r("articles:related", slug=lambda w: w.stories["draft"].slug), NOBODY,
        login_required=False,
    ),
    Case(
        "article-scheduled", ("articles:article",), "get",
        _r("articles:article", slug=lambda w: w.stories["scheduled"].slug), NOBODY,
        login_required=False,
    ),
    *(
        Case(
            f"api-{name}-{state}", (f"newsapi:{name}",), "get",
            _r(f"newsapi:{name}", pk=lambda w, state=state: w.stories[state].pk), NOBODY,
            login_required=False,
        )
        for name in ("story", "ninjs-story") for state in ("draft", "scheduled", "approved")
    ),
    Case(
        "api-story-by-slug-draft", ("newsapi:story-by-slug",), "get",
        _r("newsapi:story-by-slug", slug=lambda w: w.stories["draft"].slug), NOBODY,
        login_required=False,
    ),
    # The ingest API takes a bearer token only: a session (and its CSRF-free POST) is refused
    # for everyone. Tokens by scope: `test_ingest_by_token_scope`.
    Case(
        "ingest-by-session", ("newsapi:ingest",), "post",
        lambda w: "/api/v1/ingest/?uri=urn:matrix:session&headline=Session+story", NOBODY,
        data=lambda w: {"text": "The council met on Tuesday."},
        effect=lambda w: _ingested("Session story"), login_required=False,
    ),
    Case(
        "shared-draft-forged", ("articles:shared_draft",), "get",
        lambda w: reverse("articles:shared_draft", args=["forged-token"]), NOBODY,
        login_required=False,
    ),
]


def _ingested(headline: str) -> bool:
    from articles.models import Article

    return Article.objects.filter(headline=headline).exists()


def _share_path(w: World) -> str:
    from articles.services import share_link_path

    return share_link_path(w.share_link)


# The admin site's own pages.


def _article_ct(w: World) -> int:
    from articles.models import Article

    return ContentType.objects.get_for_model(Article).pk


def _autocomplete(model: str, field: str) -> Callable[[World], str]:
    return lambda w: (
        reverse("admin:autocomplete")
        + f"?app_label=articles&model_name={model}&field_name={field}&term=Reporter"
    )


SITE_CASES = [
    Case("index", ("admin:index",), "get", _admin("index"), STAFF),
    Case("login", ("admin:login",), "get", _admin("login"), EVERYONE, ok=(200, 302),
         login_required=False),
    Case("logout", ("admin:logout",), "post", _admin("logout"), EVERYONE, ok=(200, 302),
         login_required=False),
    Case("password_change", ("admin:password_change",), "get", _admin("password_change"), STAFF),
    Case("password_change_done", ("admin:password_change_done",), "get",
         _admin("password_change_done"), STAFF),
    Case("jsi18n", ("admin:jsi18n",), "get", _admin("jsi18n"), STAFF),
    Case("app_list-articles", ("admin:app_list",), "get", _admin("app_list", "articles"), STAFF),
    Case("app_list-auth", ("admin:app_list",), "get", _admin("app_list", "auth"), SUPER),
    Case("app_list-audit", ("admin:app_list",), "get", _admin("app_list", "audit"), NEWSROOM),
    Case("catch_all", ("admin/(?P<url>.*)$",), "get", lambda w: "/admin/no-such-page/",
         NOBODY),
    Case("user-password-get", ("admin:auth_user_password_change",), "get",
         _admin("auth_user_password_change", _pk("auth.user")), SUPER),
    Case("user-password-post", ("admin:auth_user_password_change",), "post",
         _admin("auth_user_password_change", _pk("auth.user")), SUPER,
         data=lambda w: {"password1": "N3w-secret-pw!", "password2": "N3w-secret-pw!",
                         "usable_password": "true"},
         effect=lambda w: _fresh(w.rows["auth.user"]).check_password("N3w-secret-pw!")),
    # Related-link autocomplete: reporters may pick their own stories and live ones.
    Case("autocomplete-link", ("admin:autocomplete",), "get",
         _autocomplete("relatedlink", "target"), STAFF),
    Case("autocomplete-byline", ("admin:autocomplete",), "get",
         _autocomplete("byline", "person"), STAFF),
    # "View on site": a live story's public page; anything else only through the preview,
    # which checks who is asking, so the shortcut never reveals an unpublished address.
    Case("view_on_site-live", ("admin:view_on_site",), "get",
         _admin("view_on_site", _article_ct, _story("published")), STAFF, ok=(302,)),
    Case("view_on_site-draft", ("admin:view_on_site",), "get",
         _admin("view_on_site", _article_ct, _story("draft")), STAFF, ok=(302,)),
    # The photo chooser and its JSON: whoever may view photos (photos.roles).
    Case("photo-chooser", ("admin:photos_photo_chooser",), "get",
         _admin("photos_photo_chooser", query="?q=spare"), STAFF),
    Case("photo-chosen", ("admin:photos_photo_chosen",), "get",
         _admin("photos_photo_chosen", _pk("photos.photo")), STAFF),
]


# Every registered ModelAdmin: who may list, add, view, change and delete.
# l: change list; a: add; v: view the object (change page, history); c: change; d: delete.

R, OR, E, SU = "reporter", "other_reporter", "editor", "superuser"
ADMIN_POLICY: dict[str, dict[str, str]] = {
    "auth.group": {SU: "lavcd"},
    "auth.user": {SU: "lavcd"},
    "axes.accessattempt": {SU: "lvcd"},
    "axes.accesslog": {SU: "lvcd"},
    "axes.accessfailurelog": {SU: "lvcd"},
    "audit.auditentry": {E: "lv", SU: "lv"},  # read by editors, edited by nobody
    "contributors.person": {R: "lav", OR: "lav", E: "lavc", SU: "lavcd"},
    "contributors.organisation": {R: "lv", OR: "lv", E: "lavc", SU: "lavcd"},
    "articles.section": {R: "lv", OR: "lv", E: "lavc", SU: "lavcd"},
    "articles.tag": {R: "lav", OR: "lav", E: "lavcd", SU: "lavcd"},
    "articles.article": {R: "lavc", OR: "la", E: "lavcd", SU: "lavcd"},
    "articles.scheduledstory": {R: "lv", OR: "l", E: "lv", SU: "lv"},
    "articles.articleevent": {E: "lv", SU: "lv"},  # the story log: read by editors only
    "apstyle.housestyle": {E: "lavc", SU: "lavcd"},
    "apstyle.stylereport": {E: "lv", SU: "lv"},
    "apstyle.acceptedfinding": {E: "lvd", SU: "lvd"},
    "photos.photo": {R: "lavc", OR: "lavc", E: "lavcd", SU: "lavcd"},  # photos.roles
    # Machine interfaces: superusers issue and revoke tokens (never deleted) and keep
    # webhooks; wire items and deliveries are records nobody edits (the log may be pruned).
    "newsapi.apitoken": {SU: "lavc"},
    "newsapi.ingestitem": {SU: "lv"},
    "newsapi_webhooks.subscription": {SU: "lavcd"},
    "newsapi_webhooks.delivery": {SU: "lvd"},
}

# What an add form is given, and the row it must create.
ADD_DATA: dict[str, tuple[Callable[[World], dict], dict]] = {
    "auth.group": (lambda w: {"name": "New group"}, {"name": "New group"}),
    "auth.user": (
        lambda w: {
            "username": "newbie", "password1": "Sup3r-secret-pw!", "password2": "Sup3r-secret-pw!",
            "usable_password": "true",
        },
        {"username": "newbie"},
    ),
    "contributors.person": (
        lambda w: {"name": "New Person", "slug": "new-person"}, {"slug": "new-person"}
    ),
    "contributors.organisation": (
        lambda w: {"name": "New Outlet", "slug": "new-outlet"}, {"slug": "new-outlet"}
    ),
    "articles.section": (
        lambda w: {"name": "New section", "slug": "new-section", "position": "0"},
        {"slug": "new-section"},
    ),
    "articles.tag": (lambda w: {"name": "New tag", "slug": "new-tag"}, {"slug": "new-tag"}),
    "articles.article": (
        lambda w: {
            "headline": "A new story", "slug": "a-new-story", "body": CLEAN_BODY,
            "section": str(w.stories["draft"].section_id),
            "bylines-0-person": str(w.user("reporter").contributor.pk),
        },
        {"slug": "a-new-story"},
    ),
    "apstyle.housestyle": (
        lambda w: {"name": "New style", "slug": "new-style"}, {"slug": "new-style"}
    ),
    # Adding a photo is uploading it (the upload form has no other field).
    "photos.photo": (
        lambda w: {"files": spare_photo_upload("new.png")}, {"original_filename": "new.png"}
    ),
    "newsapi.apitoken": (
        lambda w: {"user": str(w.user("editor").pk), "name": "Matrix token", "scopes": ["ingest"]},
        {"name": "Matrix token"},
    ),
    "newsapi_webhooks.subscription": (
        lambda w: {"name": "Matrix hook", "url": "http://localhost:9/matrix",
                   "events": ["published"], "is_active": "on"},
        {"name": "Matrix hook"},
    ),
}
# An add that answers with a page rather than a redirect: a new token is shown once.
ADD_OK = {"newsapi.apitoken": (200,)}

# The field a change form edits, its new value, and how to read it back.
CHANGE_DATA: dict[str, tuple[str, str]] = {
    "auth.group": ("name", "Renamed group"),
    "auth.user": ("first_name", "Renamed"),
    "contributors.person": ("name", "Renamed Person"),
    "contributors.organisation": ("name", "Renamed Outlet"),
    "articles.section": ("name", "Renamed section"),
    "articles.tag": ("name", "Renamed tag"),
    "articles.article": ("headline", "Renamed headline"),
    "apstyle.housestyle": ("name", "Renamed style"),
    "photos.photo": ("title", "Renamed photo"),
    "newsapi.apitoken": ("name", "Renamed token"),
    "newsapi_webhooks.subscription": ("name", "Renamed hook"),
}


def _superuser_form(w: World, url: str, form_id: str) -> dict:
    response = _client(w, "superuser").get(url)
    assert response.status_code == 200, url
    return form_data(response, form_id)


def _roles(policy: dict[str, str], letter: str) -> frozenset[str]:
    return frozenset(role for role, letters in policy.items() if letter in letters)


def _admin_cases(label: str) -> list[Case]:
    app, model = label.split(".")
    policy = ADMIN_POLICY[label]
    info = f"{app}_{model}"
    obj = _pk(label)

    def exists(w: World) -> bool:
        return _fresh(w.rows[label]) is not None

    def gone(w: World) -> bool:
        return not exists(w)

    def add_data(w: World) -> dict:
        if "a" not in policy.get(SU, ""):
            return {}
        data = _superuser_form(w, reverse(f"admin:{info}_add"), f"{model}_form")
        return {**data, **ADD_DATA[label][0](w)}

    def added(w: World) -> bool:
        if label not in ADD_DATA:
            return False
        model_class = type(w.rows[label])
        return model_class._default_manager.filter(**ADD_DATA[label][1]).exists()

    def change_data(w: World) -> dict:
        if "c" not in policy.get(SU, ""):
            return {}
        data = _superuser_form(w, reverse(f"admin:{info}_change", args=[obj(w)]), f"{model}_form")
        if label in CHANGE_DATA:
            field, value = CHANGE_DATA[label]
            data[field] = value
        return data

    def changed(w: World) -> bool:
        if label not in CHANGE_DATA:
            return False
        field, value = CHANGE_DATA[label]
        return getattr(_fresh(w.rows[label]), field) == value

    def action_data(w: World) -> dict:
        return {"action": "delete_selected", "_selected_action": [obj(w)], "post": "yes"}

    add_ok = ADD_OK.get(label, (302,) if label in ADD_DATA else (302, 200))
    return [
        Case(f"{label}-changelist", (f"admin:{info}_changelist",), "get",
             _admin(f"{info}_changelist"), _roles(policy, "l")),
        Case(f"{label}-add-get", (f"admin:{info}_add",), "get", _admin(f"{info}_add"),
             _roles(policy, "a")),
        Case(f"{label}-add-post", (f"admin:{info}_add",), "post", _admin(f"{info}_add"),
             _roles(policy, "a"), data=add_data, effect=added if label in ADD_DATA else None,
             ok=add_ok),
        Case(f"{label}-change-get", (f"admin:{info}_change",), "get",
             _admin(f"{info}_change", obj), _roles(policy, "v")),
        Case(f"{label}-change-post", (f"admin:{info}_change",), "post",
             _admin(f"{info}_change", obj), _roles(policy, "c"), data=change_data,
             effect=changed if label in CHANGE_DATA else None),
        Case(f"{label}-history", (f"admin:{info}_history",), "get",
             _admin(f"{info}_history", obj), _roles(policy, "v")),
        # Only a redirect to the change page, which checks the permission itself.
        Case(f"{label}-object", (f"admin/{app}/{model}/<path:object_id>/",), "get",
             lambda w: f"/admin/{app}/{model}/{obj(w)}/", STAFF, ok=(302,)),
        Case(f"{label}-delete-get", (f"admin:{info}_delete",), "get",
             _admin(f"{info}_delete", obj), _roles(policy, "d")),
        Case(f"{label}-delete-post", (f"admin:{info}_delete",), "post",
             _admin(f"{info}_delete", obj), _roles(policy, "d"), data=lambda w: {"post": "yes"},
             effect=gone),
        Case(f"{label}-action-delete_selected", (f"action:{label}:delete_selected",), "post",
             _admin(f"{info}_changelist"), _roles(policy, "d"), data=action_data, effect=gone,
             refusal_may_ignore=True),
    ]


# The desk: the story pages and buttons of the articles admin, and the style panel.


def _events(w: World, state: str, action: str) -> bool:
    from articles.models import ArticleEvent

    return ArticleEvent.objects.filter(
        article_key=w.stories[state].pk, action=action, user__isnull=False
    ).exists()


def _status(state: str, status: str) -> Callable[[World], bool]:
    from articles.models import Article

    return lambda w: Article.objects.get(pk=w.stories[state].pk).status == status


def _schedule_time(days: int) -> str:
    return timezone.localtime(timezone.now() + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


# Every workflow move from a state it is allowed in, so only permission can refuse it.
TRANSITION_SETUP = {
    "submit": ("draft", lambda w: {}, "submitted"),
    "request_changes": ("submitted", lambda w: {"comment": "Needs a source"}, "changes_requested"),
    "approve": ("submitted", lambda w: {}, "approved"),
    "publish": ("approved", lambda w: {}, "published"),
    "schedule": ("approved", lambda w: {"publish_at": _schedule_time(3)}, "scheduled"),
    "unschedule": ("scheduled", lambda w: {}, "approved"),
    "unpublish": ("published", lambda w: {"comment": "Legal asked"}, "unpublished"),
    "schedule_unpublish": ("published", lambda w: {"unpublish_at": _schedule_time(5)}, None),
}
TRANSITION_ALLOWED = {"submit": OWNER}


def _transition_cases() -> list[Case]:
    cases = []
    for action, (state, data, _) in TRANSITION_SETUP.items():
        cases.append(
            Case(
                f"transition-{action}", ("admin:articles_article_transition",), "post",
                _admin("articles_article_transition", _story(state), action),
                TRANSITION_ALLOWED.get(action, NEWSROOM), data=data,
                effect=lambda w, state=state, action=action: _events(w, state, action),
            )
        )
    cases.append(  # a move is a POST: a link or a prefetch must not make it
        Case(
            "transition-get", ("admin:articles_article_transition",), "get",
            _admin("articles_article_transition", _story("submitted"), "approve"), NOBODY,
            effect=lambda w: _events(w, "submitted", "approve"),
        )
    )
    cases.append(
        Case(
            "transition-made-up", ("admin:articles_article_transition",), "post",
            _admin("articles_article_transition", _story("draft"), "delete"), NOBODY,
            effect=lambda w: not _fresh(w.stories["draft"]) or _events(w, "draft", "delete"),
            refusal_may_ignore=True,
        )
    )
    return cases


def _comment_exists(w: World) -> bool:
    from articles.models import ReviewComment

    return ReviewComment.objects.filter(body="A matrix note").exists()


def _shares(w: World) -> bool:
    from articles.models import ShareLink

    return ShareLink.objects.count() == 2


def _revoked(w: World) -> bool:
    return _fresh(w.share_link).revoked_at is not None


def _restored(w: World) -> bool:
    from articles.models import Article

    return Article.objects.get(pk=w.stories["draft"].pk).headline == "Reporter draft one"


def _recovered(w: World) -> bool:
    from articles.models import Article

    return Article.objects.filter(pk=w.deleted_id).exists()


def _accepted(w: World) -> bool:
    from apstyle.models import AcceptedFinding

    return AcceptedFinding.objects.filter(article_key=w.stories["draft"].pk).count() == 2


def _fingerprint(w: World) -> str:
    return w.report.findings[0]["fingerprint"] if w.report.findings else "none"


def _fixes_applied(w: World) -> bool:
    from articles.models import RevisionInfo

    return RevisionInfo.objects.filter(
        article_key=w.stories["draft"].pk, revision__comment__icontains="safe fix"
    ).exists()


DESK_CASES = [
    Case("preview", ("admin:articles_article_preview",), "get",
         _admin("articles_article_preview", _story("draft")), OWNER),
    Case("review_queue", ("admin:articles_article_review_queue",), "get",
         _admin("articles_article_review_queue"), STAFF, ok=(302,)),
    Case("comment", ("admin:articles_article_comment",), "post",
         _admin("articles_article_comment", _story("draft")), OWNER,
         data=lambda w: {"body": "A matrix note"}, effect=_comment_exists),
    Case("share", ("admin:articles_article_share",), "post",
         _admin("articles_article_share", _story("draft")), NEWSROOM,
         data=lambda w: {"revision_id": w.first_revision, "expires_in": "24"}, effect=_shares),
    Case("share_revoke", ("admin:articles_article_share_revoke",), "post",
         _admin("articles_article_share_revoke", _story("draft"), lambda w: w.share_link.pk),
         NEWSROOM, data=lambda w: {}, effect=_revoked),
    Case("compare", ("admin:articles_article_compare",), "get",
         _admin("articles_article_compare", _story("draft")), OWNER),
    Case("revision_preview", ("admin:articles_article_revision_preview",), "get",
         _admin("articles_article_revision_preview", _story("draft"), lambda w: w.first_revision),
         OWNER),
    Case("revision", ("admin:articles_article_revision",), "get",
         lambda w: _reversion_revision_url(w), OWNER, ok=(302,)),
    # django-reversion's revert form is replaced: a POST to it restores nothing for anyone.
    Case("revision-post", ("admin:articles_article_revision",), "post",
         lambda w: _reversion_revision_url(w), NOBODY, data=lambda w: {}, effect=_restored),
    Case("restore", ("admin:articles_article_restore",), "post",
         _admin("articles_article_restore", _story("draft")), OWNER,
         data=lambda w: {"revision_id": w.first_revision}, effect=_restored),
    Case("recoverlist", ("admin:articles_article_recoverlist",), "get",
         _admin("articles_article_recoverlist"), NEWSROOM),
    Case("recover-get", ("admin:articles_article_recover",), "get",
         _admin("articles_article_recover", lambda w: w.deleted_version.pk), NEWSROOM),
    Case("recover-post", ("admin:articles_article_recover",), "post",
         _admin("articles_article_recover", lambda w: w.deleted_version.pk), NEWSROOM,
         data=lambda w: {}, effect=_recovered),
    # Someone else's story, and another story's revisions smuggled into one's own.
    Case("preview-others", ("admin:articles_article_preview",), "get",
         _admin("articles_article_preview", _story("others_draft")),
         frozenset({"other_reporter", "editor", "superuser"})),
    Case("compare-foreign-revision", ("admin:articles_article_compare",), "get",
         lambda w: _admin("articles_article_compare", _story("draft"))(w)
         + f"?a={w.first_revision}&b={w.others_revision}",
         NOBODY),
    Case("revision_preview-foreign", ("admin:articles_article_revision_preview",), "get",
         _admin("articles_article_revision_preview", _story("draft"), lambda w: w.others_revision),
         NOBODY),
    Case("restore-foreign-revision", ("admin:articles_article_restore",), "post",
         _admin("articles_article_restore", _story("draft")), NOBODY,
         data=lambda w: {"revision_id": w.others_revision},
         effect=lambda w: _fresh(w.stories["draft"]).headline == "Someone else's draft"),
    Case("share-foreign-revision", ("admin:articles_article_share",), "post",
         _admin("articles_article_share", _story("draft")), NOBODY,
         data=lambda w: {"revision_id": w.others_revision, "expires_in": "24"}, effect=_shares),
    # Scheduled stories: anyone who sees a story sees its schedule; only publishers change it.
    Case("reschedule-get", ("admin:articles_scheduledstory_reschedule",), "get",
         _admin("articles_scheduledstory_reschedule", _story("scheduled")), NEWSROOM),
    Case("reschedule-post", ("admin:articles_scheduledstory_reschedule",), "post",
         _admin("articles_scheduledstory_reschedule", _story("scheduled")), NEWSROOM,
         data=lambda w: {"publish_at": _schedule_time(4), "unpublish_at": ""},
         effect=lambda w: _events(w, "scheduled", "schedule")),
    Case("cancel-get", ("admin:articles_scheduledstory_cancel",), "get",
         _admin("articles_scheduledstory_cancel", _story("scheduled")), NEWSROOM),
    Case("cancel-post", ("admin:articles_scheduledstory_cancel",), "post",
         _admin("articles_scheduledstory_cancel", _story("scheduled")), NEWSROOM,
         data=lambda w: {"what": "publish"},
         effect=lambda w: _events(w, "scheduled", "unschedule")),
    Case("action-cancel_schedules", ("action:articles.scheduledstory:cancel_schedules",), "post",
         _admin("articles_scheduledstory_changelist"), NEWSROOM,
         data=lambda w: {"action": "cancel_schedules",
                         "_selected_action": [w.stories["scheduled"].pk]},
         effect=lambda w: _events(w, "scheduled", "unschedule"), refusal_may_ignore=True),
    Case("action-cleanup_expired_attempts",
         ("action:axes.accessattempt:cleanup_expired_attempts",), "post",
         _admin("axes_accessattempt_changelist"), SUPER,
         data=lambda w: {"action": "cleanup_expired_attempts",
                         "_selected_action": [w.rows["axes.accessattempt"].pk]},
         refusal_may_ignore=True),
    # Machine interfaces: revoking tokens, enabling a disabled webhook again.
    Case("action-revoke", ("action:newsapi.apitoken:revoke",), "post",
         _admin("newsapi_apitoken_changelist"), SUPER,
         data=lambda w: {"action": "revoke", "_selected_action": [w.rows["newsapi.apitoken"].pk]},
         effect=lambda w: _fresh(w.rows["newsapi.apitoken"]).revoked_at is not None,
         refusal_may_ignore=True),
    Case("action-enable", ("action:newsapi_webhooks.subscription:enable",), "post",
         _admin("newsapi_webhooks_subscription_changelist"), SUPER,
         data=lambda w: {"action": "enable",
                         "_selected_action": [_disabled_hook(w).pk]},
         effect=lambda w: _fresh(w.rows["newsapi_webhooks.subscription"]).is_active,
         refusal_may_ignore=True),
    # The style panel.
    Case("style-story", ("admin:apstyle_stylereport_story",), "get",
         _admin("apstyle_stylereport_story", _story("draft")), OWNER),
    Case("style-accept", ("admin:apstyle_stylereport_accept",), "post",
         _admin("apstyle_stylereport_accept", _story("draft")), NEWSROOM,
         data=lambda w: {"report": w.report.pk, "fingerprint": _fingerprint(w),
                         "reason": "House style"},
         effect=_accepted),
    Case("style-apply-fixes", ("admin:apstyle_stylereport_apply_fixes",), "post",
         _admin("apstyle_stylereport_apply_fixes", _story("draft")), OWNER,
         data=lambda w: {"report": w.report.pk}),
    Case("style-approve", ("admin:apstyle_stylereport_approve",), "post",
         _admin("apstyle_stylereport_approve", _story("submitted")), NEWSROOM,
         data=lambda w: {"override_reason": "Checked by hand"},
         effect=lambda w: _events(w, "submitted", "approve")),
    # django-reversion's pages for house styles.
    Case("housestyle-recoverlist", ("admin:apstyle_housestyle_recoverlist",), "get",
         _admin("apstyle_housestyle_recoverlist"), NEWSROOM),
    Case("housestyle-recover", ("admin:apstyle_housestyle_recover",), "get",
         lambda w: _housestyle_deleted_url(w), NEWSROOM),
    Case("housestyle-revision", ("admin:apstyle_housestyle_revision",), "get",
         lambda w: _housestyle_revision_url(w), NEWSROOM),
]


def _disabled_hook(w: World):
    from newsapi.webhooks.models import Subscription

    hook = w.rows["newsapi_webhooks.subscription"]
    Subscription.objects.filter(pk=hook.pk).update(is_active=False, disabled_reason="failing")
    return hook


def _reversion_revision_url(w: World) -> str:
    from reversion.models import Version

    article = w.stories["draft"]
    version = Version.objects.filter(object_id=str(article.pk)).order_by("pk").first()
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def _housestyle_versions(w: World):
    import reversion

    from apstyle.models import HouseStyle

    with reversion.create_revision():
        style = HouseStyle.objects.create(name="Versioned", slug="versioned")
    with reversion.create_revision():
        gone = HouseStyle.objects.create(name="Deleted style", slug="deleted-style")
    gone_id = gone.pk
    gone.delete()
    return style, gone_id


def _housestyle_deleted_url(w: World) -> str:
    from reversion.models import Version

    from apstyle.models import HouseStyle

    _, gone = _housestyle_versions(w)
    version = Version.objects.get_deleted(HouseStyle).get(object_id=str(gone))
    return reverse("admin:apstyle_housestyle_recover", args=[version.pk])


def _housestyle_revision_url(w: World) -> str:
    from reversion.models import Version

    style, _ = _housestyle_versions(w)
    version = Version.objects.get_for_object(style).first()
    return reverse("admin:apstyle_housestyle_revision", args=[style.pk, version.pk])


# Issue 19: a share link's view is counted by a POST anyone with the link may make, and a
# GET changes nothing; linking a person to an account (which gives the account every story
# the person is bylined on) is a right of its own, superusers' by default.


def _share_views(w: World) -> int:
    from articles.models import ShareLink

    return ShareLink.objects.get(pk=w.share_link.pk).views


def _viewed_path(w: World) -> str:
    from articles.services import share_link_token

    return reverse("articles:shared_draft_viewed", args=[share_link_token(w.share_link)])


def _with_account(w: World, url: str, **fields) -> dict:
    """The superuser's form at `url` (which has the account field), naming the spare
    account, with `fields`."""
    data = _superuser_form(w, url, "person_form")
    return {**data, **fields, "user": str(w.rows["auth.user"].pk)}


def _linked(w: World) -> bool:
    from contributors.models import Person

    return Person.objects.filter(user=w.rows["auth.user"]).exists()


ISSUE_19_CASES = [
    Case("shared_draft_viewed-post", ("articles:shared_draft_viewed",), "post", _viewed_path,
         EVERYONE, ok=(204,), login_required=False, effect=lambda w: _share_views(w) == 1),
    Case("shared_draft_viewed-get", ("articles:shared_draft_viewed",), "get", _viewed_path,
         NOBODY, login_required=False, effect=lambda w: _share_views(w) != 0),
    Case("shared_draft-get-counts-nothing", ("articles:shared_draft",), "get", _share_path,
         EVERYONE, login_required=False, effect=lambda w: _share_views(w) == 0),
    # Those without the right get a form without the field: a forged one is ignored.
    Case("person-change-link-account", ("admin:contributors_person_change",), "post",
         _admin("contributors_person_change", _pk("contributors.person")), SUPER,
         data=lambda w: _with_account(w, reverse(
             "admin:contributors_person_change", args=[w.rows["contributors.person"].pk])),
         effect=_linked, refusal_may_ignore=True),
    Case("person-add-link-account", ("admin:contributors_person_add",), "post",
         _admin("contributors_person_add"), SUPER,
         data=lambda w: _with_account(w, reverse("admin:contributors_person_add"),
                                      name="Linked Newcomer", slug="linked-newcomer"),
         effect=_linked, refusal_may_ignore=True),
]


CASES: list[Case] = [
    *PUBLIC_CASES,
    *SITE_CASES,
    *(case for label in ADMIN_POLICY for case in _admin_cases(label)),
    *_transition_cases(),
    *DESK_CASES,
    *ISSUE_19_CASES,
]


# Coverage: a URL, ModelAdmin or admin action no case covers fails here.


def _routes(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                yield prefix + str(pattern.pattern)


# URLs deliberately outside the matrix, with the reason.
NOT_IN_MATRIX = {
    # Static and media files are served by WhiteNoise or the web server, not by views.
}


def _model_label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def test_every_url_is_in_the_matrix():
    covered = {name for case in CASES for name in case.names}
    routes = set(_routes(get_resolver().url_patterns))
    missing = sorted(routes - covered - set(NOT_IN_MATRIX))
    assert not missing, (
        "These URLs are not in the permission matrix; add a Case for each to "
        f"tests/test_permission_matrix.py saying who may use them: {missing}"
    )
    registered = {_model_label(model) for model in admin.site._registry}
    assert registered == set(ADMIN_POLICY), (
        "Every registered ModelAdmin needs a row in ADMIN_POLICY: "
        f"missing {sorted(registered - set(ADMIN_POLICY))}, "
        f"stale {sorted(set(ADMIN_POLICY) - registered)}"
    )
    actions = {
        f"action:{_model_label(model)}:{name}"
        for model, model_admin in admin.site._registry.items()
        for name in [*dict(admin.site.actions), *(
            a if isinstance(a, str) else a.__name__ for a in (model_admin.actions or [])
        )]
    }
    missing_actions = sorted(actions - covered)
    assert not missing_actions, f"Admin actions not in the permission matrix: {missing_actions}"


# The matrix itself.


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def _refused(case: Case, response) -> bool:
    if response.status_code in (401, 403, 404, 405, 410):
        return True
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(LOGIN) or location == reverse("admin:index"):
            return True
    return case.refusal_may_ignore and response.status_code in (200, 302)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_matrix(w, case: Case, role: str):
    url = case.url(w)
    data = case.data(w) if case.data else {}
    client = _client(w, role)
    response = getattr(client, case.method)(url, data)
    status = response.status_code
    assert status < 500
    where = f"{role} {case.method.upper()} {url} -> {status} {response.get('Location', '')}"

    if role in case.allowed:
        assert status in _ok(case), where
        if status == 302:
            assert not _is_login_redirect(response), where
        if case.effect is not None:
            assert case.effect(w), f"{where}: allowed, but it did not happen"
        return

    if case.login_required and role in ("anonymous", "reader"):
        assert _is_login_redirect(response), where
    else:
        assert _refused(case, response), where
    if case.effect is not None:
        assert not case.effect(w), f"{where}: refused, yet it happened"


def test_view_on_site_never_reveals_an_unpublished_address(w):
    draft = w.stories["draft"]
    for role in ("reporter", "other_reporter", "editor"):
        response = _client(w, role).get(
            reverse("admin:view_on_site", args=[_article_ct(w), draft.pk])
        )
        assert draft.slug not in response.get("Location", ""), role
    response = _client(w, "other_reporter").get(
        reverse("admin:view_on_site", args=[_article_ct(w), w.stories["published"].pk])
    )
    assert response["Location"].endswith(w.stories["published"].publication.get_absolute_url())


def test_autocomplete_never_offers_someone_elses_draft(w):
    url = reverse("admin:autocomplete") + (
        "?app_label=articles&model_name=relatedlink&field_name=target&term="
    )
    for role, own, theirs in (
        ("reporter", "Reporter draft two", "Someone else's draft"),
        ("other_reporter", "Someone else's draft", "Reporter draft two"),
    ):
        response = _client(w, role).get(url)
        assert response.status_code == 200
        headlines = {item["text"] for item in response.json()["results"]}
        assert own in headlines and theirs not in headlines, role
        assert "Reporter published" in headlines  # live stories are anyone's to link
    editor = _client(w, "editor").get(url).json()["results"]
    assert {"Reporter draft two", "Someone else's draft"} <= {item["text"] for item in editor}


def test_a_forged_change_form_cannot_set_the_workflow_fields(w):
    """The reporter's own change form, with the fields only the workflow sets added."""
    from articles.models import Article, Publication

    draft = w.stories["draft"]
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = _superuser_form(w, url, "article_form")
    data.update(
        headline="Edited by the reporter", status="published",
        approved_revision=str(w.first_revision), approved_by=str(w.user("reporter").pk),
        scheduled_revision=str(w.first_revision), publish_at="2030-01-01 00:00",
        created_by=str(w.user("other_reporter").pk), embargo_until="2030-01-01 00:00",
    )
    response = _client(w, "reporter").post(url, data)
    assert response.status_code == 302
    story = Article.objects.get(pk=draft.pk)
    assert story.headline == "Edited by the reporter"
    assert story.status == "draft"
    assert story.approved_revision_id is None and story.scheduled_revision_id is None
    assert story.publish_at is None
    assert story.created_by == w.user("reporter")
    assert story.embargo_until is None
    assert not Publication.objects.filter(article=story).exists()


# The workflow service itself, as Celery tasks, the importer and scripts call it: the same
# refusals whatever the entry point.


@pytest.mark.parametrize("role", ["reader", "reporter", "other_reporter", "editor"])
@pytest.mark.parametrize("action", list(TRANSITION_SETUP))
def test_workflow_service_checks_the_user(w, action, role):
    from articles.exceptions import TransitionNotPermitted
    from articles.models import Article
    from articles.services import article_transition
    from articles.times import parse_schedule_time

    state, data, target = TRANSITION_SETUP[action]
    kwargs = {k: parse_schedule_time(v) if k.endswith("_at") else v for k, v in data(w).items()}
    article = Article.objects.get(pk=w.stories[state].pk)
    allowed = role in TRANSITION_ALLOWED.get(action, NEWSROOM)
    if allowed:
        article_transition(article=article, action=action, user=w.user(role), **kwargs)
        if target:
            assert Article.objects.get(pk=article.pk).status == target
    else:
        with pytest.raises(TransitionNotPermitted):
            article_transition(article=article, action=action, user=w.user(role), **kwargs)
        assert Article.objects.get(pk=article.pk).status == article.status


# The management-command import path: `import_story --user NAME` may do only what NAME
# could do in the admin.

WIRE_OUTLETS = ["Associated Press", "Military Times"]


def _import(w: World, role: str, *extra: str, headline="Imported through the matrix"):
    return call_command(
        "import_story", str(REFERENCE_STORY), "--headline", headline,
        "--user", w.user(role).username, "--section", "World", *extra, stdout=StringIO(),
    )


@pytest.mark.parametrize(
    "role, extra, allowed",
    [
        ("reader", (), False),  # no newsroom role
        ("reporter", (), True),  # a draft of their own
        ("reporter", ("--publish",), False),
        ("reporter", ("--publish-at", "2031-03-09T09:00Z"), False),
        ("reporter", ("--section", "Brand new section"), False),
        ("editor", (), True),
        ("editor", ("--section", "Brand new section"), True),
        ("superuser", (), True),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, tuple) else str(value),
)
def test_import_story_respects_the_users_permissions(w, role, extra, allowed):
    from articles.models import Article, Section
    from tests.factories import OrganisationFactory

    for name in WIRE_OUTLETS:  # outlets only editors may add; the wire copy names them
        OrganisationFactory(name=name)
    if allowed:
        _import(w, role, *extra)
        article = Article.objects.get(headline="Imported through the matrix")
        assert article.created_by == w.user(role)
    else:
        with pytest.raises(CommandError, match="not allowed"):
            _import(w, role, *extra)
        assert not Article.objects.filter(headline="Imported through the matrix").exists()
        assert not Section.objects.filter(name="Brand new section").exists()


def test_import_story_does_not_let_a_reporter_add_outlets(w):
    from articles.models import Article
    from contributors.models import Organisation

    with pytest.raises(CommandError, match="not allowed to add the outlet"):
        _import(w, "reporter")
    assert not Article.objects.filter(headline="Imported through the matrix").exists()
    assert not Organisation.objects.filter(name__in=WIRE_OUTLETS).exists()


def test_import_story_refuses_an_inactive_user(w):
    from articles.models import Article

    editor = w.user("editor")
    editor.is_active = False
    editor.save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="not allowed"):
        _import(w, "editor", headline="Inactive import")
    assert not Article.objects.filter(headline="Inactive import").exists()


def test_a_forged_related_link_cannot_reveal_someone_elses_draft(w):
    """The related-link autocomplete offers reporters their own and live stories only; a
    POST naming another story by id must be refused the same way, or the change page would
    then show that draft's headline."""
    from articles.models import RelatedLink

    draft = w.stories["draft"]
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = _superuser_form(w, url, "article_form")
    data.update({
        "related_links-TOTAL_FORMS": "1", "related_links-0-position": "0",
        "related_links-0-target": str(w.stories["others_draft"].pk),
        "related_links-0-url": "", "related_links-0-title": "",
    })
    client = _client(w, "reporter")
    response = client.post(url, data)
    assert not RelatedLink.objects.filter(article=draft).exists()
    assert b"Someone else" not in response.content
    assert b"Someone else" not in client.get(url).content
    # A live story of someone else's is fine to link.
    data["related_links-0-target"] = str(w.stories["published"].pk)
    assert client.post(url, data).status_code == 302
    assert RelatedLink.objects.filter(article=draft, target=w.stories["published"]).exists()


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_search_finds_live_stories_only(w, role):
    response = _client(w, role).get(reverse("articles:search") + "?q=Reporter")
    assert response.status_code == 200
    assert b"Reporter published" in response.content
    for state in ("draft", "submitted", "approved", "scheduled"):
        assert w.stories[state].headline.encode() not in response.content, state


def test_a_reporter_cannot_delete_a_correction_even_by_forging_the_form(w):
    """Corrections tell readers what was wrong; reporters add them, only editors delete."""
    from articles.models import Correction

    draft = w.stories["draft"]
    correction = Correction.objects.create(article=draft, note="The vote was on Monday.")
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = _superuser_form(w, url, "article_form")
    data["corrections-0-DELETE"] = "on"
    response = _client(w, "reporter").post(url, data)
    assert response.status_code in (200, 302)
    assert Correction.objects.filter(pk=correction.pk).exists()
    data = _superuser_form(w, url, "article_form")
    data["corrections-0-DELETE"] = "on"
    assert _client(w, "editor").post(url, data).status_code == 302
    assert not Correction.objects.filter(pk=correction.pk).exists()


# The ingest API by bearer token: every role, every scope, with and without asking to
# publish. What the token's user could not do in the admin, the token cannot do either.

TOKEN_SCOPES = {"none": [], "ingest": ["ingest"], "ingest-publish": ["ingest:publish"]}
MAY_IMPORT = frozenset({"reporter", "other_reporter", "editor", "superuser"})


def _ingest_expected(role: str, scopes: list[str], publish: bool) -> int:
    if not scopes or (publish and "ingest:publish" not in scopes):
        return 403  # the token's scope
    if role not in MAY_IMPORT or (publish and role not in NEWSROOM):
        return 403  # the user's permissions
    return 201


def _ingest(raw: str | None, headline: str, uri: str, publish: bool = False):
    from urllib.parse import urlencode

    query = {"uri": uri, "headline": headline, "section": "World", "author": "Matrix Wirewriter"}
    if publish:
        query["publish"] = "true"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    return Client().post(
        f"/api/v1/ingest/?{urlencode(query)}", data=CLEAN_BODY.encode(),
        content_type="text/plain", **headers,
    )


@pytest.mark.parametrize("publish", [False, True], ids=["draft", "publish"])
@pytest.mark.parametrize("scope", list(TOKEN_SCOPES))
@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_ingest_by_token_scope(w, settings, role, scope, publish):
    from articles.models import Article
    from newsapi.tokens import api_token_issue

    settings.NEWSROOM_APPROVAL_CHECKS = []
    _, raw = api_token_issue(user=w.user(role), name="matrix", scopes=TOKEN_SCOPES[scope])
    headline = f"Wire story for {role} with {scope}"
    response = _ingest(raw, headline, f"urn:matrix:{role}:{scope}:{publish}", publish)
    expected = _ingest_expected(role, TOKEN_SCOPES[scope], publish)
    assert response.status_code == expected, response.content
    story = Article.objects.filter(headline=headline).first()
    if expected == 201:
        assert story is not None and story.created_by == w.user(role)
        assert (story.status == "published") is publish
    else:
        assert story is None
        assert response["Content-Type"] == "application/problem+json"


def test_ingest_without_a_usable_token(w):
    from django.utils import timezone

    from articles.models import Article
    from newsapi.tokens import api_token_issue, api_token_revoke

    revoked, revoked_raw = api_token_issue(user=w.user("editor"), name="old", scopes=["ingest"])
    api_token_revoke(token=revoked)
    _, expired_raw = api_token_issue(
        user=w.user("editor"), name="expired", scopes=["ingest"],
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    inactive = w.user("reporter")
    _, inactive_raw = api_token_issue(user=inactive, name="gone", scopes=["ingest"])
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    for raw in (None, "nrt_forged", revoked_raw, expired_raw, inactive_raw):
        response = _ingest(raw, "Never ingested", f"urn:matrix:dead:{raw}")
        assert response.status_code == 401, raw
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Article.objects.filter(headline="Never ingested").exists()


# Issue 19: what a reporter may learn of others' drafts, and whose stories an import gives.


def test_reporters_are_offered_no_name_used_only_on_someone_elses_draft(w):
    from tests.factories import CreditFactory, PersonFactory, TagFactory

    others = w.stories["others_draft"]
    secret = PersonFactory(name="Secret Source", slug="secret-source")
    CreditFactory(article=others, person=secret)
    others.tags.add(TagFactory(name="Secret merger", slug="secret-merger"))
    lookups = [("byline", "person", "Secret Source"), ("credit", "person", "Secret Source"),
               ("article", "tags", "Secret merger")]
    for role in ("reporter", "other_reporter", "editor", "superuser"):
        sees = role != "reporter"  # the other reporter's own story; editors see all
        client = _client(w, role)
        for model, field, name in lookups:
            response = client.get(reverse("admin:autocomplete"), {
                "app_label": "articles", "model_name": model, "field_name": field,
                "term": "Secret",
            })
            names = {item["text"] for item in response.json()["results"]}
            assert (name in names) == sees, (role, model, field)
        page = client.get(reverse("admin:contributors_person_change", args=[secret.pk]))
        assert (page.status_code == 200) == sees, role
        assert ("Secret Source" in page.content.decode()) == sees, role


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("reader", False), ("reporter", False), ("other_reporter", True), ("editor", True),
     ("superuser", True)],
)
def test_an_import_bylines_an_account_holder_only_for_whoever_may_act_for_them(w, role, allowed):
    """The byline gives the person's account the story: only that account, editors and
    superusers may import under another account holder's name."""
    from articles.models import Article
    from tests.factories import OrganisationFactory

    for name in WIRE_OUTLETS:
        OrganisationFactory(name=name)
    author = w.user("other_reporter").contributor
    args = ("--author", f"slug:{author.slug}")
    if allowed:
        _import(w, role, *args, headline="Bylined by import")
        story = Article.objects.get(headline="Bylined by import")
        assert list(story.bylines.values_list("person", flat=True)) == [author.pk]
    else:
        with pytest.raises(CommandError, match=r"not allowed|may not put"):
            _import(w, role, *args, headline="Bylined by import")
        assert not Article.objects.filter(headline="Bylined by import").exists()
