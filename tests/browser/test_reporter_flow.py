"""A reporter drafts a complete story in the admin; a reader reads it after publication."""

import pytest

from articles.models import Article
from tests.conftest import publish
from tests.factories import ArticleFactory, OrganisationFactory, PersonFactory, SectionFactory

from .conftest import admin_login, choose_autocomplete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reporter_drafts_in_admin_and_reader_loads_more(page, live_server, reporter):
    world = SectionFactory(name="World", slug="world")
    PersonFactory(name="Tara Copp", slug="tara-copp")
    OrganisationFactory(name="Associated Press", slug="associated-press")
    PersonFactory(name="Ali Jabar", slug="ali-jabar")
    # Enough live stories in the section for two pages of In Other News.
    for n in range(8):
        publish(ArticleFactory(headline=f"Earlier story {n}", slug=f"earlier-{n}", section=world))
    target = Article.objects.get(slug="earlier-0")

    admin_login(page, live_server, "reporter")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Reporter drafts a story in the browser")
    page.fill("#id_dek", "Written end to end in the admin.")
    choose_autocomplete(page, "id_section", "World")
    page.fill("#id_dateline", "BAGHDAD")
    editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
    editor.click()
    editor.type("The first paragraph of the story.")
    editor.press("Enter")
    editor.type("A second paragraph with more detail.")

    # Two bylines: the reporter and a colleague.
    choose_autocomplete(page, "id_bylines-0-person", "Rita Reporter")
    page.fill("#id_bylines-0-title", "staff writer")
    page.click("#bylines-group .add-row a")
    choose_autocomplete(page, "id_bylines-1-person", "Tara Copp")
    page.fill("#id_bylines-1-position", "1")
    page.fill("#id_bylines-1-bio_line", "Tara Copp covers the Pentagon.")

    page.click("#credits-group .add-row a")
    choose_autocomplete(page, "id_credits-0-organisation", "Associated Press")
    page.fill("#id_credits-0-role", "staff writer")
    choose_autocomplete(page, "id_credits-0-person", "Ali Jabar")
    page.fill("#id_credits-0-location", "Baghdad")

    page.click("#related_links-group .add-row a")
    choose_autocomplete(page, "id_related_links-0-target", "Earlier story 0")

    page.fill("#id_revision_comment", "First draft")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    article = Article.objects.get(headline="Reporter drafts a story in the browser")
    assert [b.person.name for b in article.bylines.all()] == ["Rita Reporter", "Tara Copp"]
    assert article.credits.get().location == "Baghdad"
    assert article.related_links.get().target == target

    # Not public yet.
    response = page.goto(f"{live_server.url}/news/{article.slug}/")
    assert response.status == 404

    publish(article)

    reader = page.context.browser.new_context()
    visitor = reader.new_page()
    visitor.goto(f"{live_server.url}/news/{article.slug}/")
    assert visitor.locator("h1").inner_text() == "Reporter drafts a story in the browser"
    assert visitor.locator(".byline").inner_text().startswith("By Rita Reporter and Tara Copp")
    assert visitor.locator(".story__credits").inner_text() == (
        "Associated Press staff writer Ali Jabar in Baghdad contributed to this report."
    )
    assert "The first paragraph of the story." in visitor.locator(".story__body").inner_text()
    items = visitor.locator(".related__item a")
    assert items.count() == 5
    assert items.first.inner_text() == "Earlier story 0"

    visitor.click("text=Load More")
    # A selector, not wait_for_function: polling a JS string needs eval, which our CSP forbids.
    visitor.wait_for_selector(".related__item >> nth=5")
    titles = visitor.locator(".related__item a").all_inner_texts()
    assert len(titles) == 8 and len(set(titles)) == 8
    assert visitor.url.endswith(f"/news/{article.slug}/")  # appended in place, no navigation
    reader.close()
    assert not page.js_errors


def test_load_more_works_without_javascript(browser, live_server, db):
    world = SectionFactory(name="World", slug="world")
    for n in range(7):
        publish(ArticleFactory(headline=f"Story {n}", slug=f"s-{n}", section=world))
    main = ArticleFactory(headline="Main", slug="main", section=world)
    publish(main)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/news/main/")
    first = page.locator(".related__item a").all_inner_texts()
    page.click("text=Load More")
    page.wait_for_url("**/related/?after=*")
    rest = page.locator(".related__item a").all_inner_texts()
    assert len(first) == 5 and len(rest) == 2
    assert not set(first) & set(rest)
    context.close()
