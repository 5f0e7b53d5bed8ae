"""Engine behaviour: scope, protection, house rules, editions, HTML offsets, caching."""

from __future__ import annotations

from datetime import date

from apstyle.engine import (
    HouseRules,
    LineIndex,
    Severity,
    Term,
    check_story,
    check_text,
    get_checker,
    html_to_text_with_map,
    line_col,
)


def rules_of(findings) -> list[str]:
    return [f.rule for f in findings]


# --- quotations -------------------------------------------------------------------------


def test_wording_rules_skip_direct_quotes_but_mechanical_rules_run() -> None:
    text = "“We sent an e-mail at 5pm,” Ryder said. He sent an e-mail."
    findings = check_text(text)
    emails = [f for f in findings if f.rule == "AP-ORG-03"]
    assert [text[f.start : f.end] for f in emails] == ["e-mail"]
    assert emails[0].start > text.index("said")
    times = [f for f in findings if f.rule == "AP-TIME-01"]
    assert len(times) == 1 and times[0].in_quote and not times[0].safe_fix


def test_straight_quotes_and_unclosed_multi_paragraph_quotes() -> None:
    text = (
        'He said "the e-mail was fine." Then:\n\n'
        "“The e-mail was sent\n\n“and the e-mail arrived,” she said."
    )
    assert [f for f in check_text(text) if f.rule == "AP-ORG-03"] == []


# --- protected spans --------------------------------------------------------------------


def test_urls_emails_and_protected_names_are_never_flagged() -> None:
    text = "See https://example.com/US-led/the the and write to the.the@example.org."
    assert check_text(text) == []
    assert rules_of(check_text("Dr. Goverment said.")) == ["NR-SPELLING"]
    assert check_text("Dr. Goverment said.", protected_names=["Ann Goverment"]) == []


# --- house rules --------------------------------------------------------------------------


def test_house_substitution_forbidden_and_allowed() -> None:
    house = HouseRules.build(
        substitutions={"militant": "fighter"},
        forbidden=[Term("slammed", message="Say criticized.", severity=Severity.ERROR)],
        allowed=["war planes"],
    )
    text = "The militant slammed Iraqi war planes."
    findings = check_text(text, house_rules=house)
    by_rule = {f.rule: f for f in findings}
    assert by_rule["NR-HOUSE-TERM"].suggestions == ("fighter",)
    assert by_rule["NR-HOUSE-FORBIDDEN"].severity is Severity.ERROR
    assert by_rule["NR-HOUSE-FORBIDDEN"].message == "Say criticized."
    assert "AP-ORG-07" not in by_rule  # allowed exception


def test_house_rule_off_and_regrade() -> None:
    text = "Iraqi war planes flew over US-led forces."
    assert "AP-ORG-07" in rules_of(check_text(text))
    off = HouseRules.build(disabled=["AP-ORG-07"])
    assert "AP-ORG-07" not in rules_of(check_text(text, house_rules=off))
    regrade = HouseRules.build(severities={"AP-PLACE-05": "suggestion"})
    (place,) = [f for f in check_text(text, house_rules=regrade) if f.rule == "AP-PLACE-05"]
    assert place.severity is Severity.SUGGESTION
    alias_off = HouseRules.build(disabled=["AP-PUNC-07"])
    assert check_text("The the end.", house_rules=alias_off) == []


def test_opt_in_rule_and_edition_pinning() -> None:
    text = "Prices rose 5 percent in over 100 stores."
    latest = rules_of(check_text(text))
    assert "AP-NUM-05" in latest and "AP-ORG-04" not in latest
    assert "AP-ORG-04" in rules_of(
        check_text(text, house_rules=HouseRules.build(enabled=["AP-ORG-04"]))
    )
    pinned = rules_of(check_text(text, edition=date(2018, 6, 1)))
    assert "AP-NUM-05" not in pinned  # the % sign arrived in 2019
    old = rules_of(check_text(text, edition=date(2013, 1, 1)))
    assert "AP-ORG-04" in old  # "more than" was required before March 2014
    house_pinned = HouseRules.build(edition=date(2015, 1, 1))
    assert "AP-NUM-05" not in rules_of(check_text(text, house_rules=house_pinned))


