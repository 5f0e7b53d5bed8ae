"""The findings snapshot behind `test_golden_findings`: every finding (rule, field, span,
suggestions, severity, safe fix) on the labelled corpus, the reference story and a
5,000-word article built from it, as the checker produced them when the snapshot was
taken. Speed work must leave it unchanged; a deliberate rule change regenerates it:

    python -m tests.apstyle.golden --update
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from apstyle.corpus import load_corpus
from apstyle.engine import Checker, get_checker

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "fixtures" / "golden_findings.json"


def texts() -> list[tuple[str, dict[str, str], dict]]:
    """(name, fields, italic spans) of every text in the snapshot."""
    out = [
        (i.source, i.fields, i.italic_spans)
        for i in load_corpus([HERE / "corpus"])
        if not i.edition
    ]
    sys.path.insert(0, str(HERE.parents[1] / "bench"))
    import stylecheck_bench

    body = stylecheck_bench.reference_body()
    out.append(("reference story", {"body": body}, {}))
    out.append(("5,000-word article", {"body": stylecheck_bench.article(5000, body)}, {}))
    return out


def snapshot(checker: Checker | None = None) -> dict[str, list[list]]:
    checker = checker or get_checker()
    result: dict[str, list[list]] = {}
    for name, fields, italics in texts():
        findings = checker.check_story(fields, italic_spans=italics)
        result[name] = [
            [f.rule, f.field, f.start, f.end, f.severity.value, list(f.suggestions), f.safe_fix]
            for f in findings
        ]
    return result


if __name__ == "__main__":
    if "--update" not in sys.argv:
        sys.exit("usage: python -m tests.apstyle.golden --update")
    SNAPSHOT.write_text(
        json.dumps(snapshot(), indent=0, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {SNAPSHOT}")
