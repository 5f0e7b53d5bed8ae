"""The style panel's admin pages: a story's findings, and the buttons that act on them.

Registered by `StyleReportAdmin.get_urls` under /admin/apstyle/stylereport/<story id>/story/.
Every action calls a service, which checks the user's permission again.

Who may do what:
- see the panel: whoever may open the story in the admin (reporters their own stories,
  editors every story);
- apply safe fixes: whoever may edit the story;
- accept a finding: editors (`apstyle.add_acceptedfinding`), because accepting an error
  lifts the approval gate for it in every later revision;
- approve over open errors: whoever may approve (`articles.review_article`), with a reason.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from reversion.models import Revision

from articles import article_transition, message_text
from articles.models import Article

from .models import StyleReport
from .services import AppliedFix, finding_accept, report_apply_safe_fixes

T = TypeVar("T")


def story_for(request: HttpRequest, article_id: int) -> Article:
    """The story, if `request.user` may open it in the admin. Someone else's story is a
    404 for a reporter, as in the articles admin: its headline is not theirs to learn."""
    article = get_object_or_404(Article.objects.editable_by(request.user), pk=article_id)
    if not (
        request.user.has_perm("articles.view_article")
        or request.user.has_perm("articles.change_article")
    ):
        raise PermissionDenied
    return article


def _back(request: HttpRequest, article: Article) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:apstyle_stylereport_story", args=[article.pk])
    return HttpResponseRedirect(target)


def _report(request: HttpRequest, article: Article) -> StyleReport:
    report_id = request.POST.get("report", "")
    if not report_id.isdigit():
        raise PermissionDenied("No report named.")
    return get_object_or_404(StyleReport, pk=int(report_id), article_key=article.pk)


def _act(
    request: HttpRequest, article: Article, service: Callable[[], T], done: Callable[[T], str]
) -> HttpResponse:
    """Call `service`; tell the user `done(result)`, or the service's refusal (a
    `ValidationError`: nothing was changed), and go back to the page they came from."""
    try:
        result = service()
    except ValidationError as error:
        messages.error(request, message_text(error))
    else:
        messages.success(request, done(result))
    return _back(request, article)


@never_cache
def story_style(request: HttpRequest, article_id: int, *, admin_site) -> HttpResponse:
    article = story_for(request, article_id)
    context = {
        **admin_site.each_context(request),
        "title": f"AP style: {article.headline}",
        "subtitle": None,
        "article": article,
        "opts": Article._meta,
    }
    return TemplateResponse(request, "admin/apstyle/story_style.html", context)


@require_POST
def accept(request: HttpRequest, article_id: int) -> HttpResponse:
    article = story_for(request, article_id)
    if not request.user.has_perm("apstyle.add_acceptedfinding"):
        raise PermissionDenied
    service = partial(
        finding_accept,
        report=_report(request, article),
        fingerprint=request.POST.get("fingerprint", ""),
        user=request.user,
        reason=request.POST.get("reason", ""),
    )
    return _act(
        request,
        article,
        service,
        lambda accepted: f"Accepted {accepted.rule} “{accepted.text}” in this story.",
    )


def _applied(result: tuple[Revision, list[AppliedFix]]) -> str:
    revision, applied = result
    count = f"{len(applied)} safe fix{'es' if len(applied) != 1 else ''}"
    return f"Applied {count} as revision {revision.pk}."


@require_POST
def apply_fixes(request: HttpRequest, article_id: int) -> HttpResponse:
    """Apply the report's safe fixes, or only the one named by `fingerprint` (the panel's
    per-finding button)."""
    article = story_for(request, article_id)
    if not request.user.has_perm("articles.change_article"):
        raise PermissionDenied
    fingerprint = request.POST.get("fingerprint", "").strip()
    service = partial(
        report_apply_safe_fixes,
        report=_report(request, article),
        user=request.user,
        fingerprints={fingerprint} if fingerprint else None,
    )
    return _act(request, article, service, _applied)


@require_POST
def approve_override(request: HttpRequest, article_id: int) -> HttpResponse:
    article = story_for(request, article_id)
    reason = request.POST.get("override_reason", "").strip()
    revision_id = request.POST.get("revision", "")
    if not reason:
        messages.error(request, "Give the reason for approving over the style check.")
        return _back(request, article)
    service = partial(
        article_transition,
        article=article,
        action="approve",
        user=request.user,
        revision_id=int(revision_id) if revision_id.isdigit() else None,
        override_reason=reason,
    )
    return _act(
        request, article, service, lambda _event: "Approved, with the style check overridden."
    )
