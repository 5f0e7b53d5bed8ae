"""House style rule sets that editors manage in the admin, and what checking stories
leaves behind.

A `HouseStyle` is one newsroom's layer over the AP pack: term lists (`HouseTerm`) and
per-rule settings (`RuleSetting`). `apstyle.house_styles` turns the default style into the
engine's immutable `HouseRules`, keyed by a version derived from these rows, so an edit
takes effect on the next check without a deploy.

A `StyleReport` holds the findings for one story revision under one rule-set version; an
`AcceptedFinding` is an editor's "this is right as it is", kept per story by the finding's
fingerprint so it outlives later edits. Both name the story by its id (`article_key`), as
the articles app's own history does, so they survive a story's deletion and recovery and
the models depend on django-reversion only.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .engine import get_rule


class Severity(models.TextChoices):
    ERROR = "error", "Error"
    WARNING = "warning", "Warning"
    SUGGESTION = "suggestion", "Suggestion"


class HouseStyle(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    is_default = models.BooleanField(
        default=False,
        help_text="The rule set used when no other is named. Only one can be the default.",
    )
    edition = models.DateField(
        null=True,
        blank=True,
        help_text="Pin the AP Stylebook edition: rules AP introduced after this date do not fire.",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="apstyle_single_default_style",
            )
        ]

    def __str__(self) -> str:
        return self.name


class HouseTerm(models.Model):
    class Kind(models.TextChoices):
        SUBSTITUTE = "substitute", "Use another term"
        FORBID = "forbid", "Forbidden"
        ALLOW = "allow", "Always allowed (exception)"

    style = models.ForeignKey(HouseStyle, on_delete=models.CASCADE, related_name="terms")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SUBSTITUTE)
    term = models.CharField(max_length=200, help_text="The word or phrase as it appears in copy.")
    replacement = models.CharField(
        max_length=200,
        blank=True,
        help_text="Preferred form(s) for “use another term”; separate several with |.",
    )
    message = models.CharField(
        max_length=300, blank=True, help_text="Shown to the writer; our own words."
    )
    severity = models.CharField(max_length=12, choices=Severity.choices, default=Severity.WARNING)
    case_sensitive = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["style", "kind", "term"], name="apstyle_unique_term_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.term}"

    def clean(self) -> None:
        if self.kind == self.Kind.SUBSTITUTE and not self.replacement.strip():
            raise ValidationError({"replacement": "Give the preferred form."})

    @property
    def replacements(self) -> tuple[str, ...]:
        return tuple(r.strip() for r in self.replacement.split("|") if r.strip())


class RuleSetting(models.Model):
    style = models.ForeignKey(HouseStyle, on_delete=models.CASCADE, related_name="rule_settings")
    rule_id = models.CharField(max_length=40, help_text="A rule id such as AP-NUM-05.")
    enabled = models.BooleanField(
        default=True, help_text="Untick to switch the rule off; tick to switch on an opt-in rule."
    )
    severity = models.CharField(
        max_length=12,
        choices=Severity.choices,
        blank=True,
        help_text="Leave blank to keep the rule's own severity.",
    )
    note = models.CharField(
        max_length=300, blank=True, help_text="Why the newsroom departs from AP here."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rule_id"]
        constraints = [
            models.UniqueConstraint(fields=["style", "rule_id"], name="apstyle_unique_rule_setting")
        ]

    def __str__(self) -> str:
        return self.rule_id

    def clean(self) -> None:
        try:
            get_rule(self.rule_id)
        except KeyError:
            raise ValidationError({"rule_id": "Unknown rule id."}) from None


class StyleReport(models.Model):
    """The findings of one check of one story revision. Written by `apstyle.services`
    only; never shown to readers.

    `findings` is a list of `Finding.to_dict()` dicts plus `target` (which part of the
    story: "headline", "body", "bio.0", ...), `label`, `before`/`after` (plain-text
    context) and, for the HTML body, `source_start`/`source_end` (the span in the HTML).
    """

    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.CASCADE, related_name="style_reports"
    )
    article_key = models.PositiveBigIntegerField(db_index=True, help_text="The story's id.")
    content_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="The revision's content hash (equal text, equal findings).",
    )
    ruleset_version = models.CharField(max_length=100)
    findings = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)
    duration_ms = models.FloatField(default=0)

    class Meta:
        ordering = ["-checked_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "ruleset_version"], name="apstyle_one_report_per_version"
            )
        ]
        indexes = [
            models.Index(
                fields=["article_key", "content_hash", "ruleset_version"],
                name="apstyle_report_content",
            )
        ]

    def __str__(self) -> str:
        return f"Style report on revision {self.revision_id} of story {self.article_key}"

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f["severity"] == severity)

    def finding(self, fingerprint: str) -> dict | None:
        return next((f for f in self.findings if f["fingerprint"] == fingerprint), None)


class AcceptedFinding(models.Model):
    """An editor accepted a finding in a story as correct: it stays accepted across
    edits (matched by fingerprint), no longer blocks approval, and is never auto-fixed."""

    article_key = models.PositiveBigIntegerField(db_index=True, help_text="The story's id.")
    fingerprint = models.CharField(max_length=40)
    rule = models.CharField(max_length=40)
    text = models.CharField(max_length=300, blank=True, help_text="The words the rule flagged.")
    reason = models.CharField(max_length=500, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["article_key", "fingerprint"], name="apstyle_accept_once_per_story"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} “{self.text}” accepted in story {self.article_key}"
