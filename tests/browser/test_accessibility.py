"""The reader pages in a real browser: axe-core finds no violations on the home, section,
story, author and tag pages, on a phone and a desktop; Load More works from the keyboard
and without JavaScript."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY = "/news/us-strike-in-baghdad-kills-leader-of-iran-backed-militia/"
PAGES = ["/", "/section/world/", STORY, "/author/meghann-myers/", "/tag/iraq/"]
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_no_violations(browser, live_server, demo, axe, viewport):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        for path in PAGES:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            results = axe.run(page)
            assert results.violations_count == 0, f"{path}\n{results.generate_report()}"
    finally:
        context.close()


def _related_titles(page) -> list[str]:
    return page.locator("[data-related-list] .related__item a").all_inner_texts()


def test_load_more_from_the_keyboard(page, live_server, demo, settings):
    settings.NEWSROOM_RELATED_PAGE_SIZE = 2
    page.goto(live_server.url + STORY)
    first = _related_titles(page)
    assert len(first) == 2
    for _ in range(200):  # Tab to the button as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-load-more')"):
            break
    else:
        pytest.fail("Load More cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    # Locator waits, not wait_for_function: our CSP forbids the eval it relies on.
    page.locator("[data-related-list] .related__item").nth(2).wait_for()
    assert page.url == live_server.url + STORY  # no page load: appended in place
    titles = _related_titles(page)
    assert titles[:2] == first
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == titles[2]  # focus moves to the first new item
    while page.locator("a[data-load-more]").count():
        count = len(_related_titles(page))
        page.locator("a[data-load-more]").focus()
        page.keyboard.press("Enter")
        page.locator("[data-related-list] .related__item").nth(count).wait_for()
    titles = _related_titles(page)
    assert len(titles) == len(set(titles)) >= 6
    assert page.js_errors == []


def test_load_more_without_javascript(browser, live_server, demo, settings):
    settings.NEWSROOM_RELATED_PAGE_SIZE = 2
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + STORY)
        first = _related_titles(page)
        page.click("a[data-load-more]")
        page.wait_for_url("**/related/?after=*")
        more = _related_titles(page)
        assert more and not set(more) & set(first)
        assert page.locator("h1").inner_text() == "In Other News"
    finally:
        context.close()
