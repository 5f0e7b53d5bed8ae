"""Who hears about what happens to a story, and what they are sent.

    submit                        → every editor (whoever may review stories)
    request_changes, approve,     → the story's reporters: whoever created it and the people
    publish (or a schedule that     on its byline who have an account
    published at once)

Nobody is told about what they did themselves. Mail goes through Django's mail framework
(the console backend unless the site configures another). `event_notify` runs in a Celery
worker after the transaction that logged the event has committed; see `articles.tasks`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import conf
from .jsonld import site_absolute
from .models import Article, ArticleEvent

logger = logging.getLogger(__name__)

SUBJECTS = {
    "submitted": "Submitted for review: {headline}",
    "changes_requested": "Changes requested: {headline}",
    "approved": "Approved: {headline}",
    "published": "Published: {headline}",
}
_BY_ACTION = {"submit": "submitted", "request_changes": "changes_requested", "approve": "approved"}


def kind_of(event: ArticleEvent) -> str | None:
    """Which notification `event` calls for (a key of `SUBJECTS`), or None."""
    if event.action in _BY_ACTION:
        return _BY_ACTION[event.action]
    if event.action == "publish" or (event.data or {}).get("published_revision"):
        return "published"
    return None


def _notifiable() -> Q:
    return Q(action__in=[*_BY_ACTION, "publish"]) | Q(data__has_key="published_revision")


def editors():
    """Active users who may review stories, through a group or on their own account."""
    permission = Permission.objects.get(
        content_type__app_label="articles", codename="review_article"
    )
    return (
        get_user_model()
        .objects.filter(
            Q(groups__permissions=permission) | Q(user_permissions=permission), is_active=True
        )
        .distinct()
    )


def reporters(article: Article):
    """Active users who created `article` or are on its byline."""
    return (
        get_user_model()
        .objects.filter(
            Q(pk=article.created_by_id) | Q(contributor__bylines__article=article), is_active=True
        )
        .distinct()
    )


def recipients(event: ArticleEvent) -> list:
    kind = kind_of(event)
    if kind is None or event.article is None:
        return []
    users = editors() if kind == "submitted" else reporters(event.article)
    if event.user_id:
        users = users.exclude(pk=event.user_id)
    return [user for user in users.order_by("pk") if user.email]


def _name(user) -> str:
    if user is None:
        return "The newsroom's scheduler"
    return user.get_full_name() or user.get_username()


def messages_for(event: ArticleEvent) -> list[EmailMessage]:
    """One email per recipient, so nobody sees who else was told."""
    kind = kind_of(event)
    people = recipients(event)
    if not people:
        return []
    article = event.article
    publication = getattr(article, "publication", None)
    context = {
        "kind": kind,
        "event": event,
        "headline": article.headline,
        "actor": _name(event.user),
        "comment": event.comment,
        "site_name": conf.get("NEWSROOM_SITE_NAME"),
        "change_url": site_absolute(reverse("admin:articles_article_change", args=[article.pk])),
        "live_url": site_absolute(publication.get_absolute_url()) if publication else "",
        "when": timezone.localtime(event.created_at),
    }
    subject = SUBJECTS[kind].format(headline=" ".join(article.headline.split()))[:200]
    return [
        EmailMessage(
            subject=f"[{context['site_name']}] {subject}",
            body=render_to_string("articles/email/story_event.txt", {**context, "recipient": user}),
            to=[user.email],
        )
        for user in people
    ]


def event_notify(*, event_id: int, now: datetime | None = None) -> int:
    """Send the notifications event `event_id` calls for, once. Returns how many emails
    were sent.

    The event is claimed (its `notified_at` set) before sending and released if sending
    fails, so a retried or duplicated task never mails twice and a failed one can try
    again. No lock is held while mail is sent, so a slow mail server never blocks a save."""
    now = now or timezone.now()
    claimed = ArticleEvent.objects.filter(pk=event_id, notified_at__isnull=True).update(
        notified_at=now
    )
    if not claimed:
        return 0
    event = ArticleEvent.objects.select_related("article", "user").get(pk=event_id)
    try:
        messages = messages_for(event)
        if messages:
            get_connection().send_messages(messages)
    except BaseException:
        ArticleEvent.objects.filter(pk=event_id).update(notified_at=None)
        raise
    if messages:
        logger.info(
            "Sent %d notification(s) for event %s (%s).", len(messages), event_id, event.action
        )
    return len(messages)


def pending_event_ids(
    *,
    now: datetime | None = None,
    older_than: timedelta = timedelta(minutes=5),
    within: timedelta = timedelta(days=2),
) -> list[int]:
    """Events still owed their notifications (their task was never queued, say because the
    broker was down), oldest first; recent ones are left to the task already queued."""
    now = now or timezone.now()
    return list(
        ArticleEvent.objects.filter(
            _notifiable(),
            notified_at__isnull=True,
            created_at__lte=now - older_than,
            created_at__gte=now - within,
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:500]
    )
