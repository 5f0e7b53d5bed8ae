"""The public API of the articles app (`articles/__init__.py`): every exported name resolves
to the object in its home module, tools see the same names, submodules still import, and
importing the package loads no models (Django imports it before the models are ready)."""

from __future__ import annotations

from types import ModuleType

import pytest

import articles
from tests.public_api import modules_loaded_by_import, resolves_to_home, type_checking_imports


@pytest.mark.parametrize("name", articles.__all__)
def test_every_public_name_resolves_to_its_home(name):
    module, attribute = articles._EXPORTS[name]
    assert resolves_to_home(articles, name, module, attribute)


def test_tools_see_the_same_names_from_the_same_homes():
    assert type_checking_imports(articles) == articles._EXPORTS


def test_an_unknown_name_raises_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'no_such_service'"):
        articles.no_such_service  # noqa: B018
    assert not hasattr(articles, "of_article")  # a home's own name is not exported


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
    assert modules_loaded_by_import("articles", ("articles.", "django.db")) == []
