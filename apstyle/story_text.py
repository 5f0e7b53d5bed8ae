"""A story as the checker reads it: the parts it checks, their plain text, and how a
finding is stored with its context and, in the HTML body, its span in the markup.

`TARGETS` names the parts in the order the panel lists them; bylines' bio lines follow as
"bio.0", "bio.1", ... Only `WRITABLE` parts (and bio lines) can take a fix: the credit
line is generated from the structured credits, so its findings are fixed there by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles import Snapshot, credit_entries, credit_line, names_for
from articles.models import Tag

from . import conf
from .engine import Finding, HouseRules, TextMap, get_checker, html_to_text_with_map

TARGETS = {
    "headline": "Headline",
    "dek": "Dek",
    "dateline": "Dateline",
    "body": "Body",
    "credit_line": "Credit line",
}
#: The story's own fields a fix can be written back to.
WRITABLE = frozenset({"headline", "dek", "dateline", "body"})


def is_writable(target: str) -> bool:
    return target in WRITABLE or target.startswith("bio.")


def target_order(target: str) -> tuple[int, int]:
    if target.startswith("bio."):
        return len(TARGETS), int(target.partition(".")[2])
    return list(TARGETS).index(target) if target in TARGETS else len(TARGETS) + 1, 0


def has_markup(source: str) -> bool:
    """Whether a span of the HTML body holds (part of) a tag."""
    return "<" in source or ">" in source


@dataclass(frozen=True)
class StoryText:
    """The plain text of each checkable part of one story, ready for the engine."""

    parts: dict[str, str]
    labels: dict[str, str]
    body_html: str
    body_map: TextMap
    protected_names: tuple[str, ...]


def story_text(snapshot: Snapshot) -> StoryText:
    """The parts of `snapshot` to check: the body stripped of HTML (with the map back to
    it), the credit line as readers get it, each byline's bio line; and the names the
    checker must leave alone (bylined and credited people and outlets, tags)."""
    names = names_for(snapshot)
    body_map = html_to_text_with_map(snapshot.body)
    parts = {
        "headline": snapshot.headline,
        "dek": snapshot.dek,
        "dateline": snapshot.dateline,
        "body": body_map.text,
        "credit_line": credit_line(credit_entries(snapshot, names)),
    }
    labels = dict(TARGETS)
    for position, byline in enumerate(snapshot.bylines):
        person = names.person(byline.person_id)
        parts[f"bio.{position}"] = byline.bio_line
        labels[f"bio.{position}"] = f"Bio line of {person.name}" if person else "Bio line"
    protected = [p.name for p in names.people.values()]
    protected += [o.name for o in names.organisations.values()]
    protected += list(Tag.objects.filter(pk__in=snapshot.tag_ids).values_list("name", flat=True))
    return StoryText(parts, labels, snapshot.body, body_map, tuple(sorted(set(protected))))


def check_story_text(story: StoryText, house_rules: HouseRules | None) -> list[dict]:
    """Run the engine over `story`; the findings as `StyleReport.findings` stores them."""
    checker = get_checker(house_rules)
    whole = {k: v for k, v in story.parts.items() if not k.startswith("bio.")}
    found = [
        (f.field, f)
        for f in checker.check_story(
            whole,
            protected_names=story.protected_names,
            italic_spans={"body": story.body_map.italic_spans},
        )
    ]
    # Bio lines are checked one by one as the engine's "bio" field: a story has one of
    # each field, and a bio line belongs to one byline.
    for target, text in story.parts.items():
        if target.startswith("bio.") and text:
            found += [
                (target, f)
                for f in checker.check_text(
                    text, field="bio", protected_names=story.protected_names
                )
            ]
    return [_stored(target, f, story) for target, f in found]


def _stored(target: str, finding: Finding, story: StoryText) -> dict:
    text = story.parts[target]
    width = conf.get("APSTYLE_CONTEXT_CHARS")
    data = finding.to_dict()
    data.update(
        target=target,
        label=story.labels[target],
        before=_before(text, finding.start, width),
        after=_after(text, finding.end, width),
    )
    if target == "body":
        start, end = story.body_map.to_source(finding.start, finding.end)
        # A fix is written into the HTML only where the span holds no markup.
        data.update(
            source_start=start,
            source_end=end,
            crosses_markup=has_markup(story.body_html[start:end]),
        )
    return data


def _before(text: str, start: int, width: int) -> str:
    """Up to `width` characters before `start`, on one line, cut at a word boundary."""
    low = max(0, start - width)
    piece = text[low:start]
    if low > 0:
        cut = piece.find(" ")
        piece = "…" + (piece[cut:] if cut >= 0 else piece)
    return re.sub(r"\s+", " ", piece)


def _after(text: str, end: int, width: int) -> str:
    """Up to `width` characters after `end`, on one line, cut at a word boundary."""
    high = min(len(text), end + width)
    piece = text[end:high]
    if high < len(text):
        cut = piece.rfind(" ")
        piece = (piece[:cut] if cut > 0 else piece) + "…"
    return re.sub(r"\s+", " ", piece)
