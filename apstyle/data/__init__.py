"""Reference tables for the rule pack (our own compilation; no Stylebook text)."""

from __future__ import annotations


def words(block: str) -> list[str]:
    """The whitespace-separated words of a block of text (keeps word lists readable)."""
    return block.split()
