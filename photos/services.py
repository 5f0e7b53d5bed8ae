"""Everything that changes the photo library. Views, the admin, tasks and other apps call
these; none writes photos or renditions directly.

    photo, created = photo_create_from_upload(file=request.FILES["file"], user=request.user)
    photo_update(photo=photo, user=request.user, alt_text="Smoke rises over ...")
    rendition = rendition_get_or_create(photo=photo, spec="w640.webp")
    photo_delete(photo=photo, user=request.user)   # PhotoInUse while something uses it

Files and rows stay consistent: a file is written to storage inside the transaction that
creates its row and is deleted again if that row cannot be created, so a failed upload
leaves nothing behind (see `_stored`). Files of deleted rows are deleted after commit.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from contextlib import contextmanager
from functools import partial
from pathlib import PurePath

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from . import conf, imaging, signals
from .exceptions import PhotoInUse
from .metadata import Embedded
from .models import Photo, Rendition, photo_storage
from .specs import Spec, crop_box, parse_ratio, widths_for
from .usage import usages_of

logger = logging.getLogger(__name__)

# Fields a person edits; changing the first group re-makes cropped renditions, the second
# every rendition (they carry the credit and copyright in their metadata).
FOCAL_FIELDS = ("focal_x", "focal_y", "focal_width", "focal_height")
RIGHTS_FIELDS = (
    "creator", "creator_name", "credit", "copyright_notice", "usage_terms", "license_url",
)
EDITABLE_FIELDS = (
    "title", "alt_text", "decorative", "caption", "source", "date_taken",
    *RIGHTS_FIELDS, *FOCAL_FIELDS,
)


# Upload.


def photo_create_from_upload(*, file: File, user=None, **fields) -> tuple[Photo, bool]:
    """Add the uploaded `file` to the library, or find it there.

    Returns (photo, created). The same bytes uploaded again return the photo made the
    first time, unchanged, with created False. Otherwise the file is validated by its
    content (`imaging.inspect_upload`), its embedded credits, caption and date prefill the
    fields (`fields`, any of EDITABLE_FIELDS, override them), and a sanitised original is
    stored (upright, sRGB, no metadata but the rights). Renditions are queued after commit
    (`signals.photo_uploaded`).

    Raises an `InvalidUpload` subclass, with a message for the uploader, for a file that
    cannot become a photo; nothing is stored then. The upload's own bytes are never
    stored: they may carry the photographer's location."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not photo fields: {', '.join(sorted(unknown))}")
    data = _read_upload(file)
    digest = hashlib.sha256(data).hexdigest()
    if existing := Photo.objects.filter(content_hash=digest).first():
        return existing, False
    upload = imaging.inspect_upload(data)
    photo = Photo(
        **{**_prefill(upload.embedded, file_name=PurePath(file.name or "").name), **fields},
        original_filename=PurePath(file.name or "").name[:255],
        width=upload.width,
        height=upload.height,
        format=upload.format,
        animated=upload.animated,
        content_hash=digest,
        embedded_metadata=upload.embedded.as_json(),
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    _validate(photo)
    original = imaging.sanitised_original(upload, photo.rights)
    photo.file_size = len(original.data)
    name = _file_name(photo, "original", original.data, original.format)
    try:
        with _stored(name, original.data) as saved, transaction.atomic():
            photo.file.name = saved
            photo.save()
    except IntegrityError:
        # The same file, uploaded at the same moment by someone else, won the race.
        if existing := Photo.objects.filter(content_hash=digest).first():
            return existing, False
        raise
    transaction.on_commit(
        partial(signals.photo_uploaded.send, sender=Photo, photo=photo), robust=True
    )
    return photo, True


def _read_upload(file: File) -> bytes:
    if file.size is not None:
        # Refused before reading: the size Django measured while receiving the upload.
        imaging.check_file_size(file.size)
    file.seek(0)
    return b"".join(file.chunks())


def _prefill(embedded: Embedded, *, file_name: str) -> dict:
    """Field values from what the file says about itself."""
    stem = re.sub(r"[_\s]+", " ", PurePath(file_name).stem).strip()
    return {
        "title": (embedded.title or embedded.caption[:120] or stem or "Untitled photo")[:255],
        "caption": embedded.caption,
        "credit": embedded.credit[:255],
        "creator_name": embedded.creator[:200],
        "copyright_notice": embedded.copyright[:255],
        "usage_terms": embedded.usage_terms,
        "license_url": embedded.license_url[:200],
        "date_taken": embedded.date_taken,
        "source": _guess_source(embedded),
    }


def _guess_source(embedded: Embedded) -> str:
    said = f"{embedded.credit} {embedded.source}".lower()
    if "handout" in said:
        return Photo.Source.HANDOUT
    if "pool" in said.split():
        return Photo.Source.POOL
    words = set(re.findall(r"[\w]+", said))
    for agency in conf.get("PHOTOS_AGENCY_CREDITS"):
        name = agency.lower()
        if name in words or (" " in name and name in said):
            return Photo.Source.AGENCY
    return ""


def _validate(photo: Photo) -> None:
    """Model validation of the person-editable fields; raises ValidationError."""
    photo.full_clean(
        exclude=["file", "key", "content_hash", "width", "height", "file_size", "format"],
        validate_unique=False,
        validate_constraints=True,
    )


def _file_name(photo: Photo, label: str, data: bytes, fmt: str) -> str:
    """Random per photo, named by content: a changed file gets a new URL, so files can
    be served with a year's cache lifetime."""
    digest = hashlib.sha256(data).hexdigest()[:12]
    extension = "jpg" if fmt == "jpeg" else fmt
    return f"{conf.get('PHOTOS_UPLOAD_PREFIX')}/{photo.key}/{label}.{digest}.{extension}"


@contextmanager
def _stored(name: str, data: bytes):
    """Write `data` to photo storage for the duration of the block, which must create the
    row that refers to it; if the block raises, the file is deleted again."""
    storage = photo_storage()
    saved = storage.save(name, ContentFile(data))
    try:
        yield saved
    except BaseException:
        storage.delete(saved)
        raise


# Editing.


@transaction.atomic
def photo_update(*, photo: Photo, user=None, **changes) -> Photo:
    """Change the person-editable fields of `photo` (any of EDITABLE_FIELDS).

    Validates like the admin form (raises ValidationError). Renditions that no longer
    match are replaced: a new focal point re-makes the cropped ones, new credits or rights
    all of them (the files carry them). Their rows go now; the old files stay until
    PHOTOS_STALE_FILE_SECONDS later (see `signals.photo_changed`), so cached pages that
    still link them keep working."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not photo fields: {', '.join(sorted(unknown))}")
    locked = Photo.objects.select_for_update().get(pk=photo.pk)
    changed = [
        name for name, value in changes.items()
        if _field_value(locked, name) != _field_value_of(value)
    ]
    for name, value in changes.items():
        setattr(photo, name, value)
    if not changed:
        return photo
    _validate(photo)
    photo.save(update_fields=[*_columns(changed), "updated_at"])
    # Not photo.renditions: a caller's prefetch may hold only some of them.
    stale = Rendition.objects.filter(photo=photo)
    if not set(changed) & set(RIGHTS_FIELDS):
        if not set(changed) & set(FOCAL_FIELDS):
            stale = stale.none()
        else:
            stale = stale.filter(spec__contains="-")  # the cropped ones
    replaced = _renditions_forget(photo, stale)
    transaction.on_commit(
        partial(
            signals.photo_changed.send, sender=Photo, photo=photo, fields=changed,
            replaced_files=replaced,
        ),
        robust=True,
    )
    return photo


def _field_value(photo: Photo, name: str):
    return getattr(photo, f"{name}_id") if name == "creator" else getattr(photo, name)


def _field_value_of(value):
    return getattr(value, "pk", value)


def _columns(names: Iterable[str]) -> list[str]:
    return [f"{name}_id" if name == "creator" else name for name in names]


def _renditions_forget(photo: Photo, renditions) -> list[str]:
    """Delete the rows of `renditions` (and their cache entries); return their files."""
    rows = list(renditions.values_list("spec", "file"))
    if rows:
        renditions.delete()
        cache = _cache()
        specs = [spec for spec, _ in rows]
        if cache is not None:
            transaction.on_commit(
                lambda: cache.delete_many([_cache_key(photo, spec) for spec in specs]),
                robust=True,
            )
        if hasattr(photo, "_prefetched_objects_cache"):
            photo._prefetched_objects_cache.pop("renditions", None)
    return [name for _, name in rows]


# Deleting.


@transaction.atomic
def photo_delete(*, photo: Photo, user=None) -> None:
    """Delete `photo`, its renditions and, after commit, their files.

    Raises PhotoInUse, listing the usages, while any finder registered in `photos.usage`
    says something uses the photo."""
    locked = Photo.objects.select_for_update().get(pk=photo.pk)
    if usages := usages_of(locked):
        listed = "; ".join(str(usage) for usage in usages)
        raise PhotoInUse(f"“{locked.title}” cannot be deleted while it is used: {listed}.", usages)
    files = [locked.file.name, *locked.renditions.values_list("file", flat=True)]
    photo_id, key = locked.pk, locked.key
    cache = _cache()
    specs = list(locked.renditions.values_list("spec", flat=True))
    locked.delete()

    def after_commit() -> None:
        files_delete(names=files)
        if cache is not None:
            cache.delete_many([_cache_key(locked, spec) for spec in specs])
        signals.photo_deleted.send(sender=Photo, photo_id=photo_id, key=key, files=files)

    transaction.on_commit(after_commit, robust=True)


def files_delete(*, names: Iterable[str]) -> int:
    """Delete files from photo storage; a file already gone is not an error. Returns how
    many were deleted."""
    storage = photo_storage()
    deleted = 0
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)
            deleted += 1
    return deleted


# Renditions.


def standard_specs(photo: Photo) -> list[str]:
    """The renditions made for every photo after upload: each srcset width and format in
    the photo's own shape and PHOTOS_RESPONSIVE_RATIOS, the structured-data crops, the
    social card, the admin thumbnail and preview."""
    formats = imaging.writable_formats(conf.get("PHOTOS_FORMATS"))
    ratios = [None, *(parse_ratio(r) for r in conf.get("PHOTOS_RESPONSIVE_RATIOS"))]
    specs = [
        str(Spec(width, ratio, fmt))
        for ratio in ratios
        for width in srcset_widths(photo, ratio)
        for fmt in formats
    ]
    width = conf.get("PHOTOS_STRUCTURED_DATA_WIDTH")
    specs += [
        str(Spec(width, parse_ratio(r), "jpeg")) for r in conf.get("PHOTOS_STRUCTURED_DATA_RATIOS")
    ]
    specs += [conf.get(f"PHOTOS_{name}") for name in ("SOCIAL_CARD", "THUMBNAIL", "PREVIEW")]
    return list(dict.fromkeys(specs))


def srcset_widths(photo: Photo, ratio: tuple[int, int] | None) -> list[int]:
    """The PHOTOS_WIDTHS that `photo`, cut to `ratio`, can fill without enlarging."""
    box = crop_box(photo.width, photo.height, ratio, photo.focal)
    return widths_for(int(box[2] - box[0]), conf.get("PHOTOS_WIDTHS"))


def rendition_get_or_create(*, photo: Photo, spec: str | Spec) -> Rendition:
    """The rendition `spec` of `photo`, made now if it does not exist yet.

    Looks in the photo's prefetched renditions, then the cache, then the database. Making
    one is safe under concurrency: the photo's row is locked while a rendition is made and
    stored, so two requests for a missing rendition make one file (the second waits and
    finds it). Raises InvalidRenditionSpec for a bad spec."""
    spec = Spec.parse(str(spec))
    return renditions_for(photo=photo, specs=[str(spec)])[str(spec)]


def renditions_for(*, photo: Photo, specs: Iterable[str]) -> dict[str, Rendition]:
    """Renditions of `photo` by spec, making (once) any that are missing. One query at
    most when the photo's renditions were not prefetched and the cache misses."""
    wanted = list(dict.fromkeys(str(Spec.parse(str(s))) for s in specs))
    found = _known_renditions(photo, wanted)
    missing = [spec for spec in wanted if spec not in found]
    if missing:
        found.update(photo_renditions_make(photo=photo, specs=missing))
    return {spec: found[spec] for spec in wanted}


def _known_renditions(photo: Photo, specs: list[str]) -> dict[str, Rendition]:
    prefetched = getattr(photo, "_prefetched_objects_cache", {}).get("renditions")
    if prefetched is not None:
        return {r.spec: r for r in prefetched if r.spec in specs}
    cache = _cache()
    found: dict[str, Rendition] = {}
    if cache is not None:
        keys = {_cache_key(photo, spec): spec for spec in specs}
        for key, fields in cache.get_many(list(keys)).items():
            found[keys[key]] = Rendition(photo=photo, **fields)
    rest = [spec for spec in specs if spec not in found]
    if rest:
        for rendition in Rendition.objects.filter(photo=photo, spec__in=rest):
            rendition.photo = photo
            found[rendition.spec] = rendition
            _cache_set(rendition)
    return found


def photo_renditions_make(
    *, photo: Photo, specs: Iterable[str] | None = None
) -> dict[str, Rendition]:
    """Make the renditions `specs` (default: `standard_specs`) of `photo` that do not exist
    yet, decoding the original once. Returns every one asked for. Idempotent: the task
    after upload and the on-demand path may both run it."""
    wanted = [Spec.parse(s) for s in (specs if specs is not None else standard_specs(photo))]
    existing = {
        r.spec: r for r in Rendition.objects.filter(photo=photo, spec__in=[str(s) for s in wanted])
    }
    todo = [spec for spec in wanted if str(spec) not in existing]
    if todo:
        focal, size = photo.focal, (photo.width, photo.height)
        scale = imaging.needed_scale(size, todo, focal)
        with photo_storage().open(photo.file.name, "rb") as original:
            source, stored_size = imaging.open_source(original.read(), scale=scale)
        rights = photo.rights
        for spec in todo:
            make = partial(imaging.render, source, stored_size, spec, focal, rights)
            existing[str(spec)] = _rendition_store(photo, spec, make)
    for rendition in existing.values():
        rendition.photo = photo
    return {str(spec): existing[str(spec)] for spec in wanted}


def _rendition_store(photo: Photo, spec: Spec, make) -> Rendition:
    """Store the rendition `make()` returns, unless another process stored it first."""
    with transaction.atomic():
        # The lock that makes concurrent requests make one file: the second waits here,
        # then finds the first one's rendition. (SQLite's IMMEDIATE transactions serialise
        # writers anyway; select_for_update is what does it on PostgreSQL.)
        Photo.objects.select_for_update().filter(pk=photo.pk).exists()
        if done := Rendition.objects.filter(photo=photo, spec=str(spec)).first():
            return done
        encoded = make()
        name = _file_name(photo, str(spec).rsplit(".", 1)[0], encoded.data, encoded.format)
        with _stored(name, encoded.data) as saved:
            rendition = Rendition.objects.create(
                photo=photo, spec=str(spec), file=saved, width=encoded.width,
                height=encoded.height, format=encoded.format, file_size=len(encoded.data),
            )
    _cache_set(rendition)
    return rendition


def _cache():
    alias = conf.get("PHOTOS_CACHE")
    return caches[alias] if alias else None


def _cache_key(photo: Photo, spec: str) -> str:
    return f"photos:rendition:{photo.key}:{spec}"


def _cache_set(rendition: Rendition) -> None:
    cache = _cache()
    if cache is None:
        return
    fields = {
        "id": rendition.pk, "spec": rendition.spec, "file": rendition.file.name,
        "width": rendition.width, "height": rendition.height, "format": rendition.format,
        "file_size": rendition.file_size,
    }
    transaction.on_commit(
        lambda: cache.set(
            _cache_key(rendition.photo, rendition.spec), fields, conf.get("PHOTOS_CACHE_SECONDS")
        ),
        robust=True,
    )


__all__ = [
    "EDITABLE_FIELDS",
    "ValidationError",
    "files_delete",
    "photo_create_from_upload",
    "photo_delete",
    "photo_renditions_make",
    "photo_update",
    "rendition_get_or_create",
    "renditions_for",
    "srcset_widths",
    "standard_specs",
]
