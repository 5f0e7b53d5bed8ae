"""Photos in stories, in a real browser (issue 14's "done when"): a reporter uploads a wire
photo with GPS EXIF and an IPTC credit, sees the credit filled in, writes alt text and
sets a focal point, makes it the lead and places a second photo in the body; an editor
approves and publishes; a visitor's page shows both with srcset, captions and credits, and
no file the visitor's browser downloaded says where a photo was taken. Then screenshots of
the story page and the story form at a phone's, a tablet's and a desktop's width."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from articles.models import Article, Publication, Status
from articles.sanitize import photo_figure
from photos.models import Photo
from tests.conftest import publish
from tests.factories import ArticleFactory, SectionFactory
from tests.photos import images

from .conftest import choose_autocomplete
from .test_editorial_flow import body_editor, desk_page, press, save_and_continue, status_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(
    os.environ.get("NEWSROOM_SCREENSHOTS", Path(__file__).parents[2] / "screenshots")
)
WIDTHS = (390, 768, 1280)
HEADLINE = "Smoke rises over Baghdad after a strike"
LEAD_ALT = "Grey smoke rising above rooftops in Baghdad"
INLINE_ALT = "Concrete barriers across a wide city street"


@pytest.fixture
def site(live_server, settings, media):
    """The live server with media served as the web server would (tests/photos/urls.py)."""
    settings.ROOT_URLCONF = "tests.photos.urls"
    SectionFactory(name="World", slug="world")
    return live_server


def upload(desk, site, path: Path, *, alt: str, focal: tuple[float, float] | None = None) -> Photo:
    """Upload `path` in the admin, check the credit the file gave, write alt text and
    perhaps click a focal point; returns the saved photo."""
    desk.goto(f"{site.url}/admin/photos/photo/add/")
    desk.set_input_files("#id_files", str(path))
    with desk.expect_navigation():
        desk.click("input[type=submit][value=Upload]")
    assert desk.url.endswith("/change/"), desk.url
    assert desk.input_value("#id_credit") == "AP Photo/Hadi Mizban"  # read from the IPTC
    desk.fill("#id_alt_text", alt)
    if focal is not None:
        picker = desk.locator("[data-photo-focal] img")
        picker.wait_for()
        box = picker.bounding_box()
        picker.click(position={"x": box["width"] * focal[0], "y": box["height"] * focal[1]})
    with desk.expect_navigation():
        desk.click("input[name=_save]")
    return Photo.objects.get(original_filename=path.name)


def watched(page):
    """`page`, noting every Content Security Policy violation it reports in `page.csp`."""
    page.csp = []
    page.on(
        "console",
        lambda m: page.csp.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return page


def choose_in_popup(desk, opener_selector: str, photo: Photo) -> None:
    """Open the photo chooser from `opener_selector` and choose `photo` in it."""
    with desk.expect_popup() as opened:
        desk.click(opener_selector)
    chooser = opened.value
    chooser.wait_for_load_state()
    with chooser.expect_event("close"):
        chooser.click(f".photo-choice[data-photo-id='{photo.pk}']")


def test_a_story_with_a_lead_photo_and_one_in_the_body_from_upload_to_reader(
    site, browser, reporter, editor, tmp_path
):
    lead_file, inline_file = tmp_path / "IMG_4711.JPG", tmp_path / "IMG_4712.JPG"
    lead_file.write_bytes(images.wire_jpeg((1800, 1200)))
    inline_file.write_bytes(
        images.wire_jpeg((1600, 1067), iptc={**images.WIRE_IPTC, (2, 5): "Street"})
    )

    desk = watched(desk_page(browser, site, "reporter"))
    lead = upload(desk, site, lead_file, alt=LEAD_ALT, focal=(0.75, 0.3))
    inline = upload(desk, site, inline_file, alt=INLINE_ALT)
    assert abs(lead.focal_x - 0.75) < 0.01 and lead.alt_text == LEAD_ALT

    # The story: the lead from the chooser, the second photo placed in the body.
    desk.goto(f"{site.url}/admin/articles/article/add/")
    desk.fill("#id_headline", HEADLINE)
    choose_autocomplete(desk, "id_section", "World")
    body_editor(desk).click()
    body_editor(desk).type("Smoke rose over the city after the strike, witnesses said.")
    body_editor(desk).press("Enter")
    choose_in_popup(desk, ".field-body .prose-menubar__button[title='Insert photo']", inline)
    desk.locator(f".ProseMirror figure.news-photo[data-photo-id='{inline.pk}'] img").wait_for()
    assert "(AP Photo/Hadi Mizban)" in desk.locator(".ProseMirror figure.news-photo").inner_text()
    choose_in_popup(desk, "#lookup_id_lead_photo", lead)
    assert desk.input_value("#id_lead_photo") == str(lead.pk)
    desk.locator(".lead-photo-preview img").wait_for()
    assert "AP Photo/Hadi Mizban" in desk.locator(".lead-photo-preview").inner_text()
    choose_autocomplete(desk, "id_bylines-0-person", "Rita Reporter")
    save_and_continue(desk, "First draft with photos")
    article = Article.objects.get(headline=HEADLINE)
    assert article.lead_photo == lead
    assert f'<figure data-photo-id="{inline.pk}">' in article.body
    press(desk, "submit")

    # The editor approves (the photos have alt text) and publishes.
    chief = watched(desk_page(browser, site, "editor"))
    chief.goto(f"{site.url}/admin/articles/article/{article.pk}/change/")
    press(chief, "approve")
    press(chief, "publish")
    assert status_of(chief) == Status.PUBLISHED
    assert Publication.objects.get(article=article).lead_photo == lead

    # A visitor reads it; every image their browser fetches is kept to be inspected.
    visitor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = watched(visitor_context.new_page())
    downloaded: dict[str, bytes] = {}
    visitor.on(
        "response",
        lambda r: downloaded.__setitem__(r.url, r.body()) if r.request.resource_type == "image"
        else None,
    )
    visitor.goto(f"{site.url}/news/{article.slug}/")
    figures = visitor.locator("figure.story__figure")
    assert figures.count() == 2
    figures.nth(1).scroll_into_view_if_needed()  # the body's photo loads lazily
    for n, alt in enumerate((LEAD_ALT, INLINE_ALT)):
        img = figures.nth(n).locator("img")
        assert img.get_attribute("alt") == alt
        assert img.get_attribute("srcset") and img.get_attribute("width")
        visitor.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=img.element_handle()
        )
        caption = figures.nth(n).locator("figcaption").inner_text()
        assert "Smoke rises after a strike in Baghdad" in caption and "AP PHOTO/HADI MIZBAN" in (
            caption.upper()
        )
    assert figures.nth(0).locator("img").get_attribute("fetchpriority") == "high"
    assert figures.nth(1).locator("img").get_attribute("loading") == "lazy"

    photo_files = {url: body for url, body in downloaded.items() if "/media/photos/" in url}
    assert len(photo_files) >= 2, downloaded.keys()
    for url, body in photo_files.items():
        assert images.betrayals(body) == [], url
        exif = Image.open(io.BytesIO(body)).getexif()
        assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}, url
    assert not desk.js_errors and not chief.js_errors
    assert desk.csp == chief.csp == visitor.csp == []
    visitor_context.close()


def test_screenshots_of_the_story_page_and_form_with_photos(site, browser, editor, make_photo):
    """The story page with a lead and a body photo, and the story form with the lead
    photo's chooser, at each width: no sideways scrolling anywhere."""
    lead = make_photo("Skyline", size=(2400, 1600), alt_text=LEAD_ALT)
    inline = make_photo("Street", size=(1600, 1067), alt_text=INLINE_ALT)
    article = ArticleFactory(
        headline=HEADLINE, slug="photos", lead_photo=lead,
        body="<p>Smoke rose over the city after the strike, witnesses said.</p>"
        + photo_figure(inline.pk, "Barriers close Palestine Street.")
        + "<p>Security forces closed the street for hours.</p>",
    )
    publish(article)
    SCREENSHOTS.mkdir(exist_ok=True)
    desk = desk_page(browser, site, "editor")
    reader = browser.new_context().new_page()
    for width in WIDTHS:
        for page, name, path in (
            (reader, "story", "/news/photos/"),
            (desk, "story-form", f"/admin/articles/article/{article.pk}/change/"),
        ):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(site.url + path)
            page.wait_for_load_state("networkidle")
            if name == "story-form":
                page.locator("#id_lead_photo").scroll_into_view_if_needed()
                page.locator(".lead-photo-preview img").wait_for()
            page.screenshot(path=str(SCREENSHOTS / f"photos-{name}-{width}.png"), full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
    # The chooser the lead photo's lookup opens, as a popup.
    with desk.expect_popup() as opened:
        desk.click("#lookup_id_lead_photo")
    chooser = opened.value
    chooser.set_viewport_size({"width": 800, "height": 700})
    chooser.wait_for_load_state("networkidle")
    chooser.screenshot(path=str(SCREENSHOTS / "photos-story-form-chooser.png"), full_page=True)
    assert chooser.locator(".photo-choice").count() == 2
    assert not desk.js_errors
    reader.context.close()
