"""People and organisations.

A person's title and outlet change over a career, so these models hold only what is
true today; what a person was *for a given story* lives on that story's byline and
credits (see `articles.models.Byline`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class Organisation(models.Model):
    """A news outlet or agency: Military Times, the Associated Press, Reuters."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField(blank=True)
    logo = models.ImageField(upload_to="organisations/", blank=True)
    is_wire_service = models.BooleanField(
        default=False, help_text="Agencies such as AP or Reuters whose copy the newsroom runs."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet):
    def for_user(self, user) -> PersonQuerySet:
        return self.filter(user=user)


class Person(models.Model):
    """Anyone who can be named on a byline or in a credit, with or without an account."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Staff"
        WIRE = "wire", "Wire service"
        GUEST = "guest", "Guest or freelance"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STAFF)
    title = models.CharField(
        max_length=200, blank=True, help_text="Current job title, e.g. “Pentagon bureau chief”."
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="Current outlet.",
    )
    short_bio = models.TextField(blank=True)
    photo = models.ImageField(upload_to="people/", blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributor",
        help_text="The newsroom account of this person, if they have one. The account may "
        "open every story this person is on the byline of.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["name"])]
        permissions = [
            # A byline gives the linked account its story (articles: “my stories”), so
            # linking is a right of its own, held by superusers unless given to a group.
            ("link_person_account", "Can link a person to a newsroom account"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


class SocialLink(models.Model):
    class Platform(models.TextChoices):
        X = "x", "X (Twitter)"
        BLUESKY = "bluesky", "Bluesky"
        MASTODON = "mastodon", "Mastodon"
        THREADS = "threads", "Threads"
        LINKEDIN = "linkedin", "LinkedIn"
        INSTAGRAM = "instagram", "Instagram"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="social_links")
    platform = models.CharField(max_length=20, choices=Platform.choices)
    url = models.URLField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}: {self.url}"
