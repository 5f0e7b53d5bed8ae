from __future__ import annotations

from django.db import models

from .article import Article


class RevisionInfo(models.Model):
    """What the newsroom needs to know about a django-reversion revision of a story:
    which story, its workflow state when it was made, and a hash of its content (equal
    hashes mean a save changed nothing a reader could see)."""

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="article_info"
    )
    article = models.ForeignKey(
        Article, null=True, on_delete=models.SET_NULL, related_name="revision_infos"
    )
    article_key = models.PositiveBigIntegerField(
        db_index=True, help_text="The story's id, kept after the story is deleted."
    )
    class Kind(models.TextChoices):
        EDIT = "edit", "Edit"
        TRANSITION = "transition", "Workflow"
        RESTORE = "restore", "Restore"
        IMPORT = "import", "Import"
        SYSTEM = "system", "System"

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.EDIT)
    status = models.CharField(max_length=20, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-revision_id"]

    def __str__(self) -> str:
        return f"Revision {self.revision_id} of story {self.article_key}"
