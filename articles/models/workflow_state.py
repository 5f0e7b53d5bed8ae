from django.db import models


class Status(models.TextChoices):
    """Where the working copy of a story stands. The transitions between these live in
    `articles.workflow`; what readers see is the story's `Publication`, not this."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"
