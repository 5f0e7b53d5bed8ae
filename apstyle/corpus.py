"""The labelled corpus: sentences with their expected findings, and how the checker scores
on them (recall, precision, false alarms), overall and per rule family.

Pure Python (no Django): `manage.py stylecheck --evaluate`, `bench/stylecheck_bench.py`
and the tests all call `load_corpus` and `evaluate`.

File format (UTF-8 text, one item per line)::

    # a comment
    @rule AP-TIME-04          the rule the following lines are about
    @field headline           check the following lines as this field (default: body)
    @edition 2018-06-01       pin the AP edition for the following lines (default: latest)
    + Doors open at 8 a.m.[[ this morning]].     must be flagged: each [[span]] by the rule
    + Rain fell [[last Tuesday|AP-DATE-07]].     ... or by the rule named after a bar
    - Tonight the doors open at 8 p.m.           a near miss: nothing may be flagged
    = The council met Tuesday.                   clean wire copy: nothing may be flagged

`@rule` resets `@field` and `@edition`. A line holding `||` gives several fields, each part
written `field: text` (`+ dateline: LAFAYETTE, Ind. || body: Officials met.`); ` ¶ `
stands for a paragraph break. Spans are exact: `[[` and `]]` are removed and the span is
what they enclosed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .engine import KNOWN_FIELDS, Checker, Finding, get_checker
from .engine.registry import canonical_ids, get_rule

FLAG, NEAR_MISS, CLEAN = "+", "-", "="
KINDS = {FLAG: "flag", NEAR_MISS: "near miss", CLEAN: "clean"}
_LABEL_RE = re.compile(r"\[\[(.+?)(?:\|([A-Z][A-Z0-9-]+))?\]\]")
_PARAGRAPH = " ¶ "


class CorpusError(ValueError):
    """A malformed corpus line; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Label:
    """An expected finding: `rule` flags `fields[field][start:end]`."""

    rule: str
    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Item:
    """One corpus line: its kind (flag, near miss, clean), the rule it is about (None for
    clean copy), the text of each field, the expected findings and where it was written.
    `italic_spans` holds the `<em>` spans per field (for the composition-titles rule)."""

    kind: str
    rule: str | None
    fields: dict[str, str]
    labels: tuple[Label, ...]
    edition: date | None
    source: str
    italic_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def load_corpus(paths: Iterable[str | Path]) -> list[Item]:
    """Every item of the corpus files in `paths` (directories are read for `*.txt`, in name
    order). Raises `CorpusError` on a malformed line and `FileNotFoundError` on a path
    that does not exist."""
    items: list[Item] = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"no corpus at {path}")
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        for file in files:
            items.extend(parse_corpus(file.read_text(encoding="utf-8"), name=file.name))
    return items


def parse_corpus(source: str, *, name: str = "<corpus>") -> list[Item]:
    """The items of one corpus file's text (see the module docstring for the format)."""
    items: list[Item] = []
    rule: str | None = None
    kind_field = "body"
    edition: date | None = None
    for lineno, raw in enumerate(source.splitlines(), 1):
        where = f"{name}:{lineno}"
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            value = value.strip()
            if key == "rule":
                rule = _known_rule(value, where)
                kind_field, edition = "body", None
            elif key == "field":
                if value not in KNOWN_FIELDS:
                    raise CorpusError(f"{where}: unknown field {value!r}")
                kind_field = value
            elif key == "edition":
                try:
                    edition = date.fromisoformat(value)
                except ValueError as exc:
                    raise CorpusError(f"{where}: bad edition date {value!r}") from exc
            else:
                raise CorpusError(f"{where}: unknown directive @{key}")
            continue
        kind, text = line[:1], line[1:].strip()
        if kind not in KINDS or not text:
            raise CorpusError(f"{where}: a line starts with +, - or = and holds text")
        if kind != CLEAN and rule is None:
            raise CorpusError(f"{where}: {KINDS[kind]} line before any @rule")
        items.append(_item(kind, text, rule if kind != CLEAN else None, kind_field, edition, where))
    return items


def _known_rule(rule_id: str, where: str) -> str:
    try:
        return get_rule(rule_id).id
    except KeyError:
        raise CorpusError(f"{where}: unknown rule {rule_id!r}") from None


