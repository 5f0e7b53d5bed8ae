"""The contributor line: AP-STRUCT-01."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import TextContext
from ..engine.fields import CREDIT_LINE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, Scope
from ._common import ERROR, WARNING

_CREDIT_RE = re.compile(
    r"^\s*(?P<lead>.*?\b(?P<noun>writers?|reporters?|correspondents?|journalists?)\s+)"
    r"(?P<list>.+?)\s+contributed\s+to\s+this\s+report\b",
    re.S,
)
_ITEM_SPLIT_RE = re.compile(r",\s+(?:and\s+)?|\s+and\s+")


def _struct01(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    listing = _CREDIT_RE.match(text)
    for m in re.finditer(r",(\s+and\s+)", text):
        in_listing = listing is not None and listing.start("list") < m.start() < listing.end("list")
        if in_listing or "," in text[: m.start()]:
            yield Hit(
                m.start(),
                m.start() + 1,
                ("",),
                message="No comma before “and” in the contributor list.",
            )
    m = _CREDIT_RE.match(text)
    if not m:
        return
    listing, base = m.group("list"), m.start("list")
    items: list[tuple[int, int]] = []
    pos = 0
    for sep in _ITEM_SPLIT_RE.finditer(listing):
        items.append((pos, sep.start()))
        pos = sep.end()
    items.append((pos, len(listing)))
    for a, b in items:
        if not re.search(r"\sin\s+[A-Z]", listing[a:b]):
            yield Hit(
                base + a,
                base + b,
                (),
                message="Give each contributor's city: “Ali Jabar in Baghdad”.",
                severity=WARNING,
            )
    noun = m.group("noun")
    plural = noun.endswith("s")
    if len(items) > 1 and not plural:
        yield Hit(
            m.start("noun"),
            m.end("noun"),
            (noun + "s",),
            message="Several contributors: use the plural.",
            severity=WARNING,
        )
    elif len(items) == 1 and plural:
        yield Hit(
            m.start("noun"),
            m.end("noun"),
            (noun[:-1],),
            message="One contributor: use the singular.",
            severity=WARNING,
        )


register(
    FunctionRule(
        "AP-STRUCT-01",
        _struct01,
        severity=ERROR,
        message="Contributor line: “A in X, B in Y and C in Z contributed to this report.”",
        entry="contributor line",
        scope=Scope.MECHANICAL,
        fields=frozenset({CREDIT_LINE}),
        safe_fix=True,
        examples_flag=(
            {
                "credit_line": (
                    "Associated Press staff writers Ali Jabar in Baghdad, Bassem Mroue in "
                    "Beirut, and Melanie Lidman in Jerusalem contributed to this report."
                )
            },
            {
                "credit_line": (
                    "Associated Press staff writers Ali Jabar and Tara Copp in Washington "
                    "contributed to this report."
                )
            },
            {
                "credit_line": (
                    "Associated Press staff writer Ali Jabar in Baghdad and Tara Copp in "
                    "Washington contributed to this report."
                )
            },
        ),
        examples_pass=(
            {
                "credit_line": (
                    "Associated Press staff writers Ali Jabar in Baghdad, Tara Copp in "
                    "Washington, Bassem Mroue in Beirut and Melanie Lidman in Jerusalem "
                    "contributed to this report."
                )
            },
            {
                "credit_line": (
                    "Associated Press writer Ali Jabar in Baghdad contributed to this report."
                )
            },
        ),
    )
)
