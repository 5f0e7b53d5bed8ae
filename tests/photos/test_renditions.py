"""Renditions: the standard set, focal-point crops, never enlarging, the cache, making a
missing one once under concurrency, replacing them when a photo changes, deleting."""

from __future__ import annotations

import io
import threading

import pytest
from django.db import connection
from PIL import Image

from photos import imaging, services, tasks
from photos.exceptions import InvalidRenditionSpec, PhotoInUse
from photos.models import Photo, Rendition
from photos.usage import Usage, register, unregister

from . import images
from .conftest import stored_files, upload_file


def read(rendition) -> Image.Image:
    with rendition.file.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read()))


def is_red(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 200 and g < 100 and b < 100


@pytest.fixture
def photo(db, media, reporter):
    """1600 x 1000, the red square at 75% across and 30% down."""
    created, _ = services.photo_create_from_upload(
        file=upload_file(images.plain("JPEG", size=(1600, 1000), quality=92)), user=reporter
    )
    return created


@pytest.mark.django_db
def test_the_standard_set(photo):
    assert services.standard_specs(photo) == [
        *(f"w{w}.{fmt}" for w in (320, 640, 960, 1280) for fmt in ("avif", "webp", "jpeg")),
        "w1200-16x9.jpeg", "w1200-4x3.jpeg", "w1200-1x1.jpeg",
        "w1200-40x21.jpeg", "w240-1x1.jpeg",  # the admin preview, w960.jpeg, is in the set
    ]
    made = services.photo_renditions_make(photo=photo)

    assert list(made) == services.standard_specs(photo)
    sizes = {spec: (r.width, r.height) for spec, r in made.items()}
    assert sizes["w640.webp"] == (640, 400)
    assert sizes["w1200-16x9.jpeg"] == (1200, 675)
    assert sizes["w1200-4x3.jpeg"] == (1200, 900)
    assert sizes["w1200-1x1.jpeg"] == (1000, 1000)  # the photo is 1000 high: not enlarged
    assert sizes["w1200-40x21.jpeg"] == (1200, 630)
    for spec, rendition in made.items():
        image = read(rendition)
        assert image.size == sizes[spec]
        assert image.format == rendition.format.upper()
    # Every file is in the photo's own random folder, named by content.
    assert all(r.file.name.startswith(f"photos/{photo.key}/") for r in made.values())


@pytest.mark.django_db
def test_a_second_run_makes_nothing(photo, media):
    services.photo_renditions_make(photo=photo)
    files = stored_files(media)

    services.photo_renditions_make(photo=photo)

    assert stored_files(media) == files
    assert Rendition.objects.filter(photo=photo).count() == len(services.standard_specs(photo))


@pytest.mark.django_db
def test_a_photo_smaller_than_every_width_gets_its_own_width(db, media, reporter):
    small, _ = services.photo_create_from_upload(
        file=upload_file(images.plain("PNG", size=(300, 200))), user=reporter
    )

    assert services.srcset_widths(small, None) == [300]
    rendition = services.rendition_get_or_create(photo=small, spec="w1920.webp")
    assert (rendition.width, rendition.height) == (300, 200)


@pytest.mark.django_db
def test_crops_follow_the_focal_point(photo, reporter):
    # A tall crop (9:16) of a wide photo: the centre misses the red square at 75% across.
    centred = services.rendition_get_or_create(photo=photo, spec="w180-9x16.png")
    assert not is_red(read(centred).getpixel((90, 96)))

    services.photo_update(photo=photo, user=reporter, focal_x=0.75, focal_y=0.3)
    focused = services.rendition_get_or_create(photo=photo, spec="w180-9x16.png")

    assert focused.pk != centred.pk
    assert is_red(read(focused).getpixel((90, 96)))  # 30% of 320 px down, in the middle


@pytest.mark.django_db
def test_a_focal_point_near_the_edge_keeps_the_crop_inside_the_photo(photo, reporter):
    services.photo_update(photo=photo, user=reporter, focal_x=1.0, focal_y=0.0)
    rendition = services.rendition_get_or_create(photo=photo, spec="w500-1x1.jpeg")

    assert (rendition.width, rendition.height) == (500, 500)


@pytest.mark.django_db
def test_bad_specs_are_refused(photo):
    for spec in ("640.webp", "w640.bmp", "w0.jpeg", "w640-0x1.jpeg", "w640.jpeg; rm -rf /"):
        with pytest.raises(InvalidRenditionSpec):
            services.rendition_get_or_create(photo=photo, spec=spec)


@pytest.mark.django_db
def test_a_known_rendition_comes_from_the_cache_without_a_query(
    photo, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.rendition_get_or_create(photo=photo, spec="w640.webp")

    with django_assert_num_queries(0):
        again = services.rendition_get_or_create(photo=photo, spec="w640.webp")

    assert (again.pk, again.file.name, again.width) == (made.pk, made.file.name, made.width)


@pytest.mark.django_db
def test_prefetched_renditions_need_no_query(photo, django_assert_num_queries, settings):
    settings.PHOTOS_CACHE = None
    services.photo_renditions_make(photo=photo)
    [prefetched] = Photo.objects.with_renditions().filter(pk=photo.pk)

    with django_assert_num_queries(0):
        found = services.renditions_for(photo=prefetched, specs=["w320.avif", "w1280.jpeg"])
    assert [r.width for r in found.values()] == [320, 1280]


@pytest.mark.django_db(transaction=True)
def test_two_requests_for_a_missing_rendition_make_one_file(photo, media, monkeypatch, settings):
    settings.PHOTOS_CACHE = None
    made = []
    real_render = imaging.render

    def slow_render(*args, **kwargs):
        made.append(threading.get_ident())
        started.set()
        release.wait(5)  # hold the lock while the other request arrives
        return real_render(*args, **kwargs)

    monkeypatch.setattr(imaging, "render", slow_render)
    started, release = threading.Event(), threading.Event()
    results, errors = [], []

    def request():
        try:
            results.append(services.rendition_get_or_create(photo=photo, spec="w640.webp").pk)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=request)
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=request)
    second.start()
    second.join(0.5)
    assert second.is_alive()  # waiting for the first one's lock
    release.set()
    first.join(10)
    second.join(10)

    assert errors == []
    assert len(made) == 1
    assert len(set(results)) == 1 and len(results) == 2
    assert Rendition.objects.filter(photo=photo, spec="w640.webp").count() == 1
    assert [p.name for p in stored_files(media) if p.name.startswith("w640.")] != []
    assert len([p for p in stored_files(media) if p.name.startswith("w640.")]) == 1


