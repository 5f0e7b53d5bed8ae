"""Fixtures for the photo library's tests: a media folder of the test's own, uploads,
and the newsroom roles with the photo permissions."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from . import images


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """MEDIA_ROOT for this test alone (every stored file lands here)."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def upload_file(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def wire_photo(db, media, reporter):
    """A wire photo uploaded by the reporter (GPS and IPTC credit in the upload)."""
    from photos.services import photo_create_from_upload

    photo, _ = photo_create_from_upload(
        file=upload_file(images.wire_jpeg(), "IMG_0001.JPG"), user=reporter
    )
    return photo


@pytest.fixture(autouse=True)
def _photo_permissions(request):
    """The newsroom's roles with the photo library's permissions (what phase B adds to
    articles.roles): added whenever a test uses the `roles` fixture."""
    if "roles" in request.fixturenames:
        from photos.roles import grant_permissions

        grant_permissions(request.getfixturevalue("roles").values())
