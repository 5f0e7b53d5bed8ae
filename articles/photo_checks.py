"""The photo gate: an approval check for `NEWSROOM_APPROVAL_CHECKS`.

    NEWSROOM_APPROVAL_CHECKS = [..., "articles.photo_checks.photos_without_alt"]

A story whose photos (the lead and those in the body) cannot all be described to a reader
who cannot see them is not approved: each needs alt text in the library, or to be marked
decorative there. As with the style check, an editor may approve anyway with a reason,
which is logged with what it overrode.
"""

from __future__ import annotations

from photos.models import Photo

from . import snapshots
from .models import Article, RevisionInfo

_LISTED = 5


def photos_without_alt(article: Article, revision_info: RevisionInfo, user) -> str | None:
    """Why revision `revision_info` of `article` may not be approved: photos it shows that
    have no alt text and are not decorative, or that are no longer in the library; None
    when there are none."""
    snapshot = snapshots.of_revision(revision_info.revision, article.pk)
    ids = snapshot.photo_ids
    if not ids:
        return None
    photos = Photo.objects.in_bulk(ids)
    problems = []
    for pk in ids:
        where = "the lead photo" if pk == snapshot.lead_photo_id else "a photo in the body"
        photo = photos.get(pk)
        if photo is None:
            problems.append(f"{where} (photo {pk}) is no longer in the library")
        elif not photo.is_accessible:
            problems.append(f"{where}, “{photo.title}”, has no alt text")
    if not problems:
        return None
    listed = "; ".join(problems[:_LISTED])
    more = f"; and {len(problems) - _LISTED} more" if len(problems) > _LISTED else ""
    return (
        f"Photos need alt text before approval: {listed}{more}. Write it in the photo "
        "library (or mark a photo decorative there), remove the photo, or approve with a "
        "reason for overriding the photo check."
    )
