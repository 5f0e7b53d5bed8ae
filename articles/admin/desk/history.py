"""A story's history and compare screens, its revision previews, restore, and the recovery
screen for deleted stories. They replace django-reversion's views: its revert rewrote the
story in place (bypassing the services, and unreliable for inline and many-to-many rows),
so here every change goes through `article_restore_revision` or `article_recover` and
history only ever grows."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from reversion.models import Version

from ... import comparison, snapshots, story, workflow
from ...exceptions import StoryError, message_text
from ...forms import RestoreForm
from ...models import Article, Publication, ReviewComment, RevisionInfo, Status
from ...services import article_recover, article_restore_revision, latest_revision_info
from ...services.comments import may_comment
from ...services.sharing import may_share
from ...views.public import render_story
from .base import DeskBase

HISTORY_PAGE_SIZE = 50


def may_restore(user, article: Article) -> bool:
    return user.has_perm("articles.change_article") and workflow.may_act_on(user, article)


class HistoryDeskMixin(DeskBase):
    object_history_template = "admin/articles/article/history.html"

    def get_urls(self):
        return [
            self._desk_path("<int:object_id>/history/compare/", self.compare_view, "compare"),
            self._desk_path(
                "<int:object_id>/history/revision/<int:revision_id>/",
                self.revision_preview_view,
                "revision_preview",
            ),
            self._desk_path("<int:object_id>/history/restore/", self.restore_view, "restore"),
            *super().get_urls(),
        ]

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
        live_id = (
            publication.revision_id if publication and publication.is_current else None
        )
        ids = [info.revision_id for info in page]
        notes: dict[int, list[ReviewComment]] = {}
        for comment in ReviewComment.objects.filter(
            article=article, revision_id__in=ids
        ).select_related("author"):
            notes.setdefault(comment.revision_id, []).append(comment)
        status_labels = dict(Status.choices)
        rows = []
        for info in page:
            rows.append(
                {
                    "info": info,
                    "revision": info.revision,
                    "status": status_labels.get(info.status, info.status),
                    "is_approved": info.revision_id == article.approved_revision_id,
                    "is_scheduled": info.revision_id == article.scheduled_revision_id,
                    "is_live": info.revision_id == live_id,
                    "is_current": latest is not None and info.content_hash == latest.content_hash,
                    "comments": notes.get(info.revision_id, []),
                    "view_url": self._url("revision_preview", article.pk, info.revision_id),
                }
            )
        # Compare, by default, the latest revision with the newest one that reads differently.
        default_a = next((row for row in rows if not row["is_current"]), None)
        context = {
            **self._page_context(request, article, "History"),
            "rows": rows,
            "default_a": default_a["revision"].pk if default_a else None,
            "page": page,
            "latest": latest,
            "may_restore": may_restore(request.user, article),
            "may_share": may_share(request.user, article),
            "may_comment": may_comment(request.user, article),
            "compare_url": self._url("compare", article.pk),
            "restore_url": self._url("restore", article.pk),
            "share_url": self._url("share", article.pk),
            "comment_url": self._url("comment", article.pk),
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
        b = self._revision_of(article, request.GET["b"]) if request.GET.get("b") else latest
        if request.GET.get("a"):
            a = self._revision_of(article, request.GET["a"])
        else:
            a = self._previous_different(article, b) or b
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
            "may_restore": may_restore(request.user, article),
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
            request,
            view,
            preview=f"revision {info.revision_id}, saved by {who} {when:%Y-%m-%d %H:%M}",
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
                article=article,
                revision=info.revision,
                user=request.user,
                comment=f"Restored revision {info.revision_id}",
            )
        except StoryError as error:
            messages.error(request, message_text(error))
            return self._back(request, article)
        messages.success(
            request,
            f"Revision {info.revision_id} restored as a new draft. It needs approval before "
            "readers see it.",
        )
        for note in notes:
            messages.warning(request, note)
        return HttpResponseRedirect(self._url("change", article.pk))

    def _may_recover(self, request: HttpRequest) -> bool:
        user = request.user
        return user.has_perm("articles.add_article") and user.has_perm(
            "articles.change_any_article"
        )

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
                messages.error(request, message_text(error))
                return redirect(self._url("recoverlist"))
            messages.success(request, f"“{article.headline}” is back, as a draft.")
            return redirect(self._url("change", article.pk))
        info = (
            RevisionInfo.objects.filter(article_key=article_key)
            .select_related("revision__user")
            .order_by("-revision_id")
            .first()
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
