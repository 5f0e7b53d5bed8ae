"""Fixtures for the apstyle tests."""

from .stories import messy_story  # noqa: F401
