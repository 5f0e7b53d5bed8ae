"""The whole editorial path in a real browser: a reporter drafts and submits, an editor asks
for changes, the reporter revises and resubmits, the editor compares the two versions,
approves and publishes; the reporter edits again, and an anonymous reader keeps seeing the
approved text until the editor publishes the new version."""

import os

import pytest

from articles.models import Article, RevisionInfo, Status
from tests.factories import SectionFactory

from .conftest import admin_login, choose_autocomplete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Army misses its recruiting goal for a second year"
SHOTS = os.environ.get("NEWSROOM_SCREENSHOTS")  # a folder, to look at the pages afterwards


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def desk_page(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    admin_login(page, live_server, username)
    return page


def press(page, action):
    """Press a workflow button on the change page and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(f"form[data-workflow-action={action}] button[type=submit]")
    assert page.locator(".messagelist .error").count() == 0, page.locator(
        ".messagelist"
    ).inner_text()


def status_of(page):
    return page.locator("#workflow [data-status]").get_attribute("data-status")


def body_editor(page):
    return page.locator(".field-body .ProseMirror[contenteditable=true]")


def save_and_continue(page, comment):
    page.fill("#id_revision_comment", comment)
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".messagelist .success").count() == 1, page.content()[:2000]


def test_reporter_and_editor_take_a_story_from_draft_to_live_and_on(
    browser, live_server, reporter, editor
):
    SectionFactory(name="World", slug="world")

    # A reporter drafts the story and submits it.
    desk = desk_page(browser, live_server, "reporter")
    desk.goto(f"{live_server.url}/admin/articles/article/add/")
    desk.fill("#id_headline", HEADLINE)
    choose_autocomplete(desk, "id_section", "World")
    body_editor(desk).click()
    body_editor(desk).type("The Army fell short of its recruiting goal, officials said.")
    choose_autocomplete(desk, "id_bylines-0-person", "Rita Reporter")
    save_and_continue(desk, "First draft")
    article = Article.objects.get(headline=HEADLINE)
    change_url = desk.url
    assert {f"{b}" for b in ("approve", "publish")}.isdisjoint(
        desk.locator("form[data-workflow-action]").evaluate_all(
            "fs => fs.map(f => f.dataset.workflowAction)"
        )
    )
    press(desk, "submit")
    assert status_of(desk) == Status.SUBMITTED
    first_submission = (
        RevisionInfo.objects.filter(article_key=article.pk).order_by("-revision_id").first()
    )

    # The editor finds it in the review queue and asks for changes.
    chief = desk_page(browser, live_server, "editor")
    chief.goto(f"{live_server.url}/admin/")
    with chief.expect_navigation():
        chief.click(f"#review-queue a:has-text('{HEADLINE}')")
    chief.fill("#comment-request_changes", "Add the shortfall figure and a second source.")
    press(chief, "request_changes")
    assert status_of(chief) == Status.CHANGES_REQUESTED

    # The reporter sees the request at the top, revises and resubmits.
    desk.goto(change_url)
    assert (
        "Add the shortfall figure and a second source."
        in desk.locator("#change-request").inner_text()
    )
    shot(desk, "1-change-requested")
    body_editor(desk).click()
    desk.keyboard.press("Control+End")
    desk.keyboard.type(" It missed by 10,000 recruits, a second official confirmed.")
    save_and_continue(desk, "Added the figure and a second source")
    assert desk.locator("#change-request").count() == 1  # answered only by resubmitting
    press(desk, "submit")
    assert desk.locator("#change-request").count() == 0
    second_submission = (
        RevisionInfo.objects.filter(article_key=article.pk).order_by("-revision_id").first()
    )

    # The editor compares the two submitted versions, approves the second, and publishes.
    chief.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    chief.check(f"input[name=a][value='{first_submission.revision_id}']")
    chief.check(f"input[name=b][value='{second_submission.revision_id}']")
    shot(chief, "2-history")
    with chief.expect_navigation():
        chief.click("text=Compare selected revisions")
    body = chief.locator("tbody[data-field=Body]")
    assert (
        "It missed by 10,000 recruits, a second official confirmed."
        in body.locator("ins").inner_text()
    )
    assert body.locator("del").count() == 0
    shot(chief, "3-compare")
    with chief.expect_navigation():
        chief.click(f"text=Approve revision #{second_submission.revision_id}")
    assert chief.locator(".messagelist .success").count() == 1
    chief.goto(change_url)
    assert status_of(chief) == Status.APPROVED
    press(chief, "publish")
    assert status_of(chief) == Status.PUBLISHED
    shot(chief, "4-published")

    reader_context = browser.new_context()
    reader = reader_context.new_page()
    reader.goto(f"{live_server.url}/news/{article.slug}/")
    assert reader.locator("h1").inner_text() == HEADLINE
    assert "a second official confirmed" in reader.locator(".story__body").inner_text()

    # The reporter edits the live story: readers keep the approved text.
    desk.goto(change_url)
    desk.fill("#id_headline", HEADLINE + ", Pentagon says")
    save_and_continue(desk, "Attribution in the headline")
    assert status_of(desk) == Status.DRAFT
    reader.reload()
    assert reader.locator("h1").inner_text() == HEADLINE

    press(desk, "submit")
    chief.goto(change_url)
    press(chief, "approve")
    reader.reload()
    assert reader.locator("h1").inner_text() == HEADLINE  # approved is not yet published
    press(chief, "publish")
    reader.reload()
    assert reader.locator("h1").inner_text() == HEADLINE + ", Pentagon says"

    assert not desk.js_errors and not chief.js_errors
    reader_context.close()
    desk.context.close()
    chief.context.close()


def test_two_people_editing_at_once_lose_nothing(browser, live_server, reporter, editor):
    from articles.services import article_commit_edit
    from tests.factories import ArticleFactory

    article = ArticleFactory(
        headline="Coalition talks stall",
        dek="No deal yet.",
        authors=[reporter.contributor],
        created_by=reporter,
    )
    article_commit_edit(article=article, user=reporter, comment="First draft")
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    desk = desk_page(browser, live_server, "reporter")
    chief = desk_page(browser, live_server, "editor")
    desk.goto(url)
    chief.goto(url)

    chief.fill("#id_dek", "Talks resume Monday.")
    save_and_continue(chief, "New dek")

    desk.fill("#id_headline", "Coalition talks stall again")
    desk.fill("#id_revision_comment", "Sharper headline")
    with desk.expect_navigation():
        desk.click("input[name=_continue]")
    notice = desk.locator("#edit-conflict")
    assert "editor saved this story" in notice.inner_text()
    assert "Talks resume Monday" in notice.locator("tbody[data-field=Dek] ins").inner_text()
    assert desk.input_value("#id_headline") == "Coalition talks stall again"  # my work is kept
    shot(desk, "5-conflict")

    desk.fill("#id_dek", "Talks resume Monday.")  # merge their change
    save_and_continue(desk, "Sharper headline, their dek kept")
    article.refresh_from_db()
    assert (article.headline, article.dek) == (
        "Coalition talks stall again",
        "Talks resume Monday.",
    )
    assert not desk.js_errors and not chief.js_errors
    desk.context.close()
    chief.context.close()
