"""The public API of the articles app (`articles/__init__.py`): every exported name resolves
to the object in its home module, nothing else is invented, submodules still import, and
importing the package loads no models (Django imports it before the models are ready)."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module
from types import ModuleType

import pytest

import articles


def test_all_lists_exactly_the_exported_names():
    assert articles.__all__ == sorted(articles._EXPORTS)


@pytest.mark.parametrize("name", articles.__all__)
def test_every_public_name_resolves_to_its_home(name):
    module, attribute = articles._EXPORTS[name]
    value = getattr(articles, name)
    assert value is getattr(import_module(module), attribute)
    assert name in dir(articles)


def test_an_unknown_name_raises_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'no_such_service'"):
        articles.no_such_service  # noqa: B018
    assert not hasattr(articles, "of_article")  # home names are not exported by accident


def test_submodules_still_import():
    from articles import workflow

    assert isinstance(workflow, ModuleType)
    assert workflow.__name__ == "articles.workflow"
    assert articles.approval_refusals is workflow.approval_refusals


def test_star_import_gives_the_public_names():
    namespace: dict = {}
    exec("from articles import *", namespace)  # noqa: S102
    assert set(namespace) - {"__builtins__"} == set(articles.__all__)


def test_importing_the_package_loads_no_models():
    code = (
        "import sys, articles; "
        "loaded = [m for m in sys.modules if m.startswith(('articles.', 'django.db'))]; "
        "print(loaded)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
