"""The photo library's admin through the test client and the real admin forms: upload
(one file, several, refused ones), the list with search and filters, the change form
with its focal point, the chooser, deleting, and who may do what."""

from __future__ import annotations

import json

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.urls import reverse

from photos import services
from photos.models import Photo, Rendition
from photos.usage import Usage, register, unregister
from tests.factories import UserFactory

from . import images
from .conftest import stored_files, upload_file

pytestmark = pytest.mark.django_db

ADD = reverse("admin:photos_photo_add")
LIST = reverse("admin:photos_photo_changelist")
CHOOSER = reverse("admin:photos_photo_chooser")


def change_url(photo) -> str:
    return reverse("admin:photos_photo_change", args=[photo.pk])


def change_data(photo, **overrides) -> dict:
    data = {
        "title": photo.title, "alt_text": photo.alt_text, "caption": photo.caption,
        "credit": photo.credit, "creator": photo.creator_id or "",
        "creator_name": photo.creator_name, "copyright_notice": photo.copyright_notice,
        "usage_terms": photo.usage_terms, "license_url": photo.license_url,
        "source": photo.source, "date_taken_0": "", "date_taken_1": "",
        "focal_x": "", "focal_y": "", "focal_width": "", "focal_height": "",
    }
    if photo.decorative:
        data["decorative"] = "on"
    data.update(overrides)
    return data


def test_a_reporter_uploads_a_wire_photo_and_lands_on_its_prefilled_form(client, reporter, media):
    client.force_login(reporter)

    response = client.post(ADD, {"files": upload_file(images.wire_jpeg(), "IMG_0001.JPG")})

    photo = Photo.objects.get()
    assert response.status_code == 302 and response["Location"] == change_url(photo)
    assert LogEntry.objects.filter(object_id=str(photo.pk), action_flag=ADDITION).exists()
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'value="AP Photo/Hadi Mizban"' in html
    assert "The credit, caption, date came from the file: check them." in html
    assert "photos/admin/focal-point.js" in html
    assert "data-photo-focal" in html and "<script>" not in html.replace("<script src", "")
    [stored] = [p for p in stored_files(media) if "original" in p.name]
    assert images.betrayals(stored.read_bytes()) == []


def test_setting_alt_text_and_a_focal_point_in_the_change_form(client, reporter, wire_photo):
    client.force_login(reporter)
    services.photo_renditions_make(photo=wire_photo)
    crops_before = set(Rendition.objects.filter(spec__contains="-").values_list("pk", flat=True))

    response = client.post(change_url(wire_photo), change_data(
        wire_photo, alt_text="Smoke rises over rooftops in Baghdad", focal_x="0.75", focal_y="0.3",
    ))

    assert response.status_code == 302, response.context["adminform"].form.errors
    wire_photo.refresh_from_db()
    assert wire_photo.alt_text == "Smoke rises over rooftops in Baghdad"
    assert (wire_photo.focal_x, wire_photo.focal_y) == (0.75, 0.3)
    assert not crops_before & set(Rendition.objects.values_list("pk", flat=True))


def test_the_change_form_explains_its_refusals(client, reporter, wire_photo):
    client.force_login(reporter)

    decorative = client.post(change_url(wire_photo), change_data(
        wire_photo, alt_text="Smoke", decorative="on"))
    file_name = client.post(change_url(wire_photo), change_data(wire_photo, alt_text="IMG_0001.JPG"))
    outside = client.post(change_url(wire_photo), change_data(wire_photo, focal_x="1.4", focal_y="0.2"))

    assert "A decorative photo has no alt text" in decorative.content.decode()
    assert "This is a file name, not a description of the photo." in file_name.content.decode()
    assert "focal_x" in outside.context["adminform"].form.errors
    wire_photo.refresh_from_db()
    assert wire_photo.alt_text == "" and wire_photo.focal_x is None


def test_saving_without_alt_text_warns(client, reporter, wire_photo):
    client.force_login(reporter)

    response = client.post(change_url(wire_photo), change_data(wire_photo, title="Baghdad strike"), follow=True)

    assert "has no alt text yet: a story using it cannot be approved" in response.content.decode()


def test_bulk_upload_reports_each_file_and_keeps_going(client, editor, media):
    client.force_login(editor)
    known = images.plain("PNG", size=(640, 480))
    services.photo_create_from_upload(file=upload_file(known, "known.png"), user=editor)

    response = client.post(ADD, {"files": [
        upload_file(images.wire_jpeg(), "wire.jpg"),
        upload_file(images.SVG, "logo.svg", "image/svg+xml"),
        upload_file(images.plain("WEBP"), "web.webp", "image/webp"),
        upload_file(known, "again.png", "image/png"),
    ]})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>wire.jpg</strong>:" in html and "uploaded as" in html
    assert "<strong>logo.svg</strong>:\n          not uploaded. SVG files are not accepted" in html
    assert "<strong>again.png</strong>:" in html and "already in the library" in html
    assert Photo.objects.count() == 3
    assert {p.original_filename for p in Photo.objects.all()} == {"known.png", "wire.jpg", "web.webp"}
    assert f"{LIST}?alt=missing" in html


def test_a_refused_single_upload_shows_the_error_and_stores_nothing(client, reporter, media):
    client.force_login(reporter)

    response = client.post(ADD, {"files": upload_file(images.SVG, "chart.jpg")})

    assert response.status_code == 200
    assert "SVG files are not accepted" in response.content.decode()
    assert Photo.objects.count() == 0 and stored_files(media) == []


