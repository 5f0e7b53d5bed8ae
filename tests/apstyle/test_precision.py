"""Precision: correct AP copy (our own clean corpus and tricky sentences) raises nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from apstyle.engine import Severity, check_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TRICKY_BUT_CORRECT = [
    "The U.S. Open starts Monday, and Will Smith will attend.",
    "Mark said it was fine. May is a good month; Grace agreed.",
    "He hosts an AM radio show at 6 a.m. on weekdays.",
    "Gen Z voters turned out in large numbers.",
    "COVID-19 cases fell after 9/11 memorials drew crowds 24/7.",
    "The Boeing 737 Max was grounded for 20 months.",
    "Hits from the ’90s and the 1980s filled the playlist.",
    "“I’m 100 percent sure,” he said, “and I told them 5 times.”",
    "The vote was 6-3, with two abstentions.",
    "The Rev. Al Sharpton spoke at 2:30 p.m. Eastern time.",
    "She lives on Elm Street in St. Louis.",
    "Miss America and Mr. Olympia attended.",
    "Doctors Without Borders said it would withdraw.",
    "General Motors and General Electric reported earnings.",
    "Private First Class soldiers train here.",
    "It is one of the top 10 schools in the country.",
    "The 1-year-old and the 2-month-old were unhurt.",
    "The 3-2 win gave them a 2-0 series lead.",
    "He wore No. 9 and played on Route 66.",
    "The bill, H.R. 1, passed.",
    "Apple’s iPhone 15 went on sale.",
    "The 101st Airborne Division and the 82nd Airborne.",
    "Internet Explorer is gone, but the internet lives on.",
    "He said that that plan had had problems.",
    "The 6-foot-5 forward scored 31 points.",
]


def test_clean_ap_corpus_has_no_errors_or_warnings() -> None:
    text = (FIXTURES / "clean_ap.txt").read_text(encoding="utf-8")
    noisy = [(f.rule, f.text) for f in check_text(text) if f.severity is not Severity.SUGGESTION]
    assert noisy == []


@pytest.mark.parametrize("sentence", TRICKY_BUT_CORRECT)
def test_tricky_but_correct_sentences_are_not_flagged(sentence: str) -> None:
    assert [(f.rule, f.text) for f in check_text(sentence)] == []
