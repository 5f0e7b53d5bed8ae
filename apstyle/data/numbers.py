"""Number words."""

from __future__ import annotations

UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

ORDINAL_WORDS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
)

_ORD_TEENS = (
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
_ORD_TENS = (
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
)


def _build_cardinals() -> dict[str, int]:
    words: dict[str, int] = {w: i for i, w in enumerate(UNITS)}
    words.update({w: 10 + i for i, w in enumerate(TEENS)})
    for i, tens in enumerate(TENS):
        value = 20 + 10 * i
        words[tens] = value
        for j, unit in enumerate(UNITS[1:], start=1):
            words[f"{tens}-{unit}"] = value + j
            words[f"{tens} {unit}"] = value + j
    return words


def _build_ordinals() -> dict[str, int]:
    words: dict[str, int] = {w: i + 1 for i, w in enumerate(ORDINAL_WORDS)}
    words.update({w: 10 + i for i, w in enumerate(_ORD_TEENS)})
    for i, tens in enumerate(TENS):
        words[_ORD_TENS[i]] = 20 + 10 * i
        for j, unit in enumerate(ORDINAL_WORDS, start=1):
            words[f"{tens}-{unit}"] = 20 + 10 * i + j
    return words


#: "seven" → 7, "twenty-one" → 21 (and "twenty one").
CARDINALS: dict[str, int] = _build_cardinals()
#: "third" → 3, "twenty-first" → 21.
ORDINALS: dict[str, int] = _build_ordinals()

SPELLED_BY_VALUE: dict[int, str] = {v: k for k, v in CARDINALS.items() if " " not in k}


def ordinal_suffix(n: int) -> str:
    """1 → "1st", 22 → "22nd", 13 → "13th"."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"
