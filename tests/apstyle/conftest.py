"""Fixtures for the apstyle tests."""

import pytest

from .stories import make_messy_story


@pytest.fixture
def messy_story(reporter):
    return make_messy_story(reporter)