def test_edition_pins_per_term_dates() -> None:
    text = "She read it on the Internet and sent an e-mail."
    assert rules_of(check_text(text, edition=date(2015, 1, 1))) == ["AP-ORG-03"]  # e-mail only
    assert rules_of(check_text(text, edition=date(2009, 1, 1))) == []
    assert (
        rules_of(check_text("Officials in Lafayette, Ind., agreed.", edition=date(2013, 1, 1)))
        == []
    )


def test_checker_is_cached_per_rule_set() -> None:
    a = HouseRules.build(substitutions={"foo": "bar"}, version="1")
    b = HouseRules.build(substitutions={"foo": "bar"}, version="1")
    c = HouseRules.build(substitutions={"foo": "baz"}, version="2")
    assert get_checker(a) is get_checker(b)
    assert get_checker(a) is not get_checker(c)
    assert get_checker() is get_checker(None)


# --- fields and documents -------------------------------------------------------------------


def test_fields_have_their_own_rules() -> None:
    findings = check_story(
        {"headline": "US strike kills 5", "body": "A US strike killed 5 people."}
    )
    assert [(f.field, f.rule) for f in findings] == [("body", "AP-PLACE-05"), ("body", "AP-NUM-01")]


def test_unknown_field_is_checked_as_body() -> None:
    (f,) = check_story({"caption": "A US soldier stands guard."})
    assert (f.field, f.rule) == ("caption", "AP-PLACE-05")


def test_same_span_is_reported_once_most_severe_wins() -> None:
    findings = check_text("U.S. troops and U.S. advisers met US officials.")
    assert [(f.rule, f.text) for f in findings] == [("AP-PLACE-05", "US")]


def test_replacement_recapitalised_at_sentence_start() -> None:
    (f,) = [f for f in check_text("Okay, the plan works.") if f.rule == "AP-ORG-03"]
    assert f.suggestions == ("OK",)
    (f,) = check_text("Towards dawn the shelling stopped.")
    assert f.suggestions == ("Toward",)


def test_finding_to_dict_is_json_ready() -> None:
    (f,) = check_text("The war began October 7.")
    d = f.to_dict()
    assert d["rule"] == "AP-DATE-01" and d["severity"] == "error" and d["suggestions"] == ["Oct."]
    assert len(d["fingerprint"]) == 12


# --- positions ---------------------------------------------------------------------------------


def test_line_col_helpers() -> None:
    text = "one\ntwo three\n\nfour"
    idx = LineIndex(text)
    for offset in range(len(text) + 1):
        assert idx.line_col(offset) == line_col(text, offset)
    assert line_col(text, text.index("three")) == (2, 5)
    assert line_col(text, text.index("four")) == (4, 1)


def test_html_offsets_map_back_to_the_source() -> None:
    html = (
        "<p>He said his government is <em>“is</em> proceeding.</p>\n"
        "<p>A US&nbsp;strike &amp; more.</p>"
    )
    tm = html_to_text_with_map(html)
    assert tm.text == "He said his government is “is proceeding.\n\nA US strike & more."
    findings = check_text(tm.text)
    spans = {f.rule: tm.to_source(f.start, f.end) for f in findings}
    s, e = spans["NR-DOUBLED-WORD"]
    assert html[s:e] == "is <em>“is"
    s, e = spans["AP-PLACE-05"]
    assert html[s:e] == "US"


def test_html_drops_scripts_comments_and_marks_italics() -> None:
    tm = html_to_text_with_map(
        "<script>var x = 'US';</script><!-- US --><p>Read <i>Moby Dick</i> now</p>"
    )
    assert tm.text == "Read Moby Dick now"
    (start, end) = tm.italic_spans[0]
    assert tm.text[start:end] == "Moby Dick"
    assert tm.to_source(0, 0) == (tm.starts[0], tm.starts[0])
    assert tm.to_source(len(tm.text), len(tm.text)) == (tm.source_length, tm.source_length)
