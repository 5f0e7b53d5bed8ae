"""Guarding the working copy against lost updates when two people edit one story."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ..exceptions import EditConflict
from ..models import Article, RevisionInfo

# Kinds of revision that change the working copy's text (transitions only record a state).
_CONTENT_KINDS = (
    RevisionInfo.Kind.EDIT,
    RevisionInfo.Kind.RESTORE,
    RevisionInfo.Kind.IMPORT,
    RevisionInfo.Kind.SYSTEM,
)


def latest_content_revision(article_key: int) -> RevisionInfo | None:
    """The newest revision that changed the story's text, with its user."""
    return (
        RevisionInfo.objects.filter(article_key=article_key, kind__in=_CONTENT_KINDS)
        .select_related("revision__user")
        .order_by("-revision_id")
        .first()
    )


def article_lock_for_edit(*, article_id: int, edit_version: int | None) -> Article:
    """Lock story `article_id` for the rest of the caller's transaction and check that
    nobody has saved a change to it since the editor loaded version `edit_version`.

    Call it inside the transaction that saves the edit (the admin's change view is one):
    the row lock (PostgreSQL) or the IMMEDIATE write transaction (SQLite) makes a second
    save wait for the first, so both cannot pass this check with the same version. Returns
    the locked, fresh row. Raises `EditConflict` naming who saved and when, and
    `Article.DoesNotExist` if the story was deleted meanwhile."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("article_lock_for_edit must run inside the saving transaction.")
    article = Article.objects.select_for_update().get(pk=article_id)
    if edit_version is not None and article.edit_version == edit_version:
        return article
    latest = latest_content_revision(article.pk)
    if latest is None or edit_version is None:
        message = "This story has changed since you opened it. Reload it to see the changes."
    else:
        who = latest.revision.user
        name = (who.get_full_name() or who.get_username()) if who else "Someone"
        when = timezone.localtime(latest.revision.date_created)
        message = (
            f"{name} saved this story at {when:%Y-%m-%d %H:%M %Z} (revision "
            f"{latest.revision_id}) after you opened it. Your changes have not been saved: "
            "compare their version with yours below, merge what you need, then save again."
        )
    raise EditConflict(message, article=article, latest=latest)
