"""What the style panel shows: a story's latest findings grouped by rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from articles import snapshots
from articles.models import Article

from .engine import Severity, get_rule
from .models import AcceptedFinding, StyleReport
from .services import accepted_findings, latest_report, safe_fixes, target_order


@dataclass(frozen=True)
class ShownFinding:
    data: dict  # as stored in the report
    accepted: AcceptedFinding | None
    fixable: bool  # "apply safe fixes" would apply it


@dataclass
class RuleGroup:
    rule: str
    severity: str
    message: str
    entry: str
    findings: list[ShownFinding] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return sum(1 for f in self.findings if f.accepted is None)


@dataclass
class StylePanel:
    report: StyleReport
    groups: list[RuleGroup]
    current: bool  # the report checked the working copy as it is now
    fixable: int
    open: dict[str, int]  # open findings by severity
    accepted: int

    @property
    def open_errors(self) -> int:
        return self.open[Severity.ERROR.value]


def _rank(severity: str) -> int:
    return Severity(severity).rank


def _key(finding: dict) -> tuple[str, int, int]:
    return finding["target"], finding["start"], finding["end"]


def style_panel(article: Article) -> StylePanel | None:
    """The findings of `article`'s latest revision grouped by rule, errors first; the
    text is checked now if no report exists for it yet. None before the first save."""
    report = latest_report(article)
    if report is None:
        return None
    accepted = accepted_findings(article.pk)
    fixable = {_key(f) for f in safe_fixes(report, accepted)}
    groups: dict[str, RuleGroup] = {}
    open_counts = {s.value: 0 for s in Severity}
    for data in sorted(report.findings, key=lambda f: (target_order(f["target"]), f["start"])):
        group = groups.get(data["rule"])
        if group is None:
            try:
                rule = get_rule(data["rule"])
                message, entry = rule.message, rule.entry
            except KeyError:  # house terms and rules since removed carry their own text
                message, entry = data["message"], data.get("entry", "")
            group = groups[data["rule"]] = RuleGroup(data["rule"], data["severity"], message, entry)
        if _rank(data["severity"]) > _rank(group.severity):
            group.severity = data["severity"]
        shown = ShownFinding(data, accepted.get(data["fingerprint"]), _key(data) in fixable)
        group.findings.append(shown)
        if shown.accepted is None:
            open_counts[data["severity"]] += 1
    return StylePanel(
        report=report,
        groups=sorted(groups.values(), key=lambda g: (-_rank(g.severity), g.rule)),
        current=snapshots.of_article(article).content_hash == report.content_hash,
        fixable=len(fixable),
        open=open_counts,
        accepted=sum(1 for f in report.findings if f["fingerprint"] in accepted),
    )
