"""The story as the newsroom edits it: the working copy and its ordered parts.

Readers never see these rows directly. Publishing copies an approved revision of them
into a `Publication`, so edits to a live story stay private until they are published.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import DateTimeField, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from .. import conf
from ..sanitize import BODY_EXTENSIONS, photo_marker, sanitize_body
from .publication import Publication
from .taxonomy import Section, Tag
from .workflow_records import ArticleEvent
from .workflow_state import Status


def body_length_refusal(body: str) -> str | None:
    """Why `body` (stored HTML) is too long to keep, or None. One limit,
    NEWSROOM_MAX_BODY_CHARS, for the admin, the importer and every service that saves."""
    limit = conf.get("NEWSROOM_MAX_BODY_CHARS")
    if len(body or "") <= limit:
        return None
    return (
        f"The body is {len(body):,} characters; the limit is {limit:,}. Split the story or cut it."
    )


def _own_stories(user) -> Q:
    """Stories `user` created or is on the byline of."""
    return Q(created_by=user) | Q(
        pk__in=Byline.objects.filter(person__user=user).values("article_id")
    )


# Stories with a current publication (`PublicationQuerySet.current`): on the site, or due on
# it at their time. Both conditions: a story never published has no row to be withdrawn.
HAS_CURRENT_PUBLICATION = Q(publication__isnull=False, publication__withdrawn_at__isnull=True)

# On the schedule (see `ArticleQuerySet.scheduled_for_publication` and its neighbours).
_SCHEDULED = Q(scheduled_revision__isnull=False, publish_at__isnull=False)
_TAKEDOWN_PENDING = Q(unpublish_at__isnull=False) & HAS_CURRENT_PUBLICATION


class ArticleQuerySet(models.QuerySet):
    def editable_by(self, user) -> ArticleQuerySet:
        """Stories `user` may open in the admin: every story for editors, otherwise their
        own."""
        if user.has_perm("articles.change_any_article"):
            return self
        return self.filter(_own_stories(user))

    def showing_photo(self, photo_id: int) -> ArticleQuerySet:
        """Stories whose working copy shows library photo `photo_id`, as the lead or in
        the body."""
        return self.filter(Q(lead_photo_id=photo_id) | Q(body__contains=photo_marker(photo_id)))

    def owned_by(self, user) -> ArticleQuerySet:
        """Stories `user` created or is on the byline of: “my stories”."""
        return self.filter(_own_stories(user))

    def with_submitted_at(self) -> ArticleQuerySet:
        """Annotated with `submitted_at`, when the story was last submitted for review."""
        last_submit = ArticleEvent.objects.filter(
            article_key=models.OuterRef("pk"), action="submit"
        ).order_by("-created_at", "-id")
        return self.annotate(submitted_at=models.Subquery(last_submit.values("created_at")[:1]))

    def review_queue(self) -> ArticleQuerySet:
        """Stories waiting for an editor, the longest-waiting first."""
        return (
            self.filter(status=Status.SUBMITTED)
            .with_submitted_at()
            .order_by(models.F("submitted_at").asc(nulls_first=True), "pk")
        )

    def linkable_by(self, user, *, from_article=None) -> ArticleQuerySet:
        """Stories `user` may pick as a related link: their own and every published one,
        never someone else's draft; with `from_article` (an id), also the stories that story
        already links to (an editor may have linked one that is not live yet)."""
        if user.has_perm("articles.change_any_article"):
            return self
        allowed = _own_stories(user) | HAS_CURRENT_PUBLICATION
        if from_article is not None:
            allowed |= Q(
                pk__in=RelatedLink.objects.filter(article_id=from_article).values("target_id")
            )
        return self.filter(allowed)

    # The schedule. A story is scheduled when it has a `scheduled_revision` and a
    # `publish_at`; it is *due* at the later of `publish_at` and `embargo_until`, so an
    # embargo moved after scheduling holds the story back instead of being broken. A story
    # with a current publication and an `unpublish_at` comes down then.

    def with_due(self) -> ArticleQuerySet:
        """Annotated with `due`, when a scheduled story may go live (`Article.publish_due_at`;
        None for a story not scheduled)."""
        return self.annotate(
            due=Greatest(
                "publish_at", Coalesce("embargo_until", "publish_at"), output_field=DateTimeField()
            )
        )

    def scheduled_for_publication(self) -> ArticleQuerySet:
        """Scheduled stories, annotated with `due`."""
        return self.filter(_SCHEDULED).with_due()

    def on_the_schedule(self) -> ArticleQuerySet:
        """Stories with a publication or a take-down time ahead (the admin's Scheduled
        list), annotated with `due`."""
        return self.filter(_SCHEDULED | _TAKEDOWN_PENDING).with_due()

    def publications_due(self, now: datetime) -> ArticleQuerySet:
        """Scheduled stories whose time has come (annotated with `due`), earliest first."""
        return (
            self.scheduled_for_publication()
            .filter(publish_at__lte=now, due__lte=now)
            .order_by("due", "pk")
        )

    def publications_between(self, after: datetime, until: datetime) -> ArticleQuerySet:
        """Scheduled stories due in (`after`, `until`], earliest first."""
        return (
            self.scheduled_for_publication()
            .filter(publish_at__lte=until, due__gt=after, due__lte=until)
            .order_by("due", "pk")
        )

    def scheduled_for_takedown(self) -> ArticleQuerySet:
        """Stories with a current publication and a take-down time."""
        return self.filter(_TAKEDOWN_PENDING)

    def unpublications_due(self, now: datetime) -> ArticleQuerySet:
        """Stories whose take-down time has come, earliest first."""
        return (
            self.scheduled_for_takedown()
            .filter(unpublish_at__lte=now)
            .order_by("unpublish_at", "pk")
        )

    def unpublications_between(self, after: datetime, until: datetime) -> ArticleQuerySet:
        """Stories due to come down in (`after`, `until`], earliest first."""
        return (
            self.scheduled_for_takedown()
            .filter(unpublish_at__gt=after, unpublish_at__lte=until)
            .order_by("unpublish_at", "pk")
        )


class Article(models.Model):
    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of the story's web address."
    )
    dek = models.TextField(
        "dek", blank=True, help_text="The summary line under the headline, also used in feeds."
    )
    body = ProseEditorField(extensions=BODY_EXTENSIONS, sanitize=sanitize_body, blank=True)
    dateline = models.CharField(
        max_length=100, blank=True, help_text="Where the story was reported, e.g. BAGHDAD."
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    language = models.CharField(max_length=16, default=settings.LANGUAGE_CODE)

    lead_photo = models.ForeignKey(
        "photos.Photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_of_articles",
        verbose_name="lead photo",
        help_text="A photo from the library (the magnifier opens the library's chooser), "
        "shown above the story and in shares and search. Its alt text and credit are the "
        "library's.",
    )
    lead_photo_caption = models.TextField(
        "caption for this story",
        blank=True,
        help_text="Leave empty to use the photo's caption from the library.",
    )

    status = models.CharField(
        # No index of its own: `article_status_recent` (status, -updated_at, -id) serves it.
        max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    edit_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Goes up with every saved change; guards against "
        "one person's save silently overwriting another's.",
    )
    approved_revision = models.ForeignKey(
        "reversion.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The revision an editor approved; it is what goes live when published.",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    scheduled_revision = models.ForeignKey(
        "reversion.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="When the scheduled revision goes live.",
    )
    unpublish_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="When the story comes down.",
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Nobody can publish the story before this time.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            # The admin's change list: newest changes first (it adds -id for a stable order).
            models.Index(fields=["-updated_at", "-id"], name="article_recent"),
            # The same list filtered by state or by section.
            models.Index(fields=["status", "-updated_at", "-id"], name="article_status_recent"),
            models.Index(fields=["section", "-updated_at", "-id"], name="article_section_recent"),
        ]
        permissions = [
            ("change_any_article", "Can edit every story, not only their own"),
            ("submit_article", "Can submit a story for review"),
            ("review_article", "Can request changes to or approve a story"),
            ("publish_article", "Can publish, schedule and unpublish a story"),
            ("share_article", "Can create share-draft links"),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs):
        # Whatever HTML is stored is sanitised, however it arrived (form, importer, shell).
        self.body = sanitize_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """Where "view on site" leads: the story's live page while readers can see it,
        otherwise its preview in the admin, which checks who is asking. Never the address
        an unpublished story would have: the admin's /r/<type>/<id>/ shortcut redirects any
        staff member to this URL, and a draft's slug tells its headline."""
        publication = Publication.objects.live().filter(article_id=self.pk).only("slug").first()
        if publication is not None:
            return publication.get_absolute_url()
        return reverse("admin:articles_article_preview", kwargs={"object_id": self.pk})

    def public_path(self) -> str:
        """The path the story has, or will have, on the public site (for trusted callers
        such as the importer's output; readers get a 404 there until it is live)."""
        return reverse("articles:article", kwargs={"slug": self.slug})

    @property
    def is_live(self) -> bool:
        publication = getattr(self, "publication", None)
        return publication is not None and publication.is_live

    @property
    def publish_due_at(self) -> datetime | None:
        """When the scheduled revision may go live: `publish_at`, or the end of the embargo
        if that is later. None when the story is not scheduled."""
        if self.scheduled_revision_id is None or self.publish_at is None:
            return None
        if self.embargo_until and self.embargo_until > self.publish_at:
            return self.embargo_until
        return self.publish_at

    def clean(self) -> None:
        """What a form can check before anything is saved: the body's length, and that
        the address is not that of another story's publication (it would be refused only
        at publication time otherwise). Uniqueness among working copies is the model's."""
        super().clean()
        errors = {}
        refusal = body_length_refusal(sanitize_body(self.body))
        if refusal:
            errors["body"] = refusal
        if self.slug and (
            Publication.objects.filter(slug=self.slug).exclude(article_id=self.pk).exists()
        ):
            # Naming that story would tell whoever is typing the headline of a story they
            # may not see (withdrawn, or not live until an embargo lifts).
            errors["slug"] = f"The address “{self.slug}” is taken by another story; choose another."
        if errors:
            raise ValidationError(errors)


