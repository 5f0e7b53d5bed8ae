"""The apstyle package's API (`apstyle/__init__.py`): the engine's entry points and the two
house-style functions, resolved on first use, so importing the app loads no models."""

from __future__ import annotations

import pytest

import apstyle
from tests.public_api import modules_loaded_by_import, resolves_to_home, type_checking_imports


@pytest.mark.parametrize("name", apstyle.__all__)
def test_every_public_name_resolves_to_its_home(name):
    assert resolves_to_home(apstyle, name, apstyle._EXPORTS[name], name)


def test_tools_see_the_same_names_from_the_same_homes():
    expected = {name: (module, name) for name, module in apstyle._EXPORTS.items()}
    assert type_checking_imports(apstyle) == expected


def test_an_unknown_name_raises_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'house_rules'"):
        apstyle.house_rules  # noqa: B018


def test_importing_the_package_loads_no_models():
    assert modules_loaded_by_import("apstyle", ("apstyle.", "django.db")) == []
