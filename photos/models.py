"""The photo library: photos with their credits and rights, and their renditions.

`AbstractPhoto` and `AbstractRendition` hold every field and fact; `Photo` adds the
creator as a `contributors.Person`, and `Rendition` ties renditions to `Photo`. Changes
go through `photos.services`; nothing here has side effects in `save()`.

File names are random (`photos/<key>/...`), never the uploader's file name or the photo's
id: a photo used only by a draft cannot be found by guessing its URL.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q

from . import conf
from .metadata import Rights
from .specs import MIME_TYPES, Focal


def photo_storage():
    """The storage photos and renditions are kept in (PHOTOS_STORAGE, a STORAGES alias)."""
    return storages[conf.get("PHOTOS_STORAGE")]


def new_key() -> str:
    return secrets.token_hex(16)


_FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]
_FILE_NAME = re.compile(r"^[\w\-. ]+\.(jpe?g|png|gif|webp|avif|heic|tiff?)$", re.IGNORECASE)


class PhotoQuerySet(models.QuerySet):
    def search(self, query: str) -> PhotoQuerySet:
        """Photos whose title, caption, alt text, credit, creator or file name contain
        every word of `query`."""
        result = self
        for word in query.split():
            result = result.filter(
                Q(title__icontains=word)
                | Q(caption__icontains=word)
                | Q(alt_text__icontains=word)
                | Q(credit__icontains=word)
                | Q(creator_name__icontains=word)
                | Q(creator__name__icontains=word)
                | Q(original_filename__icontains=word)
            )
        return result

    def missing_alt(self) -> PhotoQuerySet:
        """Photos a page cannot show accessibly: no alt text and not marked decorative."""
        return self.filter(decorative=False, alt_text="")

    def with_renditions(self, *specs: str) -> PhotoQuerySet:
        """Prefetch the renditions (all, or those of `specs`), so rendering helpers make no
        query per photo."""
        if not specs:
            return self.prefetch_related("renditions")
        wanted = Rendition.objects.filter(spec__in=specs)
        return self.prefetch_related(Prefetch("renditions", queryset=wanted))


class AbstractPhoto(models.Model):
    class Source(models.TextChoices):
        STAFF = "staff", "Staff photographer"
        AGENCY = "agency", "Agency or wire"
        FREELANCE = "freelance", "Freelance or contributor"
        HANDOUT = "handout", "Handout"
        POOL = "pool", "Pool"
        READER = "reader", "Reader submitted"
        STOCK = "stock", "Stock"
        ARCHIVE = "archive", "Archive"

    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    file = models.FileField(storage=photo_storage, max_length=255, editable=False)
    original_filename = models.CharField(
        max_length=255, blank=True, editable=False,
        help_text="The uploaded file's name (kept for search; never in a public URL).",
    )
    title = models.CharField(max_length=255)
    alt_text = models.CharField(
        "alt text", max_length=500, blank=True,
        help_text="What the photo shows, for readers who cannot see it (about 125 characters; "
        "no “photo of”). Required before a story using the photo is approved, unless "
        "the photo is decorative.",
    )
    decorative = models.BooleanField(
        default=False,
        help_text="Purely decorative: screen readers skip it (alt text stays empty).",
    )
    caption = models.TextField(blank=True)
    credit = models.CharField(
        max_length=255, blank=True,
        help_text="Printed under the photo, e.g. “AP Photo/Hadi Mizban”.",
    )
    creator_name = models.CharField(
        "creator (free text)", max_length=200, blank=True,
        help_text="The photographer, when not a person in the contributors list.",
    )
    copyright_notice = models.CharField(max_length=255, blank=True)
    usage_terms = models.TextField(
        "usage terms", blank=True, help_text="Licence or restrictions, e.g. “NO SALES”."
    )
    license_url = models.URLField("licence URL", blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, blank=True)
    date_taken = models.DateTimeField(null=True, blank=True)
    focal_x = models.FloatField(null=True, blank=True, validators=_FRACTION)
    focal_y = models.FloatField(null=True, blank=True, validators=_FRACTION)
    focal_width = models.FloatField(null=True, blank=True, validators=_FRACTION)
    focal_height = models.FloatField(null=True, blank=True, validators=_FRACTION)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    file_size = models.PositiveBigIntegerField(editable=False)
    format = models.CharField(max_length=10, editable=False)
    animated = models.BooleanField(default=False, editable=False)
    content_hash = models.CharField(
        max_length=64, unique=True, editable=False,
        help_text="SHA-256 of the uploaded file: the same file uploaded again is this photo.",
    )
    embedded_metadata = models.JSONField(
        default=dict, blank=True, editable=False,
        help_text="What the uploaded file said about itself (credits and rights only).",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        alt = self.alt_text.strip()
        if alt and (_FILE_NAME.match(alt) or alt.lower() == self.original_filename.lower()):
            raise ValidationError(
                {"alt_text": "This is a file name, not a description of the photo."}
            )
        if (self.focal_x is None) != (self.focal_y is None):
            raise ValidationError("A focal point needs both x and y (or neither).")

    @property
    def alt(self) -> str:
        """The alt attribute: empty for a decorative photo."""
        return "" if self.decorative else self.alt_text

    @property
    def is_accessible(self) -> bool:
        """True when a page may show the photo: it has alt text or is decorative."""
        return self.decorative or bool(self.alt_text.strip())

    @property
    def focal(self) -> Focal:
        if self.focal_x is None or self.focal_y is None:
            return Focal()
        return Focal(self.focal_x, self.focal_y, self.focal_width or 0.0, self.focal_height or 0.0)

    @property
    def creator_display(self) -> str:
        return self.creator_name

    @property
    def rights(self) -> Rights:
        """What stored files say about who made the photo and on what terms."""
        return Rights(
            creator=self.creator_display,
            credit=self.credit,
            copyright=self.copyright_notice,
            usage_terms=self.usage_terms,
            license_url=self.license_url,
        )


class Photo(AbstractPhoto):
    creator = models.ForeignKey(
        "contributors.Person", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="photos", help_text="The photographer, when in the contributors list.",
    )

    class Meta(AbstractPhoto.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(decorative=False) | Q(alt_text=""),
                name="photos_photo_decorative_has_no_alt",
                violation_error_message=(
                    "A decorative photo has no alt text: clear the alt text, or untick "
                    "“decorative” if the photo tells readers something."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(focal_x__isnull=True, focal_y__isnull=True)
                    | Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1)
                ),
                name="photos_photo_focal_point_inside",
                violation_error_message="The focal point must be inside the photo.",
            ),
        ]

    @property
    def creator_display(self) -> str:
        return self.creator.name if self.creator_id else self.creator_name


class AbstractRendition(models.Model):
    spec = models.CharField(max_length=64)
    file = models.FileField(storage=photo_storage, max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=10)
    file_size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.spec} ({self.width}x{self.height})"

    @property
    def url(self) -> str:
        return self.file.url

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]


class Rendition(AbstractRendition):
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta(AbstractRendition.Meta):
        constraints = [
            models.UniqueConstraint(fields=["photo", "spec"], name="photos_rendition_one_per_spec")
        ]