class Byline(models.Model):
    """One author of one story, with the title and outlet they held for that story."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    person = models.ForeignKey(
        "contributors.Person", on_delete=models.PROTECT, related_name="bylines"
    )
    title = models.CharField(
        max_length=200, blank=True, help_text="Title for this story, e.g. “Pentagon bureau chief”."
    )
    organisation = models.ForeignKey(
        "contributors.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="outlet",
    )
    bio_line = models.TextField(
        blank=True,
        help_text="Shown under the story, e.g. “Meghann Myers is the Pentagon bureau chief at "
        "Military Times. She covers …”",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="byline_person_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.article_id})"


class Credit(models.Model):
    """Someone who contributed reporting: “Associated Press staff writer Ali Jabar in
    Baghdad”. A credit names a person, an organisation, or both."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(
        "contributors.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credits",
    )
    organisation = models.ForeignKey(
        "contributors.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(
        max_length=100, blank=True, help_text="Singular and lowercase: “staff writer”."
    )
    location = models.CharField(max_length=100, blank=True, help_text="e.g. Baghdad")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organisation__isnull=False),
                name="credit_names_someone",
            ),
        ]

    def __str__(self) -> str:
        return " ".join(str(x) for x in (self.organisation, self.role, self.person) if x)


class RelatedLink(models.Model):
    """A curated “In Other News” link: another story of ours, or an external page."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="linked_from",
        help_text="One of our stories. It is shown only while it is live.",
    )
    url = models.URLField("external URL", blank=True, max_length=500)
    title = models.CharField(max_length=300, blank=True, help_text="Required for an external URL.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target__isnull=False) & Q(url=""))
                | (Q(target__isnull=True) & ~Q(url="") & ~Q(title="")),
                name="related_link_internal_xor_external",
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(self.target)


class Correction(models.Model):
    """A dated note telling readers what was wrong and what was fixed."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    note = models.TextField()
    noted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["noted_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.noted_at:%Y-%m-%d}"
