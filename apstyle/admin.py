"""Admin for house style rule sets (editors maintain terms and rule settings here), the
stored style reports and accepted findings, and the per-story style page."""

from __future__ import annotations

import functools

from django import forms
from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from articles.admin.readonly import ReadOnlyModelAdmin

from . import admin_views
from .engine import all_rules
from .models import AcceptedFinding, HouseStyle, HouseTerm, RuleSetting, StyleReport


def _rule_choices() -> list[tuple[str, str]]:
    return [(r.id, f"{r.id} — {r.message}") for r in all_rules()] + [
        ("NR-HOUSE-TERM", "NR-HOUSE-TERM — house substitutions"),
        ("NR-HOUSE-FORBIDDEN", "NR-HOUSE-FORBIDDEN — house forbidden words"),
    ]


class RuleSettingForm(forms.ModelForm):
    rule_id = forms.ChoiceField(choices=_rule_choices, label="Rule")

    class Meta:
        model = RuleSetting
        fields = ["rule_id", "enabled", "severity", "note"]


class HouseTermInline(admin.TabularInline):
    model = HouseTerm
    extra = 1
    fields = ["kind", "term", "replacement", "severity", "case_sensitive", "message"]


class RuleSettingInline(admin.TabularInline):
    model = RuleSetting
    form = RuleSettingForm
    extra = 1


@admin.register(HouseStyle)
class HouseStyleAdmin(VersionAdmin):
    list_display = ["name", "is_default", "edition", "updated_at"]
    list_filter = ["is_default"]
    search_fields = ["name", "terms__term"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HouseTermInline, RuleSettingInline]


@admin.register(StyleReport)
class StyleReportAdmin(ReadOnlyModelAdmin):
    """Stored reports, read-only (editors). Also hosts the per-story style page and its
    actions (`apstyle.admin_views`), which have their own permission checks."""

    list_display = ["__str__", "article_key", "errors", "warnings", "ruleset_version", "checked_at"]
    list_filter = ["ruleset_version", "checked_at"]
    search_fields = ["=article_key", "=revision__id"]
    readonly_fields = ["story_link"]
    fields = [
        "story_link",
        "revision",
        "article_key",
        "content_hash",
        "ruleset_version",
        "checked_at",
        "duration_ms",
        "findings",
    ]

    @admin.display(description="errors")
    def errors(self, obj: StyleReport) -> int:
        return obj.count("error")

    @admin.display(description="warnings")
    def warnings(self, obj: StyleReport) -> int:
        return obj.count("warning")

    @admin.display(description="story")
    def story_link(self, obj: StyleReport) -> str:
        url = reverse("admin:apstyle_stylereport_story", args=[obj.article_key])
        return format_html('<a href="{}">AP style of story {}</a>', url, obj.article_key)

    def get_urls(self):
        def view(function, **kwargs):
            return self.admin_site.admin_view(functools.partial(function, **kwargs))

        return [
            path(
                "<int:article_id>/story/",
                view(admin_views.story_style, admin_site=self.admin_site),
                name="apstyle_stylereport_story",
            ),
            path(
                "<int:article_id>/story/accept/",
                view(admin_views.accept),
                name="apstyle_stylereport_accept",
            ),
            path(
                "<int:article_id>/story/apply-fixes/",
                view(admin_views.apply_fixes),
                name="apstyle_stylereport_apply_fixes",
            ),
            path(
                "<int:article_id>/story/approve/",
                view(admin_views.approve_override),
                name="apstyle_stylereport_approve",
            ),
            *super().get_urls(),
        ]


@admin.register(AcceptedFinding)
class AcceptedFindingAdmin(admin.ModelAdmin):
    """Findings editors accepted. Accepting happens on the style panel; deleting one here
    reopens the finding in the story."""

    list_display = ["rule", "text", "article_key", "accepted_by", "reason", "accepted_at"]
    list_filter = ["rule"]
    list_select_related = ["accepted_by"]
    search_fields = ["=article_key", "rule", "text", "reason"]
    readonly_fields = [
        "article_key",
        "fingerprint",
        "rule",
        "text",
        "reason",
        "accepted_by",
        "accepted_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
