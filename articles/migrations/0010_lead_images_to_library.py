"""Each lead image file becomes a library photo (issue 14, phase B).

Why convert rather than keep the old fields as a fallback: the old files were served as
uploaded, with the camera's EXIF (GPS coordinates included), no renditions and no
width/height. Going through the photo library's upload service, as if uploaded today,
validates each file, strips its location and device metadata, and gives it renditions,
so old stories get the same safety and speed as new ones, and one code path draws every
story. The same file used by several stories (or revisions) becomes one photo.

- The working copy's `lead_photo` is the file's photo. The story's alt text, caption and
  credit become the photo's (the desk's credit and caption win over what the file says);
  the caption stays the story's own (`lead_photo_caption`) only where it differs.
- A publication's `lead_photo` is its file's photo; its alt text, caption and credit as
  published stay as they are, so a live story shows what it showed.
- Revisions that named a file name its photo instead (and their content hashes are
  recomputed), so restoring an old revision restores its photo.

A file that is missing or that the library refuses (logged) leaves its story without a
lead photo: it could not be shown before either. The old files stay where they were
(MEDIA_ROOT/lead-images/); once this has run, delete them: no page links them any more,
and they may carry the photographer's location.

This uses the photo library's service and the story snapshot code rather than historical
models alone: only they can turn a file into a photo and hash a revision. On a database
without lead images it does nothing.
"""

import json
import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import migrations

logger = logging.getLogger("articles.migrations")

OLD_FIELDS = ("lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit")


def _photo_for(name, text, cache):
    """The library photo made from file `name` (None if it cannot be), `text` the old
    alt text, caption and credit of a story that used it."""
    if name in cache:
        return cache[name]
    # Imported here: a migration module loads before the apps' code is needed, and only
    # a database with lead images needs the photo library's service.
    from photos.exceptions import InvalidUpload
    from photos.models import Photo
    from photos.services import photo_create_from_upload

    # A library file already (this migration run backwards, then forwards again).
    photo = Photo.objects.filter(file=name).first()
    if photo is not None:
        pass
    elif default_storage.exists(name):
        fields = {k: v for k, v in text.items() if v}
        while photo is None:
            try:
                with default_storage.open(name, "rb") as file:
                    photo, _ = photo_create_from_upload(file=file, **fields)
            except ValidationError:
                if "alt_text" not in fields:
                    logger.warning("Lead image %s could not become a photo", name, exc_info=True)
                    break
                fields.pop("alt_text")  # e.g. a file name as alt text: left for the desk
            except (InvalidUpload, OSError):
                logger.warning("Lead image %s could not become a photo", name, exc_info=True)
                break
    else:
        logger.warning("Lead image %s is missing; its stories lose it", name)
    cache[name] = photo
    return photo


def _text(row):
    return {
        "alt_text": row.lead_image_alt.strip(),
        "caption": row.lead_image_caption.strip(),
        "credit": row.lead_image_credit.strip()[:255],
    }


def _own_caption(caption, photo):
    return "" if photo is None or caption.strip() == photo.caption else caption


def convert(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Publication = apps.get_model("articles", "Publication")
    photos = {}
    for article in Article.objects.exclude(lead_image="").iterator():
        photo = _photo_for(article.lead_image.name, _text(article), photos)
        article.lead_photo_id = photo.pk if photo else None
        article.lead_photo_caption = _own_caption(article.lead_image_caption, photo)
        article.save(update_fields=["lead_photo", "lead_photo_caption"])
    for publication in Publication.objects.exclude(lead_image="").iterator():
        photo = _photo_for(publication.lead_image.name, _text(publication), photos)
        publication.lead_photo_id = photo.pk if photo else None
        publication.save(update_fields=["lead_photo"])
    rewritten = _rewrite_revisions(apps, photos)
    _rehash(apps, rewritten)


def _rewrite_revisions(apps, photos):
    """Article versions that name a lead image file name its photo instead. Returns the
    ids of the revisions changed."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    article_type = ContentType.objects.filter(app_label="articles", model="article").first()
    if article_type is None:
        return set()
    versions = (
        Version.objects.filter(content_type=article_type, format="json")
        .exclude(serialized_data__contains='"lead_image": ""')
    )
    changed = set()
    for version in versions.iterator():
        data = json.loads(version.serialized_data)
        if not any((item.get("fields") or {}).get("lead_image") for item in data):
            continue
        for item in data:
            fields = item.get("fields") or {}
            old = {name: fields.pop(name, "") or "" for name in OLD_FIELDS}
            text = {
                "alt_text": old["lead_image_alt"].strip(),
                "caption": old["lead_image_caption"].strip(),
                "credit": old["lead_image_credit"].strip()[:255],
            }
            photo = _photo_for(old["lead_image"], text, photos) if old["lead_image"] else None
            fields["lead_photo"] = photo.pk if photo else None
            fields["lead_photo_caption"] = _own_caption(old["lead_image_caption"], photo)
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])
        changed.add(version.revision_id)
    return changed


def _rehash(apps, revision_ids):
    """Recompute the content hashes of rewritten revisions (a save that changes nothing
    must still count as no change)."""
    if not revision_ids:
        return
    # Imported here, as above: only a database with lead images in its history needs them.
    from reversion.models import Revision

    from articles import snapshots

    RevisionInfo = apps.get_model("articles", "RevisionInfo")
    for info in RevisionInfo.objects.filter(revision_id__in=revision_ids).iterator():
        try:
            snapshot = snapshots.of_revision(
                Revision.objects.get(pk=info.revision_id), info.article_key
            )
        except LookupError:
            continue
        info.content_hash = snapshot.content_hash
        info.save(update_fields=["content_hash"])


def back(apps, schema_editor):
    """Each story's lead photo becomes its lead image file again (the library's sanitised
    original), with the photo's alt text, caption and credit. Revisions keep their photos."""
    Article = apps.get_model("articles", "Article")
    Publication = apps.get_model("articles", "Publication")
    Photo = apps.get_model("photos", "Photo")
    photos = Photo.objects.in_bulk(
        set(Article.objects.exclude(lead_photo=None).values_list("lead_photo", flat=True))
        | set(Publication.objects.exclude(lead_photo=None).values_list("lead_photo", flat=True))
    )
    for article in Article.objects.exclude(lead_photo=None).iterator():
        photo = photos[article.lead_photo_id]
        article.lead_image = photo.file.name
        article.lead_image_alt = photo.alt_text[:300]
        article.lead_image_caption = article.lead_photo_caption or photo.caption
        article.lead_image_credit = photo.credit[:200]
        article.save(update_fields=list(OLD_FIELDS))
    for publication in Publication.objects.exclude(lead_photo=None).iterator():
        publication.lead_image = photos[publication.lead_photo_id].file.name
        publication.save(update_fields=["lead_image"])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0009_lead_photo'),
        ('photos', '0001_initial'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [migrations.RunPython(convert, back, elidable=False)]