def test_uploading_nothing_is_an_error(client, reporter):
    client.force_login(reporter)

    response = client.post(ADD, {})

    assert response.status_code == 200 and response.context["form"].errors["files"]


def test_a_duplicate_single_upload_opens_the_photo_already_there(client, reporter, wire_photo):
    client.force_login(reporter)

    response = client.post(ADD, {"files": upload_file(images.wire_jpeg(), "again.jpg")}, follow=True)

    assert response.redirect_chain[-1][0] == change_url(wire_photo)
    assert "already in the library as “Iraq Strike”" in response.content.decode()


def test_the_list_shows_thumbnails_and_searches_and_filters(client, editor, wire_photo, media):
    services.photo_create_from_upload(
        file=upload_file(images.plain("PNG"), "studio.png"), user=editor,
        title="Studio portrait", decorative=True, license_url="https://example.com/l",
    )
    client.force_login(editor)

    listing = client.get(LIST).content.decode()
    assert listing.count('class="photo-thumbnail"') == 2

    def titles(query: str) -> set[str]:
        response = client.get(LIST + query)
        return {photo.title for photo in response.context["cl"].result_list}

    assert titles("?q=Mizban") == {"Iraq Strike"}
    assert titles("?q=AP+Photo") == {"Iraq Strike"}
    assert titles("?q=studio") == {"Studio portrait"}
    assert titles("?alt=missing") == {"Iraq Strike"}
    assert titles("?alt=decorative") == {"Studio portrait"}
    assert titles("?source__exact=agency") == {"Iraq Strike"}
    assert titles("?licence=url") == {"Studio portrait"}
    assert titles(f"?uploaded_by__id__exact={editor.pk}") == {"Studio portrait"}


def test_the_chooser_searches_and_hands_back_the_photo(client, reporter, wire_photo):
    client.force_login(reporter)
    services.photo_update(photo=wire_photo, user=reporter, alt_text="Smoke over Baghdad")

    page = client.get(CHOOSER, {"q": "Mizban", "_popup": "1", "_to_field": "id"})
    empty = client.get(CHOOSER, {"q": "nothing like this"})
    data = client.get(reverse("admin:photos_photo_chosen", args=[wire_photo.pk])).json()

    assert page.status_code == 200
    [(choice, encoded)] = page.context["choices"]
    assert json.loads(encoded) == choice
    assert choice["id"] == wire_photo.pk and choice["credit"] == "AP Photo/Hadi Mizban"
    html = page.content.decode()
    assert f'data-photo-id="{wire_photo.pk}"' in html and "photos/admin/chooser.js" in html
    assert 'name="_to_field" value="id"' in html
    assert empty.context["choices"] == []
    assert data["id"] == wire_photo.pk and data["alt"] == "Smoke over Baghdad"
    assert data["accessible"] is True
    assert data["thumbnail"].startswith(f"/media/photos/{wire_photo.key}/w240-1x1.")
    assert data["edit_url"] == change_url(wire_photo)


@pytest.mark.parametrize("url", [ADD, LIST, CHOOSER])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_reader_account_is_sent_to_log_in(client, reader, wire_photo):
    client.force_login(reader)

    for url in (ADD, LIST, CHOOSER, change_url(wire_photo)):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_staff_without_photo_permissions_get_nothing(client, wire_photo):
    client.force_login(UserFactory(username="intern"))

    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"files": upload_file(images.plain("PNG"))}).status_code == 403
    assert client.get(CHOOSER).status_code == 403
    assert client.get(reverse("admin:photos_photo_chosen", args=[wire_photo.pk])).status_code == 403
    assert client.get(change_url(wire_photo)).status_code == 403
    assert Photo.objects.count() == 1


def test_reporters_may_not_delete(client, reporter, wire_photo):
    client.force_login(reporter)
    delete = reverse("admin:photos_photo_delete", args=[wire_photo.pk])

    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.post(LIST, {"action": "delete_selected", "_selected_action": [wire_photo.pk], "post": "yes"})
    assert Photo.objects.filter(pk=wire_photo.pk).exists()


def test_an_editor_deletes_an_unused_photo_and_its_files(
    client, editor, wire_photo, media, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    delete = reverse("admin:photos_photo_delete", args=[wire_photo.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete, {"post": "yes"})

    assert response.status_code == 302
    assert not Photo.objects.exists() and stored_files(media) == []


@pytest.fixture
def in_use(wire_photo):
    def finder(photo):
        if photo.pk == wire_photo.pk:
            yield Usage("“Strike hits Baghdad” (live)", "/admin/articles/article/7/change/")

    register(finder)
    yield
    unregister(finder)


def test_a_photo_in_use_is_not_deleted_and_the_page_says_where_it_is_used(
    client, editor, wire_photo, in_use
):
    client.force_login(editor)
    delete = reverse("admin:photos_photo_delete", args=[wire_photo.pk])

    page = client.get(delete).content.decode()
    client.post(delete, {"post": "yes"})
    bulk = client.post(LIST, {"action": "delete_selected", "_selected_action": [wire_photo.pk]})
    client.post(LIST, {"action": "delete_selected", "_selected_action": [wire_photo.pk], "post": "yes"})
    change = client.get(change_url(wire_photo)).content.decode()

    assert "cannot be deleted while it is used" in page
    assert "“Iraq Strike” is used by “Strike hits Baghdad” (live)" in page
    assert "cannot be deleted while they are used" in bulk.content.decode()
    assert Photo.objects.filter(pk=wire_photo.pk).exists()
    assert '<a href="/admin/articles/article/7/change/">“Strike hits Baghdad” (live)</a>' in change