@pytest.mark.django_db
def test_a_failed_rendition_leaves_no_file(photo, media, monkeypatch):
    before = stored_files(media)

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Rendition.objects, "create", fail)
    with pytest.raises(RuntimeError):
        services.rendition_get_or_create(photo=photo, spec="w640.webp")

    assert stored_files(media) == before


@pytest.mark.django_db
def test_a_new_focal_point_replaces_only_the_cropped_renditions(
    photo, reporter, django_capture_on_commit_callbacks
):
    from photos.signals import photo_changed

    services.photo_renditions_make(photo=photo)
    cropped = set(Rendition.objects.filter(spec__contains="-").values_list("file", flat=True))
    kept = set(Rendition.objects.exclude(spec__contains="-").values_list("file", flat=True))
    sent = []
    photo_changed.connect(lambda **kw: sent.append(kw), weak=False, dispatch_uid="t-focal")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.photo_update(photo=photo, user=reporter, focal_x=0.2, focal_y=0.8)
    finally:
        photo_changed.disconnect(dispatch_uid="t-focal")

    remaining = set(Rendition.objects.values_list("file", flat=True))
    assert remaining == kept
    assert set(sent[0]["replaced_files"]) == cropped
    assert sent[0]["fields"] == ["focal_x", "focal_y"]
    # The old files stay until the delayed task deletes them (cached pages link them).
    storage = photo.file.storage
    assert all(storage.exists(name) for name in cropped)
    assert tasks.photo_files_delete(sorted(cropped)) == len(cropped)
    assert not any(storage.exists(name) for name in cropped)


