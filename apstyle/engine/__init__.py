"""The AP style engine: pure Python, no Django.

Public API::

    check_text(text, *, field="body", protected_names=(), house_rules=None, edition=None)
    check_story(fields, *, protected_names=(), house_rules=None, edition=None)
    get_checker(house_rules=None, edition=None) -> Checker
    html_to_text_with_map(html) -> TextMap          # TextMap.to_source(start, end)
    line_col(text, offset) / LineIndex(text).line_col(offset)
    all_rules() / get_rule(rule_id)
    Finding, Severity, Scope, HouseRules, Term, RULEPACK_VERSION
"""

from .checker import Checker, check_story, check_text, get_checker
from .fields import KNOWN_FIELDS
from .finding import Finding, Severity
from .house_rules import HouseRules, Term
from .html import TextMap, html_to_text_with_map
from .registry import RULEPACK_VERSION, all_rules, get_rule
from .rule_base import Scope
from .text import LineIndex, line_col

__all__ = [
    "KNOWN_FIELDS",
    "RULEPACK_VERSION",
    "Checker",
    "Finding",
    "HouseRules",
    "LineIndex",
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
]
