"""Every registered rule carries executable examples, and every example behaves."""

from __future__ import annotations

import re

import pytest

from apstyle.engine import Severity, all_rules, get_rule
from apstyle.engine.fields import KNOWN_FIELDS

from .helpers import assert_offsets, run_example

RULES = all_rules()
FLAG_CASES = [(r.id, i) for r in RULES for i in range(len(r.examples_flag))]
PASS_CASES = [(r.id, i) for r in RULES for i in range(len(r.examples_pass))]


def test_every_rule_has_examples_of_both_kinds() -> None:
    missing = [r.id for r in RULES if not r.examples_flag or not r.examples_pass]
    assert missing == []


def test_rule_ids_are_stable_and_unique() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert re.fullmatch(r"(AP-[A-Z]+-\d\d|NR-[A-Z-]+)", rule.id), rule.id
        assert rule.message
        assert isinstance(rule.severity, Severity)
        assert rule.fields <= set(KNOWN_FIELDS), rule.id
        if rule.id.startswith("AP-"):
            assert rule.entry, f"{rule.id} must cite its AP entry name"


def test_catalogue_coverage() -> None:
    ids = {r.id for r in RULES}
    expected = (
        {f"AP-NUM-0{i}" for i in range(1, 10)}
        | {f"AP-DATE-0{i}" for i in range(1, 10)}
        | {f"AP-TIME-0{i}" for i in range(1, 8)}
        | {f"AP-PLACE-0{i}" for i in range(1, 7)}
        | {f"AP-NAME-0{i}" for i in range(1, 10)}
        | {f"AP-ORG-0{i}" for i in range(1, 8)}
        | {f"AP-PUNC-0{i}" for i in range(1, 7)}
        | {"AP-CAP-01", "AP-CAP-02", "AP-CAP-03", "AP-ADDR-01", "AP-HED-01", "AP-HED-02"}
        | {"AP-STRUCT-01", "AP-READ-01", "AP-READ-02"}
        | {"NR-DOUBLED-WORD", "NR-ITS", "NR-REDUNDANCY", "NR-SPELLING", "NR-CONSISTENCY"}
    )
    assert expected <= ids, sorted(expected - ids)
    assert get_rule("AP-PUNC-07").id == "NR-DOUBLED-WORD"  # the catalogue id is an alias


@pytest.mark.parametrize(("rule_id", "index"), FLAG_CASES)
def test_flag_example(rule_id: str, index: int) -> None:
    rule = get_rule(rule_id)
    example = rule.examples_flag[index]
    findings, texts = run_example(rule, example)
    assert_offsets(findings, texts)
    assert any(f.rule == rule_id for f in findings), f"{rule_id} did not flag {example!r}"


@pytest.mark.parametrize(("rule_id", "index"), PASS_CASES)
def test_pass_example(rule_id: str, index: int) -> None:
    rule = get_rule(rule_id)
    example = rule.examples_pass[index]
    findings, _ = run_example(rule, example)
    assert [f for f in findings if f.rule == rule_id] == [], f"{rule_id} flagged {example!r}"
