"""What the desk's admin views share: finding the story the way the admin's scoped
queryset allows, naming URLs, and redirecting back."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from ...models import Article, RevisionInfo

_ID = re.compile(r"[0-9]{1,19}")
_MAX_ID = 2**63 - 1  # the widest id column (a signed 64-bit integer)


def parse_id(value) -> int | None:
    """`value` (from an address or a query string) as a row id, or None when it is not
    one: ASCII digits only (`str.isdigit` and `int` accept other scripts' digits too),
    within what an id column can hold."""
    text = str(value or "")
    if not _ID.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= _MAX_ID else None


class DeskBase:
    """Helpers for the desk mixins of `ArticleAdmin`. Every view reads the story through
    the admin's scoped queryset, so a reporter reaches only their own stories."""

    def _desk_path(self, route: str, view, name: str) -> URLPattern:
        """`route` to `view` through the admin site (login, staff, CSRF, never cached),
        named like the admin's own: `admin:articles_article_<name>`."""
        opts = self.opts
        return path(
            route,
            self.admin_site.admin_view(view),
            name=f"{opts.app_label}_{opts.model_name}_{name}",
        )

    def _url(self, name: str, *args) -> str:
        return reverse(f"admin:articles_article_{name}", args=args)

    def _compare_url(self, article: Article, a: int, b: int) -> str:
        return f"{self._url('compare', article.pk)}?a={a}&b={b}"

    @staticmethod
    def _previous_different(article: Article, info: RevisionInfo) -> RevisionInfo | None:
        """The newest revision before `info` that reads differently (a save that changed
        nothing repeats the content hash): what “compare with the previous” compares with."""
        return (
            RevisionInfo.objects.filter(article_key=article.pk, revision_id__lt=info.revision_id)
            .exclude(content_hash=info.content_hash)
            .select_related("revision__user")
            .order_by("-revision_id")
            .first()
        )

    def _story(self, request: HttpRequest, object_id) -> Article:
        """The story, if `request.user` may see it: 404 for stories outside their desk."""
        pk = parse_id(object_id)  # the admin's own history and preview URLs take any path
        if pk is None:
            raise Http404("No such story.")
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _revision_of(self, article: Article, revision_id) -> RevisionInfo:
        """The story's revision `revision_id`: 404 for another story's, or a malformed id."""
        revision_id = parse_id(revision_id)
        if revision_id is None:
            raise Http404("No such revision.")
        return get_object_or_404(
            RevisionInfo.objects.select_related("revision__user"),
            revision_id=revision_id,
            article_key=article.pk,
        )

    def _back(self, request: HttpRequest, article: Article) -> HttpResponseRedirect:
        """To the page the form was on (`next`, if it is ours), else the change page."""
        target = request.POST.get("next") or ""
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return HttpResponseRedirect(target)
        return HttpResponseRedirect(self._url("change", article.pk))

    def _page_context(self, request: HttpRequest, article: Article, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": article,
            "title": title,
            "subtitle": article.headline,
            "has_view_permission": True,
        }
