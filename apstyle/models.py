"""House style rule sets that editors manage in the admin.

A `HouseStyle` is one newsroom's layer over the AP pack: term lists (`HouseTerm`) and
per-rule settings (`RuleSetting`). `apstyle.houserules` turns the default style into the
engine's immutable `HouseRules`, keyed by a version derived from these rows, so an edit
takes effect on the next check without a deploy.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


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
        from .engine import get_rule

        try:
            get_rule(self.rule_id)
        except KeyError:
            raise ValidationError({"rule_id": "Unknown rule id."}) from None
