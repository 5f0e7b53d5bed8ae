"""A real Celery worker makes a photo's renditions after the upload commits."""

from __future__ import annotations

import pytest

from devtools.processes import wait_until
from devtools.workers import broker
from photos import services
from photos.models import Rendition

from . import images
from .conftest import upload_file

pytestmark = [pytest.mark.worker]


def test_the_worker_makes_every_standard_rendition_after_upload(celery_procs, media, reporter):
    from newsroom.celery import app

    celery_procs.env["DJANGO_MEDIA_ROOT"] = str(media)
    worker = celery_procs.start_worker(concurrency=1)
    url = app.conf.broker_url
    with broker(None if str(url).startswith("filesystem://") else url):
        photo, created = services.photo_create_from_upload(
            file=upload_file(images.wire_jpeg((2400, 1600))), user=reporter
        )
    expected = services.standard_specs(photo)

    assert created
    assert wait_until(
        lambda: Rendition.objects.filter(photo=photo).count() == len(expected), timeout=60
    ), worker.output()[-3000:]
    renditions = Rendition.objects.filter(photo=photo)
    assert sorted(r.spec for r in renditions) == sorted(expected)
    for rendition in renditions:
        path = media / rendition.file.name
        assert path.is_file() and path.stat().st_size == rendition.file_size
        assert images.betrayals(path.read_bytes()) == [], rendition.spec
    assert "photos.tasks.photo_renditions_make[" in worker.output()
