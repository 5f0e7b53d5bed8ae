"""House rules from the database: building, versioning and caching."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("django")
from django.apps import apps

if not apps.ready or not apps.is_installed("apstyle"):
    pytest.skip("apstyle is not in INSTALLED_APPS yet", allow_module_level=True)

from django.core.exceptions import ValidationError

from apstyle import house_rules_from_db, ruleset_version
from apstyle.engine import RULEPACK_VERSION, Severity, check_text, get_checker
from apstyle.models import HouseStyle, HouseTerm, RuleSetting

pytestmark = pytest.mark.django_db


@pytest.fixture
def style() -> HouseStyle:
    return HouseStyle.objects.create(name="Metro desk", slug="metro", is_default=True)


def test_no_style_means_ap_only() -> None:
    assert house_rules_from_db() is None
    assert ruleset_version() == f"{RULEPACK_VERSION}:ap"


def test_builds_house_rules_from_rows(style) -> None:
    HouseTerm.objects.create(
        style=style, kind="substitute", term="militant", replacement="fighter|gunman"
    )
    HouseTerm.objects.create(
        style=style, kind="forbid", term="slammed", severity="error", message="Say criticized."
    )
    HouseTerm.objects.create(style=style, kind="allow", term="war planes")
    RuleSetting.objects.create(style=style, rule_id="AP-READ-01", enabled=False)
    RuleSetting.objects.create(style=style, rule_id="AP-ORG-04", enabled=True)
    RuleSetting.objects.create(style=style, rule_id="AP-PLACE-05", severity="warning")
    house = house_rules_from_db()
    assert house.substitutions[0].replacements == ("fighter", "gunman")
    assert house.forbidden[0].severity is Severity.ERROR
    assert house.allowed == ("war planes",)
    assert "AP-READ-01" in house.disabled and "AP-ORG-04" in house.enabled
    findings = check_text(
        "The militant slammed war planes over 100 US-led jets.", house_rules=house
    )
    by_rule = {f.rule: f for f in findings}
    assert set(by_rule) == {"NR-HOUSE-TERM", "NR-HOUSE-FORBIDDEN", "AP-ORG-04", "AP-PLACE-05"}
    assert by_rule["AP-PLACE-05"].severity is Severity.WARNING


def test_version_changes_on_edit_add_and_delete_and_cache_is_reused(style) -> None:
    v1 = ruleset_version()
    first = house_rules_from_db()
    assert house_rules_from_db() is first and ruleset_version() == v1
    assert get_checker(first) is get_checker(house_rules_from_db())
    term = HouseTerm.objects.create(style=style, kind="forbid", term="slammed")
    v2 = ruleset_version()
    assert v2 != v1
    term.severity = "error"
    term.save()
    v3 = ruleset_version()
    assert v3 != v2
    term.delete()
    assert ruleset_version() not in (v2, v3)
    style.edition = date(2018, 1, 1)
    style.save()
    assert house_rules_from_db().edition == date(2018, 1, 1)


def test_named_style_and_validation(style) -> None:
    other = HouseStyle.objects.create(name="Sports", slug="sports")
    RuleSetting.objects.create(style=other, rule_id="AP-NUM-01", enabled=False)
    assert "AP-NUM-01" in house_rules_from_db("sports").disabled
    assert "AP-NUM-01" not in house_rules_from_db().disabled
    with pytest.raises(ValidationError):
        RuleSetting(style=style, rule_id="AP-NOPE-99").full_clean()
    with pytest.raises(ValidationError):
        HouseTerm(style=style, kind="substitute", term="x").full_clean()


def test_admin_registered() -> None:
    from django.contrib import admin

    assert admin.site.is_registered(HouseStyle)


def test_admin_pages_render_and_save_a_style(admin_client) -> None:
    from django.urls import reverse

    assert admin_client.get(reverse("admin:apstyle_housestyle_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:apstyle_housestyle_add")).status_code == 200
    data = {
        "name": "Copy desk",
        "slug": "copy-desk",
        "is_default": "on",
        "edition": "",
        "notes": "",
        "terms-TOTAL_FORMS": "1",
        "terms-INITIAL_FORMS": "0",
        "terms-0-kind": "forbid",
        "terms-0-term": "slammed",
        "terms-0-replacement": "",
        "terms-0-severity": "error",
        "terms-0-message": "",
        "rule_settings-TOTAL_FORMS": "1",
        "rule_settings-INITIAL_FORMS": "0",
        "rule_settings-0-rule_id": "AP-READ-01",
        "rule_settings-0-severity": "",
        "rule_settings-0-note": "Features desk",
    }
    response = admin_client.post(reverse("admin:apstyle_housestyle_add"), data)
    assert response.status_code == 302, response.content[:2000]
    house = house_rules_from_db()
    assert house.forbidden[0].term == "slammed"
    assert "AP-READ-01" in house.disabled  # "enabled" left unticked switches it off
