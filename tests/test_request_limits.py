"""Bounded request bodies and images (issue 19, finding 3).

The review sent a 150 MB multipart POST to `/admin/login/`, anonymously: it was read in
full before its 403, holding one of the two workers. Staff uploaded a 30 MB PNG, and a
12,000 x 12,000 PNG (144 megapixels in 17 KB) was accepted and served at full size.
"""

from __future__ import annotations

import io
import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from django.urls import reverse
from PIL import Image

from contributors.models import Person
from tests.articles.admin_forms import form_data
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class ExplodingInput:
    """A `wsgi.input` that counts what is read and fails past `allowance` bytes, as a
    150 MB body would (it is never sent: nothing may read that far)."""

    def __init__(self, allowance: int = 64 * 1024) -> None:
        self.allowance = allowance
        self.read_bytes = 0

    def _take(self, size: int) -> bytes:
        size = self.allowance + 1 if size is None or size < 0 else size
        self.read_bytes += size
        if self.read_bytes > self.allowance:
            raise AssertionError(f"the body was read ({self.read_bytes:,} bytes so far)")
        return b"x" * size

    def read(self, size: int = -1) -> bytes:
        return self._take(size)

    def readline(self, size: int = -1) -> bytes:
        return self._take(size)


def _call(environ: dict) -> tuple[int, bytes]:
    """Run the site's WSGI application (every middleware) on `environ`. Every refusal is
    an RFC 9457 problem (the API's errors have the same shape)."""
    status = {}

    def start_response(line, headers, exc_info=None):
        status["code"] = int(line.split()[0])
        status["type"] = dict(headers)["Content-Type"]

    body = b"".join(WSGIHandler()(environ, start_response))
    if status["code"] >= 400:
        assert status["type"] == "application/problem+json"
        assert json.loads(body)["status"] == status["code"]
    return status["code"], body


def _environ(path: str, **extra) -> dict:
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.5",
        "HTTP_HOST": "localhost",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "CONTENT_TYPE": "multipart/form-data; boundary=----newsroom",
        **extra,
    }


@pytest.mark.parametrize("path", ["/admin/login/", "/search/", "/", "/admin/articles/article/add/"])
def test_a_150_mb_anonymous_multipart_post_is_refused_before_it_is_read(path):
    body = ExplodingInput()
    status, content = _call(_environ(path, CONTENT_LENGTH=str(150 * MB), **{"wsgi.input": body}))
    assert status == 413
    assert body.read_bytes == 0
    assert b"150.0\xc2\xa0MB" in content and b"10.0\xc2\xa0MB" in content


def test_a_chunked_body_is_refused_without_being_read():
    """Django reads only Content-Length bytes: a chunked body would arrive as an empty
    form. The proxy forwards bodies with a length; anything else is refused."""
    body = ExplodingInput()
    status, _ = _call(
        _environ("/admin/login/", HTTP_TRANSFER_ENCODING="chunked", **{"wsgi.input": body})
    )
    assert status == 411
    assert body.read_bytes == 0


def test_a_content_length_that_is_not_a_number_is_refused():
    body = ExplodingInput()
    status, _ = _call(_environ("/admin/login/", CONTENT_LENGTH="1e9", **{"wsgi.input": body}))
    assert status == 400
    assert body.read_bytes == 0


def test_signed_in_staff_may_send_more_and_no_more(client, editor, settings):
    settings.NEWSROOM_MAX_REQUEST_BYTES = 20_000
    settings.NEWSROOM_MAX_STAFF_REQUEST_BYTES = 60_000
    url = reverse("admin:articles_article_add")
    padding = {"padding": "x" * 30_000}
    assert Client().post(reverse("admin:login"), padding).status_code == 413
    client.force_login(editor)
    assert client.post(url, padding).status_code == 200  # the form again, with its errors
    assert client.post(url, {"padding": "x" * 70_000}).status_code == 413


def test_small_bodies_never_look_at_the_session(client, published_story):
    """The limit is looked up only for bodies over the anonymous one: reading the user
    would mark the session read and keep the page out of the page cache."""
    assert client.get("/", CONTENT_LENGTH="12")["X-Newsroom-Cache"] == "miss"
    assert client.get("/")["X-Newsroom-Cache"] == "hit"  # the page above was stored


# Images: bytes and pixels.


def _png(width: int, height: int, mode: str = "1") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _noise_png(size: int) -> bytes:
    side = int((size / 3) ** 0.5) + 1
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def _post_portrait(client: Client, person: Person, data: bytes, name: str = "me.png"):
    """A person's portrait through the admin: the form's image field (stories take their
    photos from the library, whose limits `tests/photos/test_upload.py` covers)."""
    url = reverse("admin:contributors_person_change", args=[person.pk])
    form = form_data(client.get(url), "person_form")
    form["photo"] = SimpleUploadedFile(name, data, content_type="image/png")
    return client.post(url, form)


def test_an_image_of_too_many_pixels_is_refused_clearly(client, superuser):
    bomb = _png(12_000, 12_000)
    assert len(bomb) < 20_000  # 144 megapixels in a few kilobytes
    person = PersonFactory(name="Bomb Shell", slug="bomb-shell")
    client.force_login(superuser)
    response = _post_portrait(client, person, bomb)
    assert response.status_code == 200
    text = response.content.decode()
    assert "12,000 × 12,000 pixels (144 megapixels)" in text
    assert "at most 50 megapixels" in text
    assert not Person.objects.get(pk=person.pk).photo


def test_an_image_too_large_for_pillow_to_open_is_refused_as_such(client, superuser):
    """Pillow refuses to open an image of over twice its own limit (about 179 megapixels):
    the error says why, rather than “not a valid image”."""
    person = PersonFactory(name="Huge Picture", slug="huge-picture")
    client.force_login(superuser)
    response = _post_portrait(client, person, _png(20_000, 20_000))
    assert response.status_code == 200
    assert "far more than 50 megapixels" in response.content.decode()


def test_an_image_over_the_byte_limit_is_refused_clearly(client, superuser, settings):
    settings.NEWSROOM_MAX_IMAGE_BYTES = 100_000
    person = PersonFactory(name="Heavy Picture", slug="heavy-picture")
    client.force_login(superuser)
    response = _post_portrait(client, person, _noise_png(300_000))
    assert response.status_code == 200
    assert "at most 97.7\xa0KB is accepted" in response.content.decode()
    assert not Person.objects.get(pk=person.pk).photo


def test_a_reasonable_image_is_accepted(client, superuser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(name="Fine Picture", slug="fine-picture")
    client.force_login(superuser)
    response = _post_portrait(client, person, _png(600, 600, "RGB"))
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).photo.name.endswith(".png")


def test_a_portrait_of_too_many_pixels_is_refused(client, superuser):
    person = PersonFactory(name="Pic Ture", slug="pic-ture")
    url = reverse("admin:contributors_person_change", args=[person.pk])
    client.force_login(superuser)
    form = form_data(client.get(url), "person_form")
    form["photo"] = SimpleUploadedFile("me.png", _png(10_000, 10_000), content_type="image/png")
    response = client.post(url, form)
    assert response.status_code == 200
    assert "100 megapixels" in response.content.decode()
    assert not Person.objects.get(pk=person.pk).photo
