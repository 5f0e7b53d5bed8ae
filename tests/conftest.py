"""Fixtures shared by the whole suite: users in each newsroom role, and published stories."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from django.db import transaction

# Django models are imported inside the fixtures, so pure tests can run without Django.

pytest_plugins = ["tests.worker"]  # celery_procs: real Celery workers and beat

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSROOM_SHARED_DIR", REPO.parent / "shared"))
REFERENCE_STORY = REPO / "newsroom" / "demo" / "stories" / "baghdad-strike.txt"


@pytest.fixture(autouse=True, scope="session")
def _empty_file_cache():
    """The embedded cache is files that outlive a run; start each run without them, so
    entries left by earlier runs are not culled at random in the middle of this one.
    (Redis is left alone: it may be the Celery broker too; site tokens isolate tests.)"""
    from django.core.cache import caches
    from django.core.cache.backends.filebased import FileBasedCache

    if isinstance(caches["default"], FileBasedCache):
        caches["default"].clear()


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Start every test under a new site token: the cache outlives the test database, so a
    page cached by an earlier test must not be served to this one."""
    from articles import caching

    caching.reset()


@pytest.fixture
def roles(db):
    from articles.roles import ensure_roles

    return ensure_roles()


def _member(username: str, group_name: str | None, roles) -> object:
    from .factories import UserFactory

    user = UserFactory(username=username)
    if group_name:
        user.groups.add(roles[group_name])
    return user


REPORTERS, EDITORS = "Reporters", "Editors"


@pytest.fixture
def reporter(roles):
    from .factories import PersonFactory

    user = _member("reporter", REPORTERS, roles)
    PersonFactory(name="Rita Reporter", slug="rita-reporter", user=user)
    return user


@pytest.fixture
def other_reporter(roles):
    from .factories import PersonFactory

    user = _member("other_reporter", REPORTERS, roles)
    PersonFactory(name="Oscar Other", slug="oscar-other", user=user)
    return user


@pytest.fixture
def editor(roles):
    from .factories import PersonFactory

    user = _member("editor", EDITORS, roles)
    PersonFactory(name="Edith Editor", slug="edith-editor", user=user)
    return user


@pytest.fixture
def reader(db):
    """An account with no newsroom role (a subscriber, say)."""
    from .factories import UserFactory

    return UserFactory(username="reader", is_staff=False)


@pytest.fixture
def superuser(db):
    from .factories import UserFactory

    return UserFactory(username="root", is_superuser=True)


def publish(article, *, user=None, now: datetime | None = None):
    """Save a revision of `article` as it stands and publish it."""
    from articles.services import article_publish_revision, article_save_revision

    revision, _ = article_save_revision(article=article, user=user, comment="test")
    return article_publish_revision(article=article, revision=revision, user=user, now=now)


@pytest.fixture
def published_story(db):
    from .factories import ArticleFactory

    article = ArticleFactory(headline="A published story", slug="a-published-story")
    publish(article)
    article.refresh_from_db()
    return article




@pytest.fixture
def media(settings, tmp_path) -> Path:
    """MEDIA_ROOT for this test alone (photos and renditions land here)."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def make_photo(db, media):
    """Upload a wire photo to the library: `make_photo("Smoke over Baghdad", alt_text=...)`.
    Each title makes a different file (the library keeps one photo per file); the file has
    GPS EXIF and an IPTC credit "AP Photo/Hadi Mizban"."""
    from photos.services import photo_create_from_upload
    from tests.photos import images
    from tests.photos.conftest import upload_file

    def make(title: str = "Smoke over Baghdad", *, size=(1600, 1000), user=None, **fields):
        iptc = {**images.WIRE_IPTC, (2, 5): title}
        data = images.wire_jpeg(size, iptc=iptc)
        photo, created = photo_create_from_upload(
            file=upload_file(data, "IMG_0001.JPG"), user=user, title=title, **fields
        )
        assert created, f"{title!r} is already in the library: give each photo its own title"
        return photo

    return make


# The permission world (`tests/permission_world.py`) as fixtures, for the modules that ask
# for `w`: built once per module, rolled back after every test.


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            from tests.permission_world import build_world  # only where a module asks for it

            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def w(world, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield world
        transaction.set_rollback(True)
