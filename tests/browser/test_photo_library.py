"""A reporter uploads a wire photo in a real browser: the credit is prefilled, they write
alt text and click the focal point; the stored files carry no GPS. The admin's photo
screens fit a phone, a tablet and a desktop without sideways scrolling."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from photos.models import Photo, Rendition
from photos.roles import grant_permissions
from photos.services import photo_create_from_upload
from tests.browser.conftest import admin_login
from tests.photos import images
from tests.photos.conftest import stored_files, upload_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(
    os.environ.get("NEWSROOM_SCREENSHOTS", Path(__file__).parents[2] / "screenshots")
)
WIDTHS = (390, 768, 1280)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def site(live_server, settings, media, roles):
    """The live server with media served (tests/photos/urls.py) and the photo library's
    permissions in the newsroom's roles."""
    grant_permissions(roles.values())
    settings.ROOT_URLCONF = "tests.photos.urls"
    return live_server


@pytest.fixture
def wire_photo(site, reporter):
    photo, _ = photo_create_from_upload(file=upload_file(images.wire_jpeg()), user=reporter)
    return photo


def test_a_reporter_uploads_a_wire_photo_and_sets_alt_text_and_focal_point(
    site, page, reporter, media, tmp_path
):
    upload = tmp_path / "IMG_4711.JPG"
    upload.write_bytes(images.wire_jpeg((1600, 1000)))
    admin_login(page, site, "reporter")

    page.goto(f"{site.url}/admin/photos/photo/add/")
    page.set_input_files("#id_files", str(upload))
    page.click("input[type=submit][value=Upload]")
    page.wait_for_url(f"{site.url}/admin/photos/photo/*/change/")

    assert page.input_value("#id_credit") == "AP Photo/Hadi Mizban"
    assert page.input_value("#id_creator_name") == "Hadi Mizban"
    assert "came from the file" in page.inner_text(".messagelist")
    page.fill("#id_alt_text", "Smoke rises over rooftops in Baghdad")
    picker = page.locator("[data-photo-focal] img")
    picker.wait_for()
    box = picker.bounding_box()
    picker.click(position={"x": box["width"] * 0.75, "y": box["height"] * 0.3})
    assert abs(float(page.input_value("#id_focal_x")) - 0.75) < 0.01
    assert abs(float(page.input_value("#id_focal_y")) - 0.3) < 0.01
    assert page.locator(".photo-focal-point").is_visible()
    page.click("input[name=_save]")
    page.wait_for_url(f"{site.url}/admin/photos/photo/")

    photo = Photo.objects.get()
    assert photo.alt_text == "Smoke rises over rooftops in Baghdad"
    assert abs(photo.focal_x - 0.75) < 0.01 and abs(photo.focal_y - 0.3) < 0.01
    assert photo.credit == "AP Photo/Hadi Mizban"
    # The list shows its thumbnail, loaded from the library's own files.
    thumbnail = page.locator("img.photo-thumbnail").first
    thumbnail.wait_for()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", thumbnail.element_handle())
    for path in stored_files(media):
        assert images.betrayals(path.read_bytes()) == [], path.name
    assert Rendition.objects.filter(photo=photo).exists()
    assert page.js_errors == []


def test_the_photo_screens_fit_every_width(site, page, reporter, wire_photo):
    SCREENSHOTS.mkdir(exist_ok=True)
    admin_login(page, site, "reporter")
    screens = {
        "list": "/admin/photos/photo/",
        "upload": "/admin/photos/photo/add/",
        "change": f"/admin/photos/photo/{wire_photo.pk}/change/",
        "chooser": "/admin/photos/photo/choose/",
    }
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in screens.items():
            page.goto(site.url + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(SCREENSHOTS / f"photos-{name}-{width}.png"), full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
    assert page.js_errors == []


def test_the_chooser_hands_the_chosen_photo_to_its_opener(site, page, reporter, wire_photo):
    admin_login(page, site, "reporter")
    page.evaluate(
        "() => { window.chosen = null;"
        " window.addEventListener('message', (e) => { window.chosen = e.data; }); }"
    )
    with page.expect_popup() as opened:
        page.evaluate(f"() => window.open('{site.url}/admin/photos/photo/choose/?q=Mizban', 'c')")
    chooser = opened.value
    chooser.wait_for_load_state()
    with chooser.expect_event("close"):
        chooser.click(f".photo-choice[data-photo-id='{wire_photo.pk}']")

    page.wait_for_function("() => window.chosen !== null")
    chosen = page.evaluate("() => window.chosen")
    assert chosen["type"] == "photos:chosen"
    assert chosen["photo"]["id"] == wire_photo.pk
    assert chosen["photo"]["credit"] == "AP Photo/Hadi Mizban"
    assert chosen["photo"]["accessible"] is False
