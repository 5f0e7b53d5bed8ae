"""Fixtures for the apstyle tests."""

import pytest

from .stories import make_messy_story
from .worker import celery_worker  # noqa: F401  a fixture: a real Celery worker process


@pytest.fixture
def messy_story(reporter):
    return make_messy_story(reporter)
