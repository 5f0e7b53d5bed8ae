"""Share-draft links: a signed address that shows one revision of a story to a reviewer
who has no account.

The token signs only the link's id and revision (`django.core.signing`, so it cannot be
guessed or altered); whether the link still works is decided by its database row, so an
editor can revoke it and it expires on time whatever the token says.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision

from .. import conf, workflow
from ..exceptions import NotPermitted, ShareLinkUnusable, StoryError
from ..models import Article, RevisionInfo, ShareLink
from .events import record_event
from .revisions import latest_revision_info

_SALT = "articles.share-link"


def may_share(user, article: Article) -> bool:
    return (
        user is not None
        and user.is_active
        and user.has_perm("articles.share_article")
        and workflow.may_act_on(user, article)
    )


def _check(user, article: Article) -> None:
    if not may_share(user, article):
        raise NotPermitted("You are not allowed to share drafts of this story.")


def _signer() -> signing.Signer:
    # No timestamp in the token: the same link always has the same address, and the row's
    # `expires_at` and `revoked_at`, not the token, decide whether it still works.
    return signing.Signer(salt=_SALT)


def share_link_token(link: ShareLink) -> str:
    return _signer().sign_object({"l": link.pk, "r": link.revision_id})


def share_link_path(link: ShareLink) -> str:
    return reverse("articles:shared_draft", kwargs={"token": share_link_token(link)})


@transaction.atomic
def share_link_create(
    *,
    article: Article,
    user,
    revision: Revision | None = None,
    expires_at: datetime | None = None,
    note: str = "",
    now: datetime | None = None,
) -> ShareLink:
    """A link showing `revision` of `article` (default: its latest) until `expires_at`
    (default: NEWSROOM_SHARE_LINK_DAYS from now; at most NEWSROOM_SHARE_LINK_MAX_DAYS).

    Raises `NotPermitted` unless `user` may share this story, `StoryError` for a revision of
    another story or an expiry in the past or too far ahead."""
    _check(user, article)
    now = now or timezone.now()
    if revision is None:
        latest = latest_revision_info(article)
        if latest is None:
            raise StoryError("Save the story before sharing it.")
        revision = latest.revision
    elif not RevisionInfo.objects.filter(revision=revision, article_key=article.pk).exists():
        raise StoryError("That revision belongs to another story.")
    expires_at = expires_at or now + timedelta(days=conf.get("NEWSROOM_SHARE_LINK_DAYS"))
    if expires_at <= now:
        raise StoryError("A share link must expire in the future.")
    if expires_at > now + timedelta(days=conf.get("NEWSROOM_SHARE_LINK_MAX_DAYS")):
        raise StoryError(
            f"A share link may last at most {conf.get('NEWSROOM_SHARE_LINK_MAX_DAYS')} days."
        )
    link = ShareLink.objects.create(
        article=article,
        revision=revision,
        created_by=user,
        created_at=now,
        expires_at=expires_at,
        note=note.strip()[:200],
    )
    record_event(
        article=article,
        action="shared",
        user=user,
        from_status=article.status,
        revision=revision,
        comment=link.note,
        share_link=link.pk,
        expires_at=expires_at,
    )
    return link


@transaction.atomic
def share_link_revoke(*, link: ShareLink, user, now: datetime | None = None) -> ShareLink:
    """Stop `link` working at once. Revoking a revoked link changes nothing."""
    _check(user, link.article)
    link = ShareLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is None:
        link.revoked_at = now or timezone.now()
        link.save(update_fields=["revoked_at"])
        record_event(
            article=link.article,
            action="share_revoked",
            user=user,
            from_status=link.article.status,
            revision=link.revision,
            share_link=link.pk,
        )
    return link


def share_link_resolve(token: str, *, now: datetime | None = None) -> ShareLink:
    """The link `token` names, if it still works. Reading changes nothing: a view is
    counted by `share_link_record_view`, which the page asks for with a POST.

    Raises `ShareLink.DoesNotExist` for a token that was not made here, was altered, or
    names a link that no longer exists; `ShareLinkUnusable` for a revoked or expired one."""
    try:
        payload = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError) as error:
        raise ShareLink.DoesNotExist("Not a share link.") from error
    if not isinstance(payload, dict):
        raise ShareLink.DoesNotExist("Not a share link.")
    link = (
        ShareLink.objects.select_related("article", "revision")
        .filter(pk=payload.get("l"), revision_id=payload.get("r"))
        .first()
    )
    if link is None:
        raise ShareLink.DoesNotExist("No such share link.")
    now = now or timezone.now()
    if link.revoked_at is not None or link.expires_at <= now:
        raise ShareLinkUnusable("This preview link has been revoked or has expired.")
    return link


def share_link_record_view(*, token: str, now: datetime | None = None) -> ShareLink:
    """Count one view of the link `token` names (the shared page's script posts it once
    the page has loaded in a browser, so link previews and mail scanners, which fetch
    pages but run no scripts, are not counted). Raises what `share_link_resolve` does."""
    now = now or timezone.now()
    link = share_link_resolve(token, now=now)
    ShareLink.objects.filter(pk=link.pk).update(views=F("views") + 1, last_viewed_at=now)
    return link
