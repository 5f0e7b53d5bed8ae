"""Checking story revisions against AP style, and acting on what the checks find.

The Celery task (`apstyle.tasks`), the approval gate (`apstyle.gate`) and the admin panel
(`apstyle.admin_views`) all go through these functions, so they agree on what a story's
findings are. A report is stored per (revision, rule-set version) and looked up by
content: another revision with the same content hash (a submit, an approval, a restore of
older text) reuses it, so re-running a check is free. Reads are in `apstyle.selectors`;
how a story is read for checking is in `apstyle.story_text`.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from reversion.models import Revision

from articles import (
    article_commit_edit,
    latest_revision_info,
    may_act_on,
    revision_snapshot,
    story_snapshot,
)
from articles.models import Article, RevisionInfo

from .engine import HouseRules
from .exceptions import StaleReport, StyleError
from .house_styles import current_rule_set
from .models import AcceptedFinding, StyleReport
from .selectors import accepted_findings, existing_report, newest_revisions, reported, safe_fixes
from .story_text import WRITABLE, check_story_text, has_markup, story_text, target_order

# Checking revisions.


def revision_report(*, info: RevisionInfo) -> StyleReport:
    """The report for revision `info` under the current rule set: an existing one for the
    same content, or a check made now (about 15 ms) and stored on `info`'s revision."""
    rules, version = current_rule_set()
    return existing_report(info, version=version) or _check_and_store(info, rules, version)


def latest_report(article: Article) -> StyleReport | None:
    """The report for the story's latest revision (checked now if need be), or None if
    the story has no revision yet."""
    info = latest_revision_info(article)
    return revision_report(info=info) if info is not None else None


def _check_and_store(info: RevisionInfo, rules: HouseRules | None, version: str) -> StyleReport:
    started = time.perf_counter()
    snapshot = revision_snapshot(info.revision, info.article_key)
    findings = check_story_text(story_text(snapshot), rules)
    # get_or_create: a worker and an approval may check the same revision at once; it
    # uses a savepoint, so losing that race does not break the caller's transaction.
    report, _ = StyleReport.objects.get_or_create(
        revision_id=info.revision_id,
        ruleset_version=version,
        defaults={
            "article_key": info.article_key,
            "content_hash": info.content_hash,
            "findings": findings,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
        },
    )
    return report


def revision_check(*, revision_id: int) -> str:
    """Check revision `revision_id` of a story and store its report, unless there is
    nothing to do. Returns what happened:

    - "gone": the revision, or its story, no longer exists;
    - "superseded": the story has been changed since (that newer revision's own check
      covers it), which is how a burst of saves ends up checked once;
    - "exists": a report for this content under the current rule set exists;
    - "checked": the revision was checked and its report stored.
    """
    info = RevisionInfo.objects.select_related("revision").filter(revision_id=revision_id).first()
    if info is None:
        return "gone"
    return _check_revisions([info])[info.revision_id]


def check_pending(*, since: datetime, limit: int = 200) -> dict[str, int]:
    """Check the latest revision of every story changed since `since` that has no report
    under the current rule set: the sweep behind a style check that could not be queued
    (the broker was down when the story was saved; `receivers.check_after_save` drops it
    rather than fail the save). Looks at the `limit` newest revisions. Returns how many
    revisions ended each way (see `revision_check`).

    The look-ups are made once for all the stories (a fixed number of queries); only the
    revisions without a report cost a check each."""
    latest: dict[int, RevisionInfo] = {}
    infos = (
        RevisionInfo.objects.filter(revision__date_created__gte=since)
        .select_related("revision")
        .order_by("-revision_id")[:limit]
    )
    for info in infos:
        latest.setdefault(info.article_key, info)  # only a story's latest needs a report
    outcomes: dict[str, int] = {}
    for outcome in _check_revisions(list(latest.values())).values():
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def _check_revisions(infos: list[RevisionInfo]) -> dict[int, str]:
    """`revision_check` for each of `infos` (revision id -> outcome), with the look-ups
    made once for all of them."""
    if not infos:
        return {}
    rules, version = current_rule_set()
    newest = newest_revisions(i.article_key for i in infos)
    covered = reported(infos, version=version)
    outcomes: dict[int, str] = {}
    for info in infos:
        newest_id, newest_hash = newest.get(info.article_key, (info.revision_id, ""))
        if info.article_id is None:
            outcomes[info.revision_id] = "gone"
        elif newest_id != info.revision_id and newest_hash != info.content_hash:
            outcomes[info.revision_id] = "superseded"
        elif info.revision_id in covered:
            outcomes[info.revision_id] = "exists"
        else:
            _check_and_store(info, rules, version)
            outcomes[info.revision_id] = "checked"
    return outcomes


# Acting on findings.


def _story(report: StyleReport) -> Article:
    article = Article.objects.select_for_update().filter(pk=report.article_key).first()
    if article is None:
        raise StyleError("The story no longer exists.")
    return article


