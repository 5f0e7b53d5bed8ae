"""The workflow desk in the admin: transition buttons, history and compare, restore,
review comments, share-draft links and recovery of deleted stories.

`WorkflowAdminMixin` adds these views to `ArticleAdmin` through `get_urls` and replaces
django-reversion's history, revert and recover views, whose in-place revert would bypass the
services (and is unreliable for inline and many-to-many rows). Every view here reads the
story through the admin's scoped queryset, so a reporter reaches only their own stories, and
changes it only by calling a service, which checks the user's permission again.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from reversion.models import Version

from . import comparison, snapshots, story, workflow
from .exceptions import StoryError
from .forms import CommentForm, RestoreForm, ShareLinkForm, TransitionForm
from .models import Article, Publication, ReviewComment, RevisionInfo, ShareLink, Status
from .services import (
    article_recover,
    article_restore_revision,
    article_transition,
    latest_revision_info,
    review_comment_add,
    share_link_create,
    share_link_path,
    share_link_revoke,
)
from .services.comments import may_comment
from .services.sharing import may_share
from .views.public import render_story

HISTORY_PAGE_SIZE = 50


def _error_text(error: StoryError) -> str:
    return " ".join(error.messages)


def _newsroom_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _may_restore(user, article: Article) -> bool:
    return user.has_perm("articles.change_article") and workflow.may_act_on(user, article)


class WorkflowAdminMixin:
    """Mixed into `ArticleAdmin` (a `VersionAdmin`)."""

    object_history_template = "admin/articles/article/history.html"

    # URLs.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("review-queue/", view(self.review_queue_view), name="%s_%s_review_queue" % info),
            path(
                "<int:object_id>/workflow/<slug:action>/",
                view(self.transition_view),
                name="%s_%s_transition" % info,
            ),
            path(
                "<int:object_id>/history/compare/",
                view(self.compare_view),
                name="%s_%s_compare" % info,
            ),
            path(
                "<int:object_id>/history/revision/<int:revision_id>/",
                view(self.revision_preview_view),
                name="%s_%s_revision_preview" % info,
            ),
            path(
                "<int:object_id>/history/restore/",
                view(self.restore_view),
                name="%s_%s_restore" % info,
            ),
            path("<int:object_id>/comments/", view(self.comment_view), name="%s_%s_comment" % info),
            path("<int:object_id>/share/", view(self.share_view), name="%s_%s_share" % info),
            path(
                "<int:object_id>/share/<int:link_id>/revoke/",
                view(self.share_revoke_view),
                name="%s_%s_share_revoke" % info,
            ),
        ] + super().get_urls()

    def _url(self, name: str, *args) -> str:
        return reverse(f"admin:articles_article_{name}", args=args)

    # Helpers.

    def _story(self, request: HttpRequest, object_id) -> Article:
        """The story, if `request.user` may see it: 404 for stories outside their desk."""
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _revision_of(self, article: Article, revision_id) -> RevisionInfo:
        return get_object_or_404(
            RevisionInfo.objects.select_related("revision__user"),
            revision_id=revision_id, article_key=article.pk,
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

    # The change page: workflow panel, change requests, comments, share links, conflicts.

    def desk_context(self, request: HttpRequest, article: Article) -> dict:
        user = request.user
        latest = latest_revision_info(article)
        publication = Publication.objects.filter(article=article).select_related("revision").first()
        live = publication if publication is not None and publication.withdrawn_at is None else None
        transitions = [
            {
                "name": t.name,
                "label": t.label,
                "comment_required": t.comment_required,
                "url": self._url("transition", article.pk, t.name),
            }
            for t in workflow.available(article, user)
        ]
        comments = list(
            ReviewComment.objects.filter(article=article).select_related("author", "revision")
        )
        share_links = []
        if may_share(user, article):
            now = timezone.now()
            for link in ShareLink.objects.filter(article=article).select_related("created_by")[:20]:
                share_links.append({
                    "link": link,
                    "usable": link.revoked_at is None and link.expires_at > now,
                    "url": request.build_absolute_uri(share_link_path(link)),
                    "revoke_url": self._url("share_revoke", article.pk, link.pk),
                })
        previous = None
        if latest is not None:
            previous = (
                RevisionInfo.objects.filter(article_key=article.pk, revision_id__lt=latest.revision_id)
                .exclude(content_hash=latest.content_hash)
                .order_by("-revision_id").first()
            )
        return {
            "desk": {
                "article": article,
                "status": article.get_status_display(),
                "status_value": article.status,
                "transitions": transitions,
                "latest": latest,
                "live": live,
                "withdrawn": publication if publication is not None and live is None else None,
                "approved_is_latest": bool(
                    latest and article.approved_revision_id
                    and RevisionInfo.objects.filter(
                        revision_id=article.approved_revision_id, content_hash=latest.content_hash
                    ).exists()
                ),
                "change_requests": [
                    c for c in reversed(comments) if c.is_change_request and c.resolved_at is None
                ],
                "comments": comments,
                "may_comment": may_comment(user, article),
                "comment_form": CommentForm(
                    initial={"revision_id": latest.revision_id if latest else None},
                    auto_id="comment_%s",
                ),
                "comment_url": self._url("comment", article.pk),
                "may_share": may_share(user, article),
                "share_links": share_links,
                "share_form": ShareLinkForm(
                    initial={"revision_id": latest.revision_id if latest else None},
                    auto_id="share_%s",
                ),
                "share_url": self._url("share", article.pk),
                "history_url": self._url("history", article.pk),
                "compare_url": (
                    f"{self._url('compare', article.pk)}?a={previous.revision_id}&b={latest.revision_id}"
                    if previous and latest else ""
                ),
                "time_zone": settings.TIME_ZONE,
                "publish_at_utc": article.publish_at.astimezone(ZoneInfo("UTC")) if article.publish_at else None,
                "unpublish_at_utc": (
                    article.unpublish_at.astimezone(ZoneInfo("UTC")) if article.unpublish_at else None
                ),
            }
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and obj.pk:
            context.update(self.desk_context(request, obj))
            form = context["adminform"].form
            conflict = getattr(form, "conflict", None)
            if conflict is not None:
                context["conflict"] = self._conflict_context(obj, form, conflict)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _conflict_context(self, article: Article, form, conflict) -> dict:
        """What the other person changed since the form was opened: their revision against
        the one the form was based on."""
        base_id = getattr(form, "conflict_base_revision", None)
        latest = conflict.latest
        context = {"message": conflict.messages[0], "latest": latest, "fields": []}
        base = RevisionInfo.objects.filter(revision_id=base_id, article_key=article.pk).first()
        if base is not None and latest is not None:
            context["compare_url"] = (
                f"{self._url('compare', article.pk)}?a={base.revision_id}&b={latest.revision_id}"
            )
            context["fields"] = [
                field for field in comparison.compare(
                    snapshots.of_revision(base.revision, article.pk),
                    snapshots.of_revision(latest.revision, article.pk),
                )
                if field.changed
            ]
        return context

    # Workflow transitions.

    @method_decorator(require_POST)
    def transition_view(self, request: HttpRequest, object_id: int, action: str):
        article = self._story(request, object_id)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                messages.error(request, f"{field.replace('_', ' ').capitalize()}: {' '.join(errors)}")
            return self._back(request, article)
        data = form.cleaned_data
        try:
            event = article_transition(
                article=article,
                action=action,
                user=request.user,
                comment=data["comment"] or "",
                revision_id=data["revision_id"],
                publish_at=data["publish_at"],
                unpublish_at=data["unpublish_at"],
            )
        except StoryError as error:
            messages.error(request, _error_text(error))
            return self._back(request, article)
        messages.success(request, self._done_message(event, article))
        return self._back(request, article)

    @staticmethod
    def _done_message(event, article: Article) -> str:
        article.refresh_from_db()
        transition = workflow.TRANSITIONS[event.action]
        text = f"{transition.label}: done. The story is now {article.get_status_display().lower()}."
        if event.action == "schedule" and article.publish_at:
            local = timezone.localtime(article.publish_at, _newsroom_zone())
            utc = article.publish_at.astimezone(ZoneInfo("UTC"))
            text = (
                f"Scheduled to go live {local:%Y-%m-%d %H:%M %Z} ({utc:%Y-%m-%d %H:%M} UTC)."
            )
        return text

    # History, revisions and comparison.

    def history_view(self, request: HttpRequest, object_id, extra_context=None):
        """The story's revisions, newest first, with who, when, why, the workflow state
        each recorded, and which is approved, scheduled and live."""
        article = self._story(request, object_id)
        infos = (
            RevisionInfo.objects.filter(article_key=article.pk)
            .select_related("revision__user")
            .order_by("-revision_id")
        )
        page = Paginator(infos, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
        latest = latest_revision_info(article)
        publication = Publication.objects.filter(article=article).first()
        live_id = publication.revision_id if publication and publication.withdrawn_at is None else None
        ids = [info.revision_id for info in page]
        notes: dict[int, list[ReviewComment]] = {}
        for comment in ReviewComment.objects.filter(article=article, revision_id__in=ids).select_related("author"):
            notes.setdefault(comment.revision_id, []).append(comment)
        status_labels = dict(Status.choices)
        rows = []
        for info in page:
            rows.append({
                "info": info,
                "revision": info.revision,
                "status": status_labels.get(info.status, info.status),
                "is_approved": info.revision_id == article.approved_revision_id,
                "is_scheduled": info.revision_id == article.scheduled_revision_id,
                "is_live": info.revision_id == live_id,
                "is_current": latest is not None and info.content_hash == latest.content_hash,
                "comments": notes.get(info.revision_id, []),
                "view_url": self._url("revision_preview", article.pk, info.revision_id),
            })
        # Compare, by default, the latest revision with the newest one that reads differently.
        default_a = next((row for row in rows if not row["is_current"]), None)
        context = {
            **self._page_context(request, article, "History"),
            "rows": rows,
            "default_a": default_a["revision"].pk if default_a else None,
            "page": page,
            "latest": latest,
            "may_restore": _may_restore(request.user, article),
            "may_share": may_share(request.user, article),
            "may_comment": may_comment(request.user, article),
            "compare_url": self._url("compare", article.pk),
            "restore_url": self._url("restore", article.pk),
            "share_url": self._url("share", article.pk),
            "comment_url": self._url("comment", article.pk),
            "share_form": ShareLinkForm(),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    @method_decorator(require_GET)
    def compare_view(self, request: HttpRequest, object_id: int):
        """Two revisions side by side (`?a=…&b=…`), word by word; by default the latest
        against the one before it that differs."""
        article = self._story(request, object_id)
        infos = RevisionInfo.objects.filter(article_key=article.pk).select_related("revision__user")
        latest = latest_revision_info(article)
        if latest is None:
            messages.info(request, "This story has no revisions to compare yet.")
            return redirect(self._url("change", article.pk))
        b = self._revision_of(article, request.GET["b"]) if request.GET.get("b", "").isdigit() else latest
        if request.GET.get("a", "").isdigit():
            a = self._revision_of(article, request.GET["a"])
        else:
            a = (
                infos.filter(revision_id__lt=b.revision_id).exclude(content_hash=b.content_hash)
                .order_by("-revision_id").first()
            ) or b
        fields = comparison.compare(
            snapshots.of_revision(a.revision, article.pk),
            snapshots.of_revision(b.revision, article.pk),
        )
        approve = None
        b_is_current = b.content_hash == latest.content_hash
        if b_is_current:
            approve = next(
                (t for t in workflow.available(article, request.user) if t.name == "approve"), None
            )
        choices = list(infos.order_by("-revision_id")[:200])
        context = {
            **self._page_context(request, article, "Compare revisions"),
            "a": a,
            "b": b,
            "fields": fields,
            "changed": [f for f in fields if f.changed],
            "unchanged": [f for f in fields if not f.changed],
            "choices": choices,
            "a_label": f"A: revision #{a.revision_id}",
            "b_label": f"B: revision #{b.revision_id}",
            "a_status": dict(Status.choices).get(a.status, a.status),
            "b_status": dict(Status.choices).get(b.status, b.status),
            "b_is_current": b_is_current,
            "approve_url": self._url("transition", article.pk, "approve") if approve else "",
            "may_restore": _may_restore(request.user, article),
            "restore_url": self._url("restore", article.pk),
            "history_url": self._url("history", article.pk),
            "compare_url": self._url("compare", article.pk),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    @method_decorator([require_GET, never_cache])
    def revision_preview_view(self, request: HttpRequest, object_id: int, revision_id: int):
        """One revision drawn as its public page would be, marked as a preview."""
        article = self._story(request, object_id)
        info = self._revision_of(article, revision_id)
        view = story.from_snapshot(snapshots.of_revision(info.revision, article.pk))
        when = timezone.localtime(info.revision.date_created)
        who = info.revision.user.get_username() if info.revision.user else "the system"
        return render_story(
            request, view, preview=f"revision {info.revision_id}, saved by {who} {when:%Y-%m-%d %H:%M}"
        )

    def revision_view(self, request: HttpRequest, object_id, version_id, extra_context=None):
        """django-reversion's revert form, replaced: it rewrote the story in place. Old
        links land on the revision's preview; restoring is a POST to `restore_view`."""
        article = self._story(request, object_id)
        if request.method != "GET":
            raise PermissionDenied
        version = get_object_or_404(Version, pk=version_id, object_id=str(article.pk))
        return redirect(self._url("revision_preview", article.pk, version.revision_id))

    @method_decorator(require_POST)
    def restore_view(self, request: HttpRequest, object_id: int):
        """Restore a revision as a new draft on top of history."""
        article = self._story(request, object_id)
        form = RestoreForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose a revision to restore.")
            return self._back(request, article)
        info = self._revision_of(article, form.cleaned_data["revision_id"])
        try:
            _, notes = article_restore_revision(
                article=article, revision=info.revision, user=request.user,
                comment=f"Restored revision {info.revision_id}",
            )
        except StoryError as error:
            messages.error(request, _error_text(error))
            return self._back(request, article)
        messages.success(
            request,
            f"Revision {info.revision_id} restored as a new draft. It needs approval before "
            "readers see it.",
        )
        for note in notes:
            messages.warning(request, note)
        return HttpResponseRedirect(self._url("change", article.pk))

    # Review comments.

    @method_decorator(require_POST)
    def comment_view(self, request: HttpRequest, object_id: int):
        article = self._story(request, object_id)
        form = CommentForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Write a comment of at most 5,000 characters.")
            return self._back(request, article)
        revision = None
        if form.cleaned_data["revision_id"]:
            revision = self._revision_of(article, form.cleaned_data["revision_id"]).revision
        try:
            review_comment_add(
                article=article, user=request.user, body=form.cleaned_data["body"], revision=revision
            )
        except StoryError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "Comment added.")
        return self._back(request, article)

    # Share-draft links.

    @method_decorator(require_POST)
    def share_view(self, request: HttpRequest, object_id: int):
        article = self._story(request, object_id)
        if not may_share(request.user, article):
            raise PermissionDenied
        form = ShareLinkForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose a revision and how long the link should last.")
            return self._back(request, article)
        info = self._revision_of(article, form.cleaned_data["revision_id"])
        try:
            link = share_link_create(
                article=article, user=request.user, revision=info.revision,
                expires_at=timezone.now() + timedelta(hours=form.cleaned_data["expires_in"]),
                note=form.cleaned_data["note"],
            )
        except StoryError as error:
            messages.error(request, _error_text(error))
            return self._back(request, article)
        expires = timezone.localtime(link.expires_at)
        messages.success(
            request,
            f"Share link for revision {info.revision_id} created; it works until "
            f"{expires:%Y-%m-%d %H:%M %Z}: {request.build_absolute_uri(share_link_path(link))}",
        )
        return self._back(request, article)

    @method_decorator(require_POST)
    def share_revoke_view(self, request: HttpRequest, object_id: int, link_id: int):
        article = self._story(request, object_id)
        if not may_share(request.user, article):
            raise PermissionDenied
        link = get_object_or_404(ShareLink, pk=link_id, article=article)
        share_link_revoke(link=link, user=request.user)
        messages.success(request, "The share link no longer works.")
        return self._back(request, article)

    # Desk lists.

    def review_queue_view(self, request: HttpRequest):
        return redirect(f"{self._url('changelist')}?queue=review")

    # Deleted stories, recovered through the service rather than reversion's revert.

    def _may_recover(self, request: HttpRequest) -> bool:
        user = request.user
        return user.has_perm("articles.add_article") and user.has_perm("articles.change_any_article")

    def recoverlist_view(self, request: HttpRequest, extra_context=None):
        if not self._may_recover(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request: HttpRequest, version_id, extra_context=None):
        """Confirm, then bring back a deleted story with `article_recover`."""
        if not self._may_recover(request):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_deleted(self.model).select_related("revision__user"), pk=version_id
        )
        article_key = int(version.object_id)
        if request.method == "POST":
            try:
                article = article_recover(article_key=article_key, user=request.user)
            except StoryError as error:
                messages.error(request, _error_text(error))
                return redirect(self._url("recoverlist"))
            messages.success(request, f"“{article.headline}” is back, as a draft.")
            return redirect(self._url("change", article.pk))
        info = (
            RevisionInfo.objects.filter(article_key=article_key).select_related("revision__user")
            .order_by("-revision_id").first()
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Recover “{version.object_repr}”",
            "version": version,
            "info": info,
            "snapshot": snapshots.of_revision(info.revision, article_key) if info else None,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/recover_confirm.html", context)
