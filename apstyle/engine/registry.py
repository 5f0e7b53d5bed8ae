"""The rule registry: every rule module registers its rules here at import time.

Rule modules live in `apstyle.rules`; importing that package (done lazily by
`all_rules()`) compiles their patterns once per process.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from .rule_base import Rule

_RULES: dict[str, Rule] = {}
_ALIASES: dict[str, str] = {}
_loaded = False

#: Bump when the rule pack changes behaviour, so cached results keyed by
#: `ruleset_version()` are recomputed after a deploy.
RULEPACK_VERSION = "2026.12.1"


def register(*rules: Rule) -> None:
    """Add rules to the registry. Raises ValueError on a duplicate id or alias."""
    for rule in rules:
        for key in (rule.id, *rule.aliases):
            if key in _RULES or key in _ALIASES:
                raise ValueError(f"duplicate rule id or alias: {key}")
        _RULES[rule.id] = rule
        for alias in rule.aliases:
            _ALIASES[alias] = rule.id


def _load() -> None:
    # The rule pack imports the engine to register its rules, so the engine cannot import
    # the pack at its top; it loads it on first use, as Django's admin autodiscovers
    # `admin` modules. That keeps `import apstyle.engine` cheap and the pack replaceable.
    global _loaded
    if not _loaded:
        importlib.import_module("apstyle.rules")
        _loaded = True


def all_rules() -> list[Rule]:
    """Every registered rule: the AP catalogue first, then Newsroom's own (NR-) rules.

    This order is also the tie-break when two rules of equal severity flag one span.
    """
    _load()
    return sorted(_RULES.values(), key=lambda r: (not r.id.startswith("AP-"), r.id))


def get_rule(rule_id: str) -> Rule:
    """The rule with this id or alias. Raises KeyError if unknown."""
    _load()
    return _RULES[_ALIASES.get(rule_id, rule_id)]


def canonical_ids(ids: Iterable[str]) -> frozenset[str]:
    """Map ids and aliases to canonical ids, keeping unknown ids as given."""
    _load()
    return frozenset(_ALIASES.get(i, i) for i in ids)
