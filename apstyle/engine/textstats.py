"""Readability figures for a plain text (informational, not findings; nothing calls it yet).

Sentences come from the AP-aware splitter, so "Maj. Gen." and "Oct. 7" do not inflate
the sentence count as textstat's splitter does. Syllables are estimated with a vowel-
group heuristic (no dictionary download, no network): good enough for a trend figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import count_words, paragraphs, sentences

_VOWEL_GROUPS_RE = re.compile(r"[aeiouy]+")
_WORD_RE = re.compile(r"[A-Za-z]+")


def syllables(word: str) -> int:
    """Estimated syllables in an English word (at least 1)."""
    w = word.lower()
    n = len(_VOWEL_GROUPS_RE.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    if (
        w.endswith(("ed", "es"))
        and n > 1
        and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges"))
    ):
        n -= 1
    return max(n, 1)


@dataclass(frozen=True, slots=True)
class ReadabilityStats:
    words: int
    sentences: int
    paragraphs: int
    average_sentence_length: float
    longest_sentence: int
    sentences_over_35_words: int
    flesch_reading_ease: float
    flesch_kincaid_grade: float


def readability(text: str) -> ReadabilityStats:
    """Word, sentence and grade figures for `text` (plain text)."""
    paras = paragraphs(text)
    sents = sentences(text, paras)
    lengths = [count_words(text, s.start, s.end) for s in sents]
    words = sum(lengths)
    letters_words = _WORD_RE.findall(text)
    syl = sum(syllables(w) for w in letters_words)
    n_sent = max(len(sents), 1)
    n_words = max(words, 1)
    wps = n_words / n_sent
    spw = syl / max(len(letters_words), 1)
    return ReadabilityStats(
        words=words,
        sentences=len(sents),
        paragraphs=len(paras),
        average_sentence_length=round(wps, 1),
        longest_sentence=max(lengths, default=0),
        sentences_over_35_words=sum(1 for n in lengths if n > 35),
        flesch_reading_ease=round(206.835 - 1.015 * wps - 84.6 * spw, 1),
        flesch_kincaid_grade=round(0.39 * wps + 11.8 * spw - 15.59, 1),
    )
