"""The AP style panel in a real browser: findings highlighted in context, an editor
accepts one, and applying the safe fixes saves a new revision."""

import pytest

from articles.services import latest_revision_info
from tests.apstyle.stories import make_messy_story

from .conftest import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def messy_story(reporter):
    return make_messy_story(reporter)


def test_editor_accepts_a_finding_and_applies_the_safe_fixes(
    page, live_server, messy_story, editor
):
    admin_login(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/apstyle/stylereport/{messy_story.pk}/story/")

    panel = page.locator("#apstyle-panel")
    sept = panel.locator('[data-rule="AP-DATE-03"] .apstyle-finding').first
    mark = sept.locator("mark")
    assert mark.inner_text() == "Sept"
    assert mark.is_visible()
    background = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert "The council met Sept 5, 2024" in sept.locator(".apstyle-context").inner_text()
    assert panel.locator(".apstyle-summary").inner_text().count("5 errors") == 1

    sept.locator("input[name=reason]").fill("Our house spelling")
    sept.locator("button:has-text('Accept')").click()
    page.wait_for_selector(".messagelist .success")
    group = page.locator('#apstyle-panel [data-rule="AP-DATE-03"]')
    assert group.get_attribute("open") is None  # nothing open left in it: folded away
    group.locator("summary").click()
    assert (
        "Accepted by editor: Our house spelling" in group.locator(".apstyle-finding").inner_text()
    )
    assert "4 errors" in page.locator(".apstyle-summary").inner_text()

    page.click("#apstyle-panel button:has-text('Apply 3 safe fixes')")
    page.wait_for_selector(".messagelist .success")
    assert "Applied 3 safe fixes as revision" in page.locator(".messagelist").inner_text()

    messy_story.refresh_from_db()
    assert "Sept 5" in messy_story.body  # accepted, so left as it was
    assert "grows by 5%" in messy_story.body
    assert messy_story.dek == "The city will spend 5% more."
    assert latest_revision_info(messy_story).revision.comment.startswith("AP style fixes:")
    # Left: the doubled word across markup, for a person to fix.
    summary = page.locator(".apstyle-summary").inner_text()
    assert "1 error," in summary and "1 accepted" in summary
    assert page.locator("#apstyle-panel button:has-text('safe fix')").count() == 0
    assert page.js_errors == []


def test_a_reporter_sees_the_panel_without_accept_buttons(page, live_server, messy_story):
    admin_login(page, live_server, "reporter")
    page.goto(f"{live_server.url}/admin/apstyle/stylereport/{messy_story.pk}/story/")
    assert page.locator("#apstyle-panel mark").count() >= 5
    assert page.locator("#apstyle-panel .apstyle-accept").count() == 0
    assert page.locator("#apstyle-panel button:has-text('Apply 4 safe fixes')").is_visible()


def _no_sideways_scroll(page) -> None:
    """Neither the page nor the style panel is wider than the viewport."""
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator("#apstyle-side").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_the_change_form_shows_the_findings_beside_the_body_and_fixes_one(
    page, live_server, messy_story, reporter, tmp_path
):
    admin_login(page, live_server, "reporter")
    page.goto(f"{live_server.url}/admin/articles/article/{messy_story.pk}/change/")
    assert page.locator("#apstyle-panel").count() == 1  # beside the body, not also below

    side = page.locator("#apstyle-side")
    sept = side.locator('[data-rule="AP-DATE-03"] .apstyle-finding').first
    mark = sept.locator("mark")
    assert mark.inner_text() == "Sept"
    assert mark.is_visible()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    # Beside the body on a wide screen: the panel's column starts right of the form's.
    body_box = page.locator(".form-row.field-body").bounding_box()
    side_box = side.bounding_box()
    assert side_box["x"] >= body_box["x"] + body_box["width"]
    assert side_box["y"] < body_box["y"] + body_box["height"]
    _no_sideways_scroll(page)
    page.screenshot(path=tmp_path / "change_form_1280.png", full_page=True)

    sept.locator("button:has-text('Apply this fix')").click()
    page.wait_for_selector(".messagelist .success")
    assert "Applied 1 safe fix as revision" in page.locator(".messagelist").inner_text()
    assert page.url.endswith(f"/admin/articles/article/{messy_story.pk}/change/")
    messy_story.refresh_from_db()
    assert "Sept. 5" in messy_story.body
    assert "grows by 5 percent" in messy_story.body  # the other fixes wait for their own click
    assert latest_revision_info(messy_story).revision.comment.startswith(
        "AP style fixes: AP-DATE-03"
    )
    assert page.locator('#apstyle-side [data-rule="AP-DATE-03"]').count() == 0
    assert page.locator("#apstyle-side button:has-text('Apply 3 safe fixes')").is_visible()

    for width, height in ((390, 844), (768, 1024)):
        page.set_viewport_size({"width": width, "height": height})
        page.reload()
        assert page.locator("#apstyle-side mark").first.is_visible()
        _no_sideways_scroll(page)
        page.screenshot(path=tmp_path / f"change_form_{width}.png", full_page=True)
    assert all((tmp_path / f"change_form_{w}.png").stat().st_size > 0 for w in (390, 768, 1280))
    assert page.js_errors == []


def test_the_change_form_of_a_new_story_has_no_style_panel(page, live_server, reporter):
    admin_login(page, live_server, "reporter")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    assert page.locator("#id_headline").is_visible()
    assert page.locator("#apstyle-side").count() == 0
