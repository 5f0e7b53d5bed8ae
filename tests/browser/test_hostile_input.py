"""Script and event-handler HTML in every text field never runs, on the public page, in
the admin and in previews."""

import pytest

from articles.models import Byline, Correction, Credit, RelatedLink
from articles.sanitize import photo_figure
from contributors.models import Organisation
from tests.conftest import publish
from tests.factories import ArticleFactory, PersonFactory, SectionFactory, TagFactory

from .conftest import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def payload(n: int) -> str:
    return (
        f'<img src=x onerror="window.__xss=(window.__xss||[]).concat({n})">'
        f"<script>window.__xss=(window.__xss||[]).concat({n})</script>"
        f"<svg onload=\"window.__xss=(window.__xss||[]).concat({n})\"></svg>"
    )


@pytest.fixture
def hostile_story(editor, make_photo):
    section = SectionFactory(name="World" + payload(1)[:60], slug="world")
    person = PersonFactory(name="Evil " + payload(2), slug="evil")
    organisation = Organisation.objects.create(name="Org " + payload(3), slug="org")
    story = ArticleFactory(
        headline="Headline " + payload(4),
        slug="hostile",
        dek="Dek " + payload(5),
        body=f"<p>Body {payload(6)}<a href=\"javascript:window.__xss=[7]\">link</a></p>",
        dateline=("BAGHDAD " + payload(8))[:100],  # the field's length, which PostgreSQL enforces
        section=section,
        authors=[],
        lead_photo=make_photo(
            "Photo " + payload(19)[:120], alt_text="Alt " + payload(20)[:300],
            credit="Credit " + payload(21)[:200],
        ),
        lead_photo_caption="Caption " + payload(9),
    )
    # A photo in the body too, its caption written as the editor would store it.
    story.body += photo_figure(story.lead_photo.pk, "Figure " + payload(22))
    story.save()
    story.tags.add(TagFactory(name="Tag " + payload(10)[:80], slug="tag"))
    Byline.objects.create(
        article=story, person=person, title="Title " + payload(11), organisation=organisation,
        bio_line="Bio " + payload(12),
    )
    Credit.objects.create(
        article=story, person=person, organisation=organisation, role="role " + payload(13)[:80],
        location="Loc " + payload(14)[:80],
    )
    RelatedLink.objects.create(
        article=story, url="javascript:window.__xss=[15]", title="Bad link " + payload(16)[:200]
    )
    RelatedLink.objects.create(
        article=story, url="https://example.org/ok", title="Title " + payload(17)[:200], position=1
    )
    Correction.objects.create(article=story, note="Correction " + payload(18))
    publish(story)
    return story


def assert_nothing_ran(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert not dialogs
    assert page.locator("a[href^='javascript:' i]").count() == 0


def test_public_page_runs_no_injected_script(page, live_server, hostile_story):
    page.goto(f"{live_server.url}/news/hostile/")
    assert "Headline <img" in page.locator("h1").inner_text()  # shown as text, not markup
    assert "Figure <img" in page.locator(".story__body figure figcaption").inner_text()
    assert "CREDIT <IMG" in page.locator(".story__body figure figcaption").inner_text().upper()
    assert_nothing_ran(page)
    for path in ["/", "/section/world/", "/author/evil/", "/tag/tag/", "/news/hostile/related/"]:
        page.goto(live_server.url + path)
        assert_nothing_ran(page)


def test_admin_pages_run_no_injected_script(page, live_server, hostile_story):
    admin_login(page, live_server, "editor")
    for path in [
        "/admin/articles/article/",
        f"/admin/articles/article/{hostile_story.pk}/change/",
        f"/admin/articles/article/{hostile_story.pk}/preview/",
        "/admin/contributors/person/",
        "/admin/articles/article/?q=Headline",
        f"/admin/photos/photo/{hostile_story.lead_photo_id}/change/",
        "/admin/photos/photo/choose/",
    ]:
        page.goto(live_server.url + path)
        assert_nothing_ran(page)
