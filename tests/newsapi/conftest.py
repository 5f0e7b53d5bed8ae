"""Fixtures for the machine interfaces: the demo site, and ninjs validation against the
IPTC schema as IPTC publishes it (the copy in ../shared, not the one the app ships)."""

from __future__ import annotations

import json

import pytest
from jsonschema import FormatChecker
from jsonschema.validators import validator_for

from tests.conftest import SHARED

NINJS_SCHEMA = SHARED / "schemas" / "ninjs" / "ninjs-schema_3.1.json"


@pytest.fixture(scope="session")
def ninjs_validator():
    schema = json.loads(NINJS_SCHEMA.read_text(encoding="utf-8"))
    return validator_for(schema)(schema, format_checker=FormatChecker())


def ninjs_errors(validator, item: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(item)
    ]


@pytest.fixture
def demo(db, settings):
    """The demo site: the reference story and its companions, published."""
    from newsroom.demo.content import load_demo

    settings.NEWSROOM_APPROVAL_CHECKS = []
    reference, _ = load_demo(users=False)
    return reference