@pytest.mark.django_db
def test_new_credits_replace_every_rendition(photo, reporter):
    services.photo_renditions_make(photo=photo)

    services.photo_update(photo=photo, user=reporter, credit="Reuters/Ahmed Saad")

    assert Rendition.objects.filter(photo=photo).count() == 0
    again = services.rendition_get_or_create(photo=photo, spec="w320.jpeg")
    assert b"Reuters/Ahmed Saad" in again.file.open("rb").read()


@pytest.mark.django_db
def test_alt_text_changes_no_rendition(photo, reporter):
    services.photo_renditions_make(photo=photo)
    count = Rendition.objects.count()

    services.photo_update(photo=photo, user=reporter, alt_text="A red square over a field")

    assert Rendition.objects.count() == count
    photo.refresh_from_db()
    assert photo.alt_text == "A red square over a field" and photo.is_accessible


@pytest.mark.django_db
def test_update_validates(photo, reporter):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.photo_update(photo=photo, user=reporter, focal_x=1.5, focal_y=0.5)
    with pytest.raises(ValidationError):
        services.photo_update(photo=photo, user=reporter, decorative=True, alt_text="Not empty")
    with pytest.raises(TypeError):
        services.photo_update(photo=photo, user=reporter, content_hash="0" * 64)


@pytest.mark.django_db
def test_deleting_removes_the_files_after_commit(
    photo, editor, media, django_capture_on_commit_callbacks
):
    services.photo_renditions_make(photo=photo)
    assert stored_files(media)

    with django_capture_on_commit_callbacks(execute=True):
        services.photo_delete(photo=photo, user=editor)

    assert stored_files(media) == []
    assert Photo.objects.count() == Rendition.objects.count() == 0


@pytest.mark.django_db
def test_a_photo_in_use_cannot_be_deleted(photo, editor, media):
    def live_stories(candidate):
        if candidate.pk == photo.pk:
            yield Usage("“Strike hits Baghdad” (live)", "/admin/articles/article/1/change/")
            yield Usage("“Markets fall” (live)")

    register(live_stories)
    try:
        with pytest.raises(PhotoInUse) as refused:
            services.photo_delete(photo=photo, user=editor)
    finally:
        unregister(live_stories)

    assert "“Strike hits Baghdad” (live); “Markets fall” (live)" in str(refused.value)
    assert [u.label for u in refused.value.usages] == [
        "“Strike hits Baghdad” (live)", "“Markets fall” (live)",
    ]
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert stored_files(media)


@pytest.mark.django_db
def test_an_upload_queues_its_renditions_after_commit(
    db, media, reporter, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(
        tasks.photo_renditions_make, "apply_async", lambda args, **kw: queued.append(args)
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        photo, _ = services.photo_create_from_upload(
            file=upload_file(images.wire_jpeg()), user=reporter
        )
    assert queued == []  # nothing before the commit
    for callback in callbacks:
        callback()

    assert queued == [(photo.pk,)]
    # The task itself is thin: it makes the standard set.
    assert tasks.photo_renditions_make(photo.pk) == len(services.standard_specs(photo))
    assert tasks.photo_renditions_make(10**9) == 0


@pytest.mark.django_db
def test_a_broker_outage_does_not_fail_the_upload(
    db, media, reporter, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.photo_renditions_make, "apply_async", down)
    with django_capture_on_commit_callbacks(execute=True):
        photo, created = services.photo_create_from_upload(
            file=upload_file(images.wire_jpeg()), user=reporter
        )

    assert created and Photo.objects.filter(pk=photo.pk).exists()
    assert "Could not queue renditions" in caplog.text
