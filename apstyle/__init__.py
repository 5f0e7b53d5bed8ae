"""Newsroom's AP style checker, as a reusable Django app.

The engine (`apstyle.engine`, `apstyle.rules`, `apstyle.data`) is pure Python; its API
is re-exported here, with the two Django functions that build the house rules from the
database (`apstyle.house_styles`). The other Django parts are `apstyle.models`,
`apstyle.admin`, `apstyle.services` and the `stylecheck` management command.

Django imports this module while it loads the apps, before any model can be imported, so
the names are resolved on first use (PEP 562 module `__getattr__`); an unknown name
raises AttributeError, so submodules still import.
"""

# ruff: noqa: F401 - the TYPE_CHECKING imports tell tools what `__getattr__` returns

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import (
        RULEPACK_VERSION,
        Checker,
        Finding,
        HouseRules,
        LineIndex,
        Scope,
        Severity,
        Term,
        TextMap,
        all_rules,
        check_story,
        check_text,
        get_checker,
        get_rule,
        html_to_text_with_map,
        line_col,
    )
    from .house_styles import house_rules_from_db, ruleset_version

_ENGINE = "apstyle.engine"
_HOUSE_STYLES = "apstyle.house_styles"

# Public name -> the module that defines or indexes it.
_EXPORTS: dict[str, str] = {
    "check_story": _ENGINE,
    "check_text": _ENGINE,
    "get_checker": _ENGINE,
    "Checker": _ENGINE,
    "Finding": _ENGINE,
    "Severity": _ENGINE,
    "Scope": _ENGINE,
    "HouseRules": _ENGINE,
    "Term": _ENGINE,
    "html_to_text_with_map": _ENGINE,
    "TextMap": _ENGINE,
    "line_col": _ENGINE,
    "LineIndex": _ENGINE,
    "all_rules": _ENGINE,
    "get_rule": _ENGINE,
    "RULEPACK_VERSION": _ENGINE,
    "house_rules_from_db": _HOUSE_STYLES,
    "ruleset_version": _HOUSE_STYLES,
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    return getattr(import_module(module), name)
