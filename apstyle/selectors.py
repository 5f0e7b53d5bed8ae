"""Reads: the stored reports that cover a revision, accepted findings, and what the style
panel shows. Nothing here checks a text or writes a row (`apstyle.services` does)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, OuterRef, Q, Subquery, When

from articles import story_snapshot
from articles.models import Article, RevisionInfo

from .engine import Severity, get_rule
from .models import AcceptedFinding, StyleReport
from .story_text import is_writable, target_order

# Reports.


def _covering(infos: Iterable[RevisionInfo]) -> Q:
    """Reports made on one of `infos`' revisions, or on another revision of the same story
    with the same content (a report is looked up by content). Over several stories it may
    match more (one story's key with another's hash): callers match pairs themselves."""
    infos = list(infos)
    covering = Q(revision_id__in=[i.revision_id for i in infos])
    hashed = [i for i in infos if i.content_hash]
    if hashed:
        covering |= Q(
            article_key__in={i.article_key for i in hashed},
            content_hash__in={i.content_hash for i in hashed},
        )
    return covering


def existing_report(info: RevisionInfo, *, version: str) -> StyleReport | None:
    """The report on revision `info` under rule-set `version`, or else the latest one on
    another revision of the same story with the same content; None if there is none yet."""
    return (
        StyleReport.objects.filter(_covering([info]), ruleset_version=version)
        .order_by(Case(When(revision_id=info.revision_id, then=0), default=1), "-checked_at", "-id")
        .first()
    )


def reported(infos: list[RevisionInfo], *, version: str) -> set[int]:
    """The revision ids among `infos` that a report under `version` covers (as
    `existing_report` finds one), in one query."""
    rows = StyleReport.objects.filter(_covering(infos), ruleset_version=version).values_list(
        "revision_id", "article_key", "content_hash"
    )
    revisions, contents = set(), set()
    for revision_id, article_key, content_hash in rows:
        revisions.add(revision_id)
        contents.add((article_key, content_hash))
    return {
        i.revision_id
        for i in infos
        if i.revision_id in revisions
        or (i.content_hash and (i.article_key, i.content_hash) in contents)
    }


def newest_revisions(article_keys: Iterable[int]) -> dict[int, tuple[int, str]]:
    """Each story's newest revision, as story id -> (revision id, content hash), in one
    query."""
    newest = RevisionInfo.objects.filter(article_key=OuterRef("article_key")).order_by(
        "-revision_id"
    )
    rows = RevisionInfo.objects.filter(
        article_key__in=set(article_keys), revision_id=Subquery(newest.values("revision_id")[:1])
    ).values_list("article_key", "revision_id", "content_hash")
    return {key: (revision_id, content_hash) for key, revision_id, content_hash in rows}


# Findings.


def accepted_findings(article_key: int) -> dict[str, AcceptedFinding]:
    """The story's accepted findings by fingerprint."""
    return {
        a.fingerprint: a
        for a in AcceptedFinding.objects.filter(article_key=article_key).select_related(
            "accepted_by"
        )
    }


def open_findings(report: StyleReport) -> list[dict]:
    """The report's findings nobody has accepted."""
    accepted = accepted_findings(report.article_key)
    return [f for f in report.findings if f["fingerprint"] not in accepted]


def safe_fixes(report: StyleReport, accepted: dict[str, AcceptedFinding]) -> list[dict]:
    """The findings "apply safe fixes" would apply: deterministic, outside quotes, not
    accepted, in a part of the story that can be written back."""
    return [
        f
        for f in report.findings
        if f["safe_fix"]
        and f["suggestions"]
        and f["fingerprint"] not in accepted
        and is_writable(f["target"])
        and not f.get("crosses_markup")
    ]


# The style panel.


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


def _group(data: dict) -> RuleGroup:
    try:
        rule = get_rule(data["rule"])
        message, entry = rule.message, rule.entry
    except KeyError:  # house terms and rules since removed carry their own text
        message, entry = data["message"], data.get("entry", "")
    return RuleGroup(data["rule"], data["severity"], message, entry)


def style_panel(article: Article, report: StyleReport) -> StylePanel:
    """The findings of `report` (on `article`'s latest revision, `services.latest_report`)
    grouped by rule, errors first."""
    accepted = accepted_findings(article.pk)
    fixable = {_key(f) for f in safe_fixes(report, accepted)}
    groups: dict[str, RuleGroup] = {}
    open_counts = {s.value: 0 for s in Severity}
    for data in sorted(report.findings, key=lambda f: (target_order(f["target"]), f["start"])):
        group = groups.get(data["rule"]) or groups.setdefault(data["rule"], _group(data))
        if _rank(data["severity"]) > _rank(group.severity):
            group.severity = data["severity"]
        shown = ShownFinding(data, accepted.get(data["fingerprint"]), _key(data) in fixable)
        group.findings.append(shown)
        if shown.accepted is None:
            open_counts[data["severity"]] += 1
    return StylePanel(
        report=report,
        groups=sorted(groups.values(), key=lambda g: (-_rank(g.severity), g.rule)),
        current=story_snapshot(article).content_hash == report.content_hash,
        fixable=len(fixable),
        open=open_counts,
        accepted=sum(1 for f in report.findings if f["fingerprint"] in accepted),
    )
