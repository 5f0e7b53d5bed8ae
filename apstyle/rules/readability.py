"""Readability advisories (house heuristics, not AP rules): AP-READ-01, AP-READ-02."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import TextContext
from ..engine.fields import BODY_ONLY
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, Scope
from ._common import SUGGESTION, WARNING

LONG_SENTENCE = 35
VERY_LONG_SENTENCE = 45
LONG_PARAGRAPH_WORDS = 70
LONG_PARAGRAPH_SENTENCES = 4


def _read01(ctx: TextContext) -> Iterator[Hit]:
    for s, n in zip(ctx.sentences, ctx.sentence_word_counts, strict=True):
        if n > LONG_SENTENCE:
            yield Hit(
                s.start,
                s.end,
                (),
                message=(
                    f"Long sentence ({n} words); news sentences read best under {LONG_SENTENCE}."
                ),
                severity=WARNING if n > VERY_LONG_SENTENCE else SUGGESTION,
            )


register(
    FunctionRule(
        "AP-READ-01",
        _read01,
        severity=SUGGESTION,
        message="Long sentence.",
        entry="readability (house heuristic)",
        scope=Scope.MECHANICAL,
        fields=BODY_ONLY,
        examples_flag=(" ".join(["word"] * 40) + ".",),
        examples_pass=("The strike killed two people and wounded five.",),
    )
)


def _read02(ctx: TextContext) -> Iterator[Hit]:
    sentences, counts = ctx.sentences, ctx.sentence_word_counts
    i = 0
    for p in ctx.paragraphs:
        count = 0
        words = 0
        while i < len(sentences) and sentences[i].start < p.end:
            count += 1
            words += counts[i]  # sentences tile a paragraph; only spaces lie between them
            i += 1
        if count >= LONG_PARAGRAPH_SENTENCES or words >= LONG_PARAGRAPH_WORDS:
            yield Hit(
                p.start,
                p.end,
                (),
                message=(
                    f"Long paragraph ({count} sentences, {words} words); news paragraphs "
                    f"run one or two sentences."
                ),
            )


register(
    FunctionRule(
        "AP-READ-02",
        _read02,
        severity=SUGGESTION,
        message="Long paragraph.",
        entry="readability (house heuristic)",
        scope=Scope.MECHANICAL,
        fields=BODY_ONLY,
        examples_flag=("One. Two. Three. Four.",),
        examples_pass=("One sentence. Then another.\n\nA new paragraph.",),
    )
)
