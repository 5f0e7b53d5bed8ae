"""The revision record: saving a story, with its parts, as a django-reversion revision, and
reading the latest one. History is only ever added to."""

from __future__ import annotations

import reversion
from django.db import transaction
from reversion.models import Revision

from .. import snapshots
from ..models import Article, RevisionInfo


def latest_revision_info(article: Article) -> RevisionInfo | None:
    return (
        RevisionInfo.objects.filter(article_key=article.pk)
        .select_related("revision")
        .order_by("-revision_id")
        .first()
    )


@transaction.atomic
def article_save_revision(
    *,
    article: Article,
    user=None,
    comment: str = "",
    force: bool = False,
    kind: str = RevisionInfo.Kind.EDIT,
) -> tuple[Revision, bool]:
    """Record the story as it now stands (with its bylines, credits, links and corrections)
    as a django-reversion revision by `user` with `comment`.

    Returns `(revision, created)`. When nothing a reader could see has changed since the
    latest revision, no revision is made and that latest one is returned, so a save that
    changes nothing leaves history, and any approval of it, alone. `force` records one anyway.
    """
    snapshot = snapshots.of_article(article)
    latest = latest_revision_info(article)
    if latest and latest.content_hash == snapshot.content_hash and not force:
        return latest.revision, False
    with reversion.create_revision(manage_manually=True, atomic=False):
        reversion.set_user(user if user is not None and user.is_authenticated else None)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)
        reversion.add_meta(
            RevisionInfo,
            article=article,
            article_key=article.pk,
            status=article.status,
            content_hash=snapshot.content_hash,
            kind=kind,
        )
    return latest_revision_info(article).revision, True
