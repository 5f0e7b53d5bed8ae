"""Shared helpers for the apstyle tests (pure Python, no Django)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from apstyle.engine import Checker, Finding, html_to_text_with_map
from apstyle.engine.rule_base import Example, Rule


def shared_dir() -> Path | None:
    """The shared/ folder beside the repository (or $NEWSROOM_SHARED_DIR)."""
    candidates = [Path(__file__).resolve().parents[2] / ".." / "shared"]
    if os.environ.get("NEWSROOM_SHARED_DIR"):
        candidates.insert(0, Path(os.environ["NEWSROOM_SHARED_DIR"]))
    for path in candidates:
        if (path / "stories").is_dir():
            return path.resolve()
    return None


def example_field(rule: Rule) -> str:
    """The field a plain-string example is checked as."""
    return "body" if "body" in rule.fields else sorted(rule.fields)[0]


def run_example(rule: Rule, example: Example) -> tuple[list[Finding], dict[str, str]]:
    """Check one rule example with only that rule active; returns (findings, texts by field)."""
    checker = Checker([rule], force_rules=True)
    if isinstance(example, str):
        fields = {example_field(rule): example}
        return checker.check_story(fields), fields
    assert isinstance(example, Mapping)
    if "html" in example:
        tm = html_to_text_with_map(example["html"])
        return checker.check_text(tm.text, italic_spans=tm.italic_spans), {"body": tm.text}
    return checker.check_story(dict(example)), dict(example)


def assert_offsets(findings: list[Finding], texts: Mapping[str, str]) -> None:
    for f in findings:
        text = texts[f.field]
        assert 0 <= f.start <= f.end <= len(text), f
        assert text[f.start : f.end] == f.text, f