@transaction.atomic
def finding_accept(
    *, report: StyleReport, fingerprint: str, user, reason: str = ""
) -> AcceptedFinding:
    """Accept finding `fingerprint` of `report` as right for its story: it stays accepted
    in later revisions (matched by fingerprint), no longer blocks approval and is never
    auto-fixed. Accepting twice keeps the first acceptance.

    Raises `PermissionDenied` unless `user` has `apstyle.add_acceptedfinding` and may act
    on the story, and `StyleError` if the report holds no such finding."""
    article = _story(report)
    if not (user.has_perm("apstyle.add_acceptedfinding") and may_act_on(user, article)):
        raise PermissionDenied("You are not allowed to accept style findings in this story.")
    finding = report.finding(fingerprint)
    if finding is None:
        raise StyleError("That finding is not in the story's style report.")
    accepted, _ = AcceptedFinding.objects.get_or_create(
        article_key=report.article_key,
        fingerprint=fingerprint,
        defaults={
            "rule": finding["rule"],
            "text": finding["text"][:300],
            "reason": reason.strip()[:500],
            "accepted_by": user,
        },
    )
    return accepted


@dataclass(frozen=True)
class AppliedFix:
    rule: str
    label: str
    text: str
    replacement: str

    def __str__(self) -> str:
        return f"{self.rule} “{self.text}” → “{self.replacement}” ({self.label})"


@transaction.atomic
def report_apply_safe_fixes(
    *, report: StyleReport, user, fingerprints: Collection[str] | None = None
) -> tuple[Revision, list[AppliedFix]]:
    """Apply the report's safe fixes (`selectors.safe_fixes`) to the story, from the end of
    each part backwards, and save the result as a new revision whose comment lists them.
    With `fingerprints`, apply only the safe fixes of those findings (the panel's one-click
    fix of a single finding).

    A fix whose span in the HTML body crosses markup, or overlaps another fix, is left for
    a person. Raises `PermissionDenied` unless `user` may edit the story, `StaleReport` if
    the working copy is not the text the report checked, and `StyleError` if there is
    nothing to apply."""
    article = _story(report)
    if not (user.has_perm("articles.change_article") and may_act_on(user, article)):
        raise PermissionDenied("You are not allowed to edit this story.")
    if story_snapshot(article).content_hash != report.content_hash:
        raise StaleReport(
            "The story has changed since it was checked. Look at the new findings, then "
            "apply the fixes again."
        )
    bylines = list(article.bylines.all())
    texts = {name: getattr(article, name) for name in WRITABLE}
    texts.update({f"bio.{i}": byline.bio_line for i, byline in enumerate(bylines)})
    by_target: dict[str, list[dict]] = {}
    for finding in safe_fixes(report, accepted_findings(report.article_key)):
        if fingerprints is None or finding["fingerprint"] in fingerprints:
            by_target.setdefault(finding["target"], []).append(finding)
    applied: list[AppliedFix] = []
    for target in sorted(by_target, key=target_order):
        if target not in texts:
            continue
        texts[target], done = _apply(texts[target], by_target[target], html_source=target == "body")
        applied += done
    if not applied:
        raise StyleError("There are no safe fixes to apply.")

    for name in WRITABLE:
        setattr(article, name, texts[name])
    article.save()
    for i, byline in enumerate(bylines):
        if texts[f"bio.{i}"] != byline.bio_line:
            byline.bio_line = texts[f"bio.{i}"]
            byline.save(update_fields=["bio_line"])
    comment = "AP style fixes: " + "; ".join(str(fix) for fix in applied)
    revision, _ = article_commit_edit(article=article, user=user, comment=comment)
    return revision, applied


def _apply(text: str, findings: list[dict], *, html_source: bool) -> tuple[str, list[AppliedFix]]:
    """Apply each finding's first suggestion to `text`, last first so earlier offsets
    stay valid; skip any that overlaps one applied or no longer matches the text."""
    done: list[AppliedFix] = []
    limit = len(text)
    for f in sorted(findings, key=lambda f: (f["start"], f["end"]), reverse=True):
        start, end = (f["source_start"], f["source_end"]) if html_source else (f["start"], f["end"])
        if end > limit or start > end:
            continue
        span, replacement = text[start:end], f["suggestions"][0]
        if html_source:
            # Only spans of plain text (and entities): replacing across tags would drop them.
            if has_markup(span) or _plain(html.unescape(span)) != _plain(f["text"]):
                continue
            text = text[:start] + html.escape(replacement, quote=False) + text[end:]
        else:
            if span != f["text"]:
                continue
            text = text[:start] + replacement + text[end:]
        limit = start
        done.append(AppliedFix(f["rule"], f["label"], f["text"], replacement))
    done.reverse()
    return text, done


def _plain(text: str) -> str:
    return re.sub(r"[\s\xa0]+", " ", text)
