"""The public record of a story: exactly what readers see, and nothing else.

A `Publication` is written only by the publish service (`articles.services.publishing`),
from an approved revision. Public views, feeds and sitemaps read these rows and never the
working copy, so a draft cannot reach a reader by any path that forgets a filter.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from photos.models import Photo

from ..sanitize import photo_marker
from .taxonomy import Section, Tag


class PublicationQuerySet(models.QuerySet):
    def current(self) -> PublicationQuerySet:
        """Publications not withdrawn: what a story has on the site, or will have once its
        time comes, or had until its take-down time passed (`live()` checks the times)."""
        return self.filter(withdrawn_at__isnull=True)

    def current_for(self, article) -> Publication | None:
        """`article`'s current publication, or None if it was never published or has been
        withdrawn."""
        return self.current().filter(article=article).first()

    def live(self, now=None) -> PublicationQuerySet:
        """Publications a reader may see at `now`. Checks the times as well as the
        withdrawal, so a story goes dark at its unpublish time and never shows before its
        publish or embargo time, whatever the scheduler has or has not done."""
        now = now or timezone.now()
        return self.current().filter(
            Q(visible_from__lte=now), Q(visible_until__isnull=True) | Q(visible_until__gt=now)
        )

    def for_listing(self) -> PublicationQuerySet:
        """With what a list of stories shows: section, ordered bylines and the lead photo
        with its renditions."""
        return self.select_related("section").prefetch_related(
            models.Prefetch(
                "bylines", queryset=PublishedByline.objects.select_related("person")
            ),
            models.Prefetch("lead_photo", queryset=Photo.objects.with_renditions()),
        )

    def showing_photo(self, photo_id: int) -> PublicationQuerySet:
        """Publications that show library photo `photo_id`, as the lead or in the body."""
        return self.filter(Q(lead_photo_id=photo_id) | Q(body__contains=photo_marker(photo_id)))

    def latest_first(self) -> PublicationQuerySet:
        return self.order_by("-published_at", "-id")


class Publication(models.Model):
    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="publication"
    )
    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.PROTECT, related_name="+",
        help_text="The revision readers see.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    headline = models.CharField(max_length=300)
    dek = models.TextField(blank=True)
    body = models.TextField(blank=True)
    dateline = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=16)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="publications")
    tags = models.ManyToManyField(Tag, blank=True, related_name="publications")
    authors = models.ManyToManyField(
        "contributors.Person", through="PublishedByline", related_name="publications"
    )
    # The lead photo, and its alt text, caption and credit as they were published: a later
    # edit in the library reaches readers only when the story is published again. (The
    # pixels are the library's: a new focal point re-crops the renditions everywhere.)
    lead_photo = models.ForeignKey(
        "photos.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_alt = models.CharField(max_length=500, blank=True)
    lead_image_caption = models.TextField(blank=True)
    lead_image_credit = models.CharField(max_length=255, blank=True)
    # The photos in the body (`<figure data-photo-id>`), as published: a list of
    # {"id", "alt", "credit"}; their captions are in the body itself.
    inline_photos = models.JSONField(default=list, blank=True)
    credits = models.JSONField(default=list, blank=True)
    credit_line = models.TextField(blank=True)
    related_links = models.JSONField(default=list, blank=True)
    corrections = models.JSONField(default=list, blank=True)

    published_at = models.DateTimeField(help_text="First publication; never moves.")
    updated_at = models.DateTimeField(null=True, blank=True, help_text="Last public update.")
    visible_from = models.DateTimeField()
    visible_until = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up each time readers see a change; part of cache keys."
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="publication_latest"),
            models.Index(fields=["section", "-published_at", "-id"], name="publication_section"),
            # Newest first with what `live()` checks, so a walk through the archive for one
            # tag's or author's stories reads a story's row only once it is kept (SQLite
            # stores the long body before these columns).
            models.Index(
                fields=["-published_at", "-id", "withdrawn_at", "visible_from", "visible_until"],
                name="publication_live_latest",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("articles:article", kwargs={"slug": self.slug})

    @property
    def is_current(self) -> bool:
        """Not withdrawn (see `PublicationQuerySet.current`)."""
        return self.withdrawn_at is None

    @property
    def is_live(self) -> bool:
        now = timezone.now()
        return (
            self.is_current
            and self.visible_from <= now
            and (self.visible_until is None or self.visible_until > now)
        )

    @property
    def last_modified(self):
        return self.updated_at or self.published_at


class PublishedByline(models.Model):
    """A byline as published: ordered, with the per-story title, outlet and bio line."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="bylines")
    person = models.ForeignKey(
        "contributors.Person", on_delete=models.PROTECT, related_name="published_bylines"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    bio_line = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "person"], name="published_byline_person_once"
            ),
        ]

    def __str__(self) -> str:
        # Ids only: a string for logs and the shell should not cost two queries.
        return f"byline {self.position} of publication {self.publication_id}"
