"""`manage.py stylecheck`: check files (or stdin) against AP style. Touches no article.

Exit status: 0 when no finding is an error, 1 otherwise (2 on usage errors).
`--evaluate [PATH ...]` instead scores the checker on a labelled corpus (default: the
repository's `tests/apstyle/corpus`) and prints recall and precision overall and per rule
family and the false-alarm rate on clean sentences (see `apstyle.corpus`).
For `.html`/`.htm` files the markup is stripped for checking and positions (start, end,
line, column) are mapped back to the file as written; `text` is the matched plain text.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ...corpus import CorpusError, evaluate, format_report, load_corpus
from ...engine import (
    KNOWN_FIELDS,
    HouseRules,
    LineIndex,
    Severity,
    check_text,
    html_to_text_with_map,
)
from ...house_styles import house_rules_from_db
from ...models import HouseStyle


class Command(BaseCommand):
    help = "Check text files (or standard input) against AP style and the house rules."
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "paths", nargs="*", metavar="PATH", help="Files to check; '-' or none reads stdin."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--field", choices=list(KNOWN_FIELDS), default="body")
        parser.add_argument(
            "--edition", type=date.fromisoformat, help="Pin the AP edition (YYYY-MM-DD)."
        )
        parser.add_argument("--style", help="House style slug (default: the default style).")
        parser.add_argument(
            "--no-house-rules", action="store_true", help="Check against the AP pack only."
        )
        parser.add_argument(
            "--evaluate",
            action="store_true",
            help="Score the AP pack on labelled corpus files (PATH; default: the repository's "
            "tests/apstyle/corpus) instead of checking text.",
        )
        parser.add_argument(
            "--detail",
            action="store_true",
            help="With --evaluate: list every miss and false alarm.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["evaluate"]:
            self._evaluate(options["paths"], options["format"], options["detail"])
            return
        house = None if options["no_house_rules"] else self._house_rules(options.get("style"))
        results: list[dict[str, Any]] = []
        for path in options["paths"] or ["-"]:
            source = self._read(path, options.get("stdin"))
            results.extend(
                self._check(path, source, options["field"], house, options.get("edition"))
            )
        if options["format"] == "json":
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            for r in results:
                where = f"{r['path']}:{r['line']}:{r['column']}"
                line = f"{where}: {r['severity']} {r['rule']} {r['message']}"
                if r["suggestions"]:
                    shown = r["suggestions"][0] or "delete"
                    line += f" ({shown})"
                self.stdout.write(line)
        if any(r["severity"] == Severity.ERROR.value for r in results):
            sys.exit(1)

    def _evaluate(self, paths: list[str], fmt: str, detail: bool) -> None:
        if not paths:
            default = Path(settings.BASE_DIR) / "tests" / "apstyle" / "corpus"
            if not default.is_dir():
                raise CommandError("no corpus here: name the corpus files or directory (PATH)")
            paths = [str(default)]
        try:
            items = load_corpus(paths)
        except (CorpusError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        result = evaluate(items)
        if fmt == "json":
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
        else:
            for line in format_report(result, detail=detail):
                self.stdout.write(line)

    def _read(self, path: str, stdin: Any) -> str:
        if path == "-":
            return (stdin or sys.stdin).read()
        try:
            return Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc

    def _house_rules(self, style: str | None) -> HouseRules | None:
        try:
            return house_rules_from_db(style)
        except HouseStyle.DoesNotExist as exc:
            raise CommandError(f"no house style with slug {style!r}") from exc
        except DatabaseError as exc:
            # A fresh checkout without migrations can still lint against the AP pack.
            self.stderr.write(
                f"stylecheck: house rules unavailable ({exc}); using the AP pack only"
            )
            return None

    def _check(
        self, path: str, source: str, field: str, house: HouseRules | None, edition: date | None
    ) -> list[dict[str, Any]]:
        is_html = path.lower().endswith((".html", ".htm"))
        tmap = html_to_text_with_map(source) if is_html else None
        text = tmap.text if tmap else source
        findings = check_text(text, field=field, house_rules=house, edition=edition)
        index = LineIndex(source)
        out = []
        for f in findings:
            start, end = tmap.to_source(f.start, f.end) if tmap else (f.start, f.end)
            line, column = index.line_col(start)
            out.append(
                {
                    "path": path,
                    "field": f.field,
                    "rule": f.rule,
                    "severity": f.severity.value,
                    "start": start,
                    "end": end,
                    "line": line,
                    "column": column,
                    "text": f.text,
                    "message": f.message,
                    "suggestions": list(f.suggestions),
                    "safe_fix": f.safe_fix,
                }
            )
        return out
