"""Admin for house style rule sets: editors maintain terms and rule settings here."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from reversion.admin import VersionAdmin

from .models import HouseStyle, HouseTerm, RuleSetting


def _rule_choices() -> list[tuple[str, str]]:
    from .engine import all_rules

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
