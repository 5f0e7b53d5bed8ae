"""The change page's workflow desk: transition buttons, change requests, the comment
thread, share-draft links and the edit-conflict notice; the review queue link."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from ... import comparison, snapshots, workflow
from ...exceptions import StoryError, message_text
from ...forms import CommentForm, ShareLinkForm, TransitionForm
from ...models import Article, Publication, ReviewComment, RevisionInfo, ShareLink
from ...services import (
    article_transition,
    latest_revision_info,
    review_comment_add,
    share_link_create,
    share_link_path,
    share_link_revoke,
)
from ...services.comments import may_comment
from ...services.sharing import may_share
from .base import DeskBase

UTC = ZoneInfo("UTC")


class WorkflowDeskMixin(DeskBase):
    def get_urls(self):
        return [
            self._desk_path("review-queue/", self.review_queue_view, "review_queue"),
            self._desk_path(
                "<int:object_id>/workflow/<slug:action>/", self.transition_view, "transition"
            ),
            self._desk_path("<int:object_id>/comments/", self.comment_view, "comment"),
            self._desk_path("<int:object_id>/share/", self.share_view, "share"),
            self._desk_path(
                "<int:object_id>/share/<int:link_id>/revoke/",
                self.share_revoke_view,
                "share_revoke",
            ),
            *super().get_urls(),
        ]

    def desk_context(self, request: HttpRequest, article: Article) -> dict:
        """`desk` for the change page's panel: the story's state and publication, the moves
        `request.user` may make, change requests and comments, share links, and the
        schedule's times in UTC beside the newsroom's zone."""
        user = request.user
        latest = latest_revision_info(article)
        publication = Publication.objects.filter(article=article).select_related("revision").first()
        live = publication if publication is not None and publication.is_current else None
        comments = list(
            ReviewComment.objects.filter(article=article).select_related("author", "revision")
        )
        latest_id = latest.revision_id if latest else None
        sharing = may_share(user, article)
        previous = self._previous_different(article, latest) if latest else None
        return {
            "desk": {
                "article": article,
                "status": article.get_status_display(),
                "status_value": article.status,
                "transitions": self._transitions(article, user),
                "latest": latest,
                "live": live,
                "withdrawn": publication if publication is not None and live is None else None,
                "approved_is_latest": _approved_is_latest(article, latest),
                "change_requests": [
                    c for c in reversed(comments) if c.is_change_request and c.resolved_at is None
                ],
                "comments": comments,
                "may_comment": may_comment(user, article),
                "comment_form": CommentForm(
                    initial={"revision_id": latest_id}, auto_id="comment_%s"
                ),
                "comment_url": self._url("comment", article.pk),
                "may_share": sharing,
                "share_links": self._share_links(request, article) if sharing else [],
                "share_form": ShareLinkForm(initial={"revision_id": latest_id}, auto_id="share_%s"),
                "share_url": self._url("share", article.pk),
                "history_url": self._url("history", article.pk),
                "compare_url": (
                    self._compare_url(article, previous.revision_id, latest.revision_id)
                    if previous
                    else ""
                ),
                "time_zone": settings.TIME_ZONE,
                "publish_at_utc": _in_utc(article.publish_at),
                "unpublish_at_utc": _in_utc(article.unpublish_at),
            }
        }

    def _transitions(self, article: Article, user) -> list[dict]:
        """The buttons: each move the workflow lets `user` make now, with where it posts."""
        return [
            {
                "name": t.name,
                "label": t.label,
                "comment_required": t.comment_required,
                "url": self._url("transition", article.pk, t.name),
            }
            for t in workflow.available(article, user)
        ]

    def _share_links(self, request: HttpRequest, article: Article) -> list[dict]:
        """The story's 20 newest share links, revoked and expired ones included (marked)."""
        links = ShareLink.objects.filter(article=article).select_related("created_by")[:20]
        return [
            {
                "link": link,
                "usable": link.is_usable,
                "url": request.build_absolute_uri(share_link_path(link)),
                "revoke_url": self._url("share_revoke", article.pk, link.pk),
            }
            for link in links
        ]

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
            context["compare_url"] = self._compare_url(
                article, base.revision_id, latest.revision_id
            )
            context["fields"] = [
                field
                for field in comparison.compare(
                    snapshots.of_revision(base.revision, article.pk),
                    snapshots.of_revision(latest.revision, article.pk),
                )
                if field.changed
            ]
        return context

    @method_decorator(require_POST)
    def transition_view(self, request: HttpRequest, object_id: int, action: str):
        article = self._story(request, object_id)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                messages.error(
                    request, f"{field.replace('_', ' ').capitalize()}: {' '.join(errors)}"
                )
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
            messages.error(request, message_text(error))
            return self._back(request, article)
        messages.success(request, self._done_message(event, article))
        return self._back(request, article)

    @staticmethod
    def _done_message(event, article: Article) -> str:
        article.refresh_from_db()
        transition = workflow.TRANSITIONS[event.action]
        text = f"{transition.label}: done. The story is now {article.get_status_display().lower()}."
        if event.action == "schedule" and article.publish_at:
            local = timezone.localtime(article.publish_at, ZoneInfo(settings.TIME_ZONE))
            utc = article.publish_at.astimezone(UTC)
            text = f"Scheduled to go live {local:%Y-%m-%d %H:%M %Z} ({utc:%Y-%m-%d %H:%M} UTC)."
        return text

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
                article=article,
                user=request.user,
                body=form.cleaned_data["body"],
                revision=revision,
            )
        except StoryError as error:
            messages.error(request, message_text(error))
        else:
            messages.success(request, "Comment added.")
        return self._back(request, article)

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
                article=article,
                user=request.user,
                revision=info.revision,
                expires_at=timezone.now() + timedelta(hours=form.cleaned_data["expires_in"]),
                note=form.cleaned_data["note"],
            )
        except StoryError as error:
            messages.error(request, message_text(error))
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

    def review_queue_view(self, request: HttpRequest):
        return redirect(f"{self._url('changelist')}?queue=review")


def _approved_is_latest(article: Article, latest: RevisionInfo | None) -> bool:
    """Whether the approved revision reads as the latest does: saves that changed nothing
    since the approval do not ask for another."""
    return bool(
        latest
        and article.approved_revision_id
        and RevisionInfo.objects.filter(
            revision_id=article.approved_revision_id, content_hash=latest.content_hash
        ).exists()
    )


def _in_utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment else None
