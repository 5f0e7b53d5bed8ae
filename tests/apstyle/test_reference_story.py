"""The golden article: the reference story's real slips are caught, nothing else errs."""

from __future__ import annotations

import pytest

from apstyle.engine import Severity, check_story, check_text

from .helpers import assert_offsets, shared_dir

SHARED = shared_dir()
pytestmark = pytest.mark.skipif(
    SHARED is None, reason="shared/stories not found (set NEWSROOM_SHARED_DIR)"
)


@pytest.fixture(scope="module")
def story() -> dict[str, str]:
    raw = (SHARED / "stories" / "baghdad-strike.txt").read_text(encoding="utf-8")
    paras = raw.split("\n\n")
    credit = next(i for i, p in enumerate(paras) if p.startswith("Associated Press staff writers"))
    return {
        "body": "\n\n".join(paras[:credit]),
        "credit_line": paras[credit],
        "bio": paras[credit + 1],
    }


@pytest.fixture(scope="module")
def findings(story):
    return check_story(story, protected_names=["Meghann Myers", "Ali Jabar", "Tara Copp"])


def _at(story: dict[str, str], field: str, needle: str, nth: int = 0) -> tuple[int, int]:
    text = story[field]
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


def test_offsets_are_exact(story, findings) -> None:
    assert_offsets(findings, story)


def test_finds_us_led_beside_u_s_led(story, findings) -> None:
    start, _ = _at(story, "body", "US-led")
    hits = [f for f in findings if f.field == "body" and (f.start, f.end) == (start, start + 2)]
    assert [f.rule for f in hits] == ["AP-PLACE-05"]
    assert hits[0].severity is Severity.ERROR
    assert hits[0].suggestions == ("U.S.",)
    assert hits[0].safe_fix


def test_finds_doubled_is_across_the_quote_mark(story, findings) -> None:
    start, end = _at(story, "body", "is “is")
    hits = [f for f in findings if f.rule == "NR-DOUBLED-WORD"]
    assert [(f.start, f.end) for f in hits] == [(start, end)]
    assert hits[0].suggestions == ("“is",)
    assert not hits[0].safe_fix  # which "is" to drop is the editor's call


def test_no_other_errors(findings) -> None:
    errors = [(f.rule, f.text) for f in findings if f.severity is Severity.ERROR]
    assert sorted(errors) == [("AP-PLACE-05", "US"), ("NR-DOUBLED-WORD", "is “is")]


def test_warnings_and_suggestions_are_few_and_expected(findings) -> None:
    others = [f for f in findings if f.severity is not Severity.ERROR]
    assert {f.rule for f in others} <= {"AP-READ-01", "AP-ORG-07", "AP-ORG-02", "AP-ORG-05"}
    assert len(others) <= 9
    assert any(f.rule == "AP-ORG-07" and f.text == "war planes" for f in others)


@pytest.mark.parametrize(
    ("field", "needle"),
    [
        ("body", "Oct. 7"),
        ("body", "more than 100"),
        ("body", "20,000"),
        ("body", "Air Force Maj. Gen. Pat Ryder"),
        ("body", "spokesman Yehia Rasool"),
        ("body", "Popular Mobilization Force, or PMF,"),
        ("body", "self defense"),  # inside a direct quote: word choice is not ours to change
        ("body", "two people and wounded five"),
        ("body", " — "),
        ("credit_line", "Bassem Mroue in Beirut and Melanie Lidman in Jerusalem"),
        ("bio", "operations, policy, personnel, leadership and other issues"),
    ],
)
def test_correct_ap_is_left_alone(story, findings, field: str, needle: str) -> None:
    start, end = _at(story, field, needle)
    overlapping = [
        f
        for f in findings
        if f.field == field and f.start < end and f.end > start and not f.rule.startswith("AP-READ")
    ]
    assert overlapping == []


def test_credit_line_and_bio_are_clean(findings) -> None:
    assert [f for f in findings if f.field in ("credit_line", "bio")] == []


def test_whole_file_as_one_body_gives_the_same_errors(story) -> None:
    raw = (SHARED / "stories" / "baghdad-strike.txt").read_text(encoding="utf-8")
    errors = sorted((f.rule, f.text) for f in check_text(raw) if f.severity is Severity.ERROR)
    assert errors == [("AP-PLACE-05", "US"), ("NR-DOUBLED-WORD", "is “is")]


def test_headline_and_dateline_fields(story) -> None:
    fields = dict(
        story,
        headline="US strike in Baghdad kills Iran-backed militia leader",
        dateline="BAGHDAD (AP) —",
    )
    findings = check_story(fields)
    assert [f for f in findings if f.field in ("headline", "dateline")] == []
    bad = check_story(
        dict(fields, headline="U.S. Strike In Baghdad Kills Militia Leader.", dateline="Baghdad")
    )
    rules = {(f.field, f.rule) for f in bad if f.field in ("headline", "dateline")}
    assert rules == {
        ("headline", "AP-PLACE-05"),
        ("headline", "AP-HED-01"),
        ("headline", "AP-HED-02"),
        ("dateline", "AP-PLACE-03"),
    }