def _item(
    kind: str, text: str, rule: str | None, kind_field: str, edition: date | None, where: str
) -> Item:
    parts: list[tuple[str, str]] = []
    if "||" in text or text.partition(": ")[0] in KNOWN_FIELDS:
        for part in text.split("||"):
            name, sep, value = part.strip().partition(": ")
            if not sep or name not in KNOWN_FIELDS:
                raise CorpusError(f"{where}: each part of a || line is written 'field: text'")
            parts.append((name, value))
    else:
        parts.append((kind_field, text))
    fields: dict[str, str] = {}
    labels: list[Label] = []
    italics: dict[str, list[tuple[int, int]]] = {}
    for name, value in parts:
        plain, found = _strip_labels(value.replace(_PARAGRAPH, "\n\n"), where)
        plain, found, spans = _strip_italics(plain, found)
        if spans:
            italics[name] = spans
        fields[name] = plain
        for start, end, label_rule in found:
            labels.append(
                Label(
                    _known_rule(label_rule, where) if label_rule else rule,  # type: ignore[arg-type]
                    name,
                    start,
                    end,
                    plain[start:end],
                )
            )
    if kind == FLAG and not labels:
        raise CorpusError(f"{where}: a + line marks at least one [[span]]")
    if kind != FLAG and labels:
        raise CorpusError(f"{where}: only + lines mark spans")
    return Item(kind, rule, fields, tuple(labels), edition, where, italics)


def _strip_italics(
    text: str, labels: list[tuple[int, int, str | None]]
) -> tuple[str, list[tuple[int, int, str | None]], list[tuple[int, int]]]:
    """Remove `<em>`/`</em>` from `text`, shifting label offsets; return the italic spans."""
    spans: list[tuple[int, int]] = []
    while (start := text.find("<em>")) >= 0:
        end = text.find("</em>", start)
        if end < 0:
            break
        text = text[:start] + text[start + 4 : end] + text[end + 5 :]
        spans.append((start, end - 4))

        def shift(pos: int, start: int = start, end: int = end) -> int:
            return pos - (4 if pos > start else 0) - (5 if pos > end else 0)

        labels = [(shift(a), shift(b), r) for a, b, r in labels]
    return text, labels, spans


def _strip_labels(text: str, where: str) -> tuple[str, list[tuple[int, int, str | None]]]:
    out: list[str] = []
    labels: list[tuple[int, int, str | None]] = []
    pos = 0
    length = 0
    for m in _LABEL_RE.finditer(text):
        out.append(text[pos : m.start()])
        length += m.start() - pos
        labels.append((length, length + len(m.group(1)), m.group(2)))
        out.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        raise CorpusError(f"{where}: unbalanced [[ ]]")
    return plain, labels


# --- scoring ------------------------------------------------------------------------------


def family(rule_id: str) -> str:
    """The rule family a rule id belongs to: AP-TIME-04 → "AP-TIME"; Newsroom's own rules
    (NR-ITS, NR-SPELLING, ...) are each their own family."""
    parts = rule_id.split("-")
    return "-".join(parts[:2]) if rule_id.startswith("AP-") else rule_id


@dataclass
class Tally:
    """Counts behind recall and precision for one family (or the whole corpus)."""

    labels: int = 0
    found: int = 0
    exact: int = 0
    findings: int = 0
    true_findings: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.labels if self.labels else None

    @property
    def precision(self) -> float | None:
        return self.true_findings / self.findings if self.findings else None


