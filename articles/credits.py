"""AP-style contributor lines from structured credits.

    >>> credit_line([
    ...     CreditEntry("Ali Jabar", "Associated Press", "staff writer", "Baghdad"),
    ...     CreditEntry("Tara Copp", "Associated Press", "staff writer", "Washington"),
    ... ])
    'Associated Press staff writers Ali Jabar in Baghdad and Tara Copp in Washington contributed to this report.'

Credits are grouped by organisation, then by role within it, in the order they were
entered. People who share a location are named together before it (“A and B in Baghdad”).
Series take no serial comma; where an item itself holds a comma (“Dubai, United Arab
Emirates”) the series is punctuated so it still reads unambiguously.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ENDING = "contributed to this report."


@dataclass(frozen=True)
class CreditEntry:
    person: str = ""
    organisation: str = ""
    role: str = ""
    location: str = ""


_IRREGULAR_PLURALS = {"staff": "staff", "person": "people", "chief": "chiefs"}


def pluralize_role(role: str) -> str:
    """“staff writer” → “staff writers”, “photographer” → “photographers”. Only the last
    word changes; roles are English job titles, so the rules are few."""
    head, _, last = role.rpartition(" ")
    lower = last.lower()
    if lower in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[lower]
    elif re.search(r"(s|x|z|ch|sh)$", lower):
        plural = last + "es"
    elif re.search(r"[^aeiou]y$", lower):
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def join_series(items: Sequence[str]) -> str:
    """AP series: “a, b and c”; “a; b; and c” when an item holds a comma."""
    items = [item for item in items if item]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if any("," in item for item in items):
        if len(items) == 2:
            # “A in Dubai, United Arab Emirates, and B in Tehran”: the comma closes the
            # appositive place name.
            first = items[0] + ("," if "," in items[0] else "")
            return f"{first} and {items[1]}"
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _people_phrase(entries: Sequence[CreditEntry]) -> str:
    """Names with their locations; consecutive people in one location share it."""
    runs: list[tuple[list[str], str]] = []
    for entry in entries:
        if runs and runs[-1][1] == entry.location and entry.location:
            runs[-1][0].append(entry.person)
        else:
            runs.append(([entry.person], entry.location))
    phrases = []
    for names, location in runs:
        phrase = join_series(names)
        phrases.append(f"{phrase} in {location}" if location else phrase)
    if len(runs) > 1 and any(len(names) > 1 for names, _ in runs):
        # “A and B in Baghdad, and C in Beirut” would blur which “and” joins what.
        return (
            "; ".join(phrases[:-1]) + "; and " + phrases[-1]
            if len(phrases) > 2
            else (f"{phrases[0]}, and {phrases[1]}")
        )
    return join_series(phrases)


def _group(entries: Iterable[CreditEntry], key) -> list[tuple[object, list[CreditEntry]]]:
    groups: dict[object, list[CreditEntry]] = {}
    for entry in entries:
        groups.setdefault(key(entry), []).append(entry)
    return list(groups.items())


# Named with “The” when they stand alone: “The Associated Press contributed …”, but
# “Associated Press writer …” before a role.
_TAKES_THE_ALONE = {"Associated Press", "New York Times", "Washington Post", "Wall Street Journal"}


def _organisation_phrase(organisation: str, entries: list[CreditEntry]) -> str:
    people = [e for e in entries if e.person]
    if not people:
        return f"the {organisation}" if organisation in _TAKES_THE_ALONE else organisation
    role_phrases = []
    for role, members in _group(people, key=lambda e: e.role.strip().lower()):
        label = (pluralize_role(role) if len(members) > 1 else role) if role else ""
        names = _people_phrase(members)
        role_phrases.append(f"{label} {names}" if label else names)
    phrase = join_series(role_phrases) if len(role_phrases) < 3 else "; ".join(role_phrases)
    return f"{organisation} {phrase}" if organisation else phrase


def credit_line(entries: Iterable[CreditEntry]) -> str:
    """The sentence crediting `entries`, or "" when there are none."""
    entries = [
        CreditEntry(
            person=" ".join(e.person.split()),
            organisation=" ".join(e.organisation.split()),
            role=" ".join(e.role.split()),
            location=" ".join(e.location.split()),
        )
        for e in entries
    ]
    entries = [e for e in entries if e.person or e.organisation]
    if not entries:
        return ""
    groups = _group(entries, key=lambda e: e.organisation)
    # An organisation credited on its own and again with its people reads once.
    phrases = [_organisation_phrase(organisation, members) for organisation, members in groups]
    subject = join_series(phrases)
    subject = subject[0].upper() + subject[1:]
    if any("," in e.location and subject.endswith(e.location) for e in entries if e.person):
        subject += ","  # “… in Tehran, Iran, contributed”: close the place name.
    return f"{subject} {ENDING}"
