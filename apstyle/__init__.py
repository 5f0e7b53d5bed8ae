"""Newsroom's AP style checker, as a reusable Django app.

The engine (`apstyle.engine`, `apstyle.rules`, `apstyle.data`) is pure Python. The names
below are re-exported lazily so `import apstyle` never imports Django models; the
Django parts are `apstyle.models`, `apstyle.admin`, `apstyle.houserules` and the
`stylecheck` management command.
"""

from __future__ import annotations

from typing import Any

_ENGINE_NAMES = frozenset(
    {
        "Checker",
        "Finding",
        "HouseRules",
        "LineIndex",
        "RULEPACK_VERSION",
        "Scope",
        "Severity",
        "Term",
        "TextMap",
        "all_rules",
        "check_story",
        "check_text",
        "get_checker",
        "get_rule",
        "html_to_text_with_map",
        "line_col",
    }
)
_DJANGO_NAMES = frozenset({"house_rules_from_db", "ruleset_version"})

__all__ = sorted(_ENGINE_NAMES | _DJANGO_NAMES)


def __getattr__(name: str) -> Any:
    if name in _ENGINE_NAMES:
        from . import engine

        return getattr(engine, name)
    if name in _DJANGO_NAMES:
        from . import houserules

        return getattr(houserules, name)
    raise AttributeError(f"module 'apstyle' has no attribute {name!r}")