@dataclass
class Evaluation:
    """What `evaluate` measured. Rates are None when there is nothing to divide by."""

    items: int = 0
    overall: Tally = field(default_factory=Tally)
    families: dict[str, Tally] = field(default_factory=dict)
    clean: int = 0
    clean_alarms: int = 0
    near_misses: int = 0
    near_miss_alarms: int = 0
    #: Labels no finding of their rule overlapped: (item source, label).
    missed: list[tuple[str, Label]] = field(default_factory=list)
    #: Findings no label expected: (item source, kind, finding).
    false_alarms: list[tuple[str, str, Finding]] = field(default_factory=list)

    @property
    def clean_alarm_rate(self) -> float | None:
        return self.clean_alarms / self.clean if self.clean else None

    @property
    def near_miss_alarm_rate(self) -> float | None:
        return self.near_miss_alarms / self.near_misses if self.near_misses else None

    def as_dict(self) -> dict:
        """A JSON-ready summary (no per-item detail)."""

        def rates(t: Tally) -> dict:
            return {
                "labels": t.labels,
                "found": t.found,
                "exact_spans": t.exact,
                "findings": t.findings,
                "recall": _round(t.recall),
                "precision": _round(t.precision),
            }

        return {
            "items": self.items,
            "overall": rates(self.overall),
            "families": {name: rates(t) for name, t in sorted(self.families.items())},
            "clean_sentences": self.clean,
            "clean_false_alarm_rate": _round(self.clean_alarm_rate),
            "near_misses": self.near_misses,
            "near_miss_false_alarm_rate": _round(self.near_miss_alarm_rate),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def evaluate(items: Iterable[Item], checker: Checker | None = None) -> Evaluation:
    """Check every item and score the findings against the labels.

    A label is found when a finding of its rule (aliases count) in its field overlaps its
    span; `exact` counts those whose span is identical. Every finding that matches no
    label counts against precision, so on a near miss or a clean sentence any finding at
    all is a false alarm. `checker` defaults to the full AP pack, latest edition, no
    house rules; an item's `@edition` uses the pack as of that date instead.
    """
    result = Evaluation()
    for item in items:
        result.items += 1
        active = checker or get_checker(None, item.edition)
        findings = active.check_story(item.fields, italic_spans=item.italic_spans)
        _score(item, findings, result)
    return result


def _score(item: Item, findings: list[Finding], result: Evaluation) -> None:
    used: set[int] = set()
    for label in item.labels:
        tally = result.families.setdefault(family(label.rule), Tally())
        tally.labels += 1
        result.overall.labels += 1
        hits = [
            i
            for i, f in enumerate(findings)
            if f.field == label.field
            and _canonical(f.rule) == label.rule
            and f.start < label.end
            and label.start < f.end
        ]
        if not hits:
            result.missed.append((item.source, label))
            continue
        tally.found += 1
        result.overall.found += 1
        if any((findings[i].start, findings[i].end) == (label.start, label.end) for i in hits):
            tally.exact += 1
            result.overall.exact += 1
        used.update(hits)
    for i, f in enumerate(findings):
        tally = result.families.setdefault(family(_canonical(f.rule)), Tally())
        tally.findings += 1
        result.overall.findings += 1
        if i in used:
            tally.true_findings += 1
            result.overall.true_findings += 1
        else:
            result.false_alarms.append((item.source, KINDS[item.kind], f))
    if item.kind == CLEAN:
        result.clean += 1
        result.clean_alarms += bool(findings)
    elif item.kind == NEAR_MISS:
        result.near_misses += 1
        result.near_miss_alarms += bool(findings)


def _canonical(rule_id: str) -> str:
    return next(iter(canonical_ids([rule_id])))


def format_report(ev: Evaluation, *, detail: bool = False) -> Iterator[str]:
    """The evaluation as lines of text: overall and per-family recall and precision, the
    false-alarm rates, and (with `detail`) every miss and false alarm."""

    def pct(value: float | None) -> str:
        return "   n/a" if value is None else f"{value * 100:6.1f}"

    yield (
        f"{ev.items} items: {ev.overall.labels} labelled slips, {ev.near_misses} near misses, "
        f"{ev.clean} clean sentences"
    )
    yield (
        f"{'family':<16} {'slips':>6} {'found':>6} {'recall%':>8} {'findings':>9} "
        f"{'precision%':>11}"
    )
    rows = [*sorted(ev.families.items()), ("overall", ev.overall)]
    for name, t in rows:
        yield (
            f"{name:<16} {t.labels:>6} {t.found:>6} {pct(t.recall):>8} {t.findings:>9} "
            f"{pct(t.precision):>11}"
        )
    yield (
        f"exact spans: {ev.overall.exact} of {ev.overall.found} found; "
        f"false alarms on clean sentences: {ev.clean_alarms} of {ev.clean} "
        f"({pct(ev.clean_alarm_rate).strip()}%); "
        f"near misses flagged: {ev.near_miss_alarms} of {ev.near_misses} "
        f"({pct(ev.near_miss_alarm_rate).strip()}%)"
    )
    if not detail:
        return
    for source, label in ev.missed:
        yield f"MISSED {source}: {label.rule} {label.field} “{label.text}”"
    for source, kind, f in ev.false_alarms:
        yield f"FALSE ALARM {source} ({kind}): {f.rule} {f.field} “{f.text}” {f.message}"
