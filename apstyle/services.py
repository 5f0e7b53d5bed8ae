"""Checking story revisions against AP style, and acting on what the checks find.

The Celery task (`apstyle.tasks`), the approval gate (`apstyle.gate`) and the admin panel
(`apstyle.admin_views`) all go through these functions, so they agree on what a story's
findings are. A report is stored per (revision, rule-set version) and looked up by
content: another revision with the same content hash (a submit, an approval, a restore of
older text) reuses it, so re-running a check is free.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from reversion.models import Revision

from articles import snapshots
from articles.credits import credit_line
from articles.models import Article, RevisionInfo, Tag
from articles.services import article_commit_edit
from articles.story import credit_entries, names_for
from articles.workflow import may_act_on

from . import conf
from .engine import HouseRules, TextMap, get_checker, html_to_text_with_map
from .exceptions import StaleReport, StyleError
from .houserules import house_rules_from_db, ruleset_version
from .models import AcceptedFinding, StyleReport

#: The parts of a story the checker reads, in the order the panel lists them; bylines'
#: bio lines follow as "bio.0", "bio.1", ...
TARGETS = {
    "headline": "Headline",
    "dek": "Dek",
    "dateline": "Dateline",
    "body": "Body",
    "credit_line": "Credit line",
}
#: Parts a fix can be written back to. The credit line is generated from the structured
#: credits, so its findings are fixed there by hand.
_WRITABLE = frozenset({"headline", "dek", "dateline", "body"})


def is_writable(target: str) -> bool:
    return target in _WRITABLE or target.startswith("bio.")


def target_order(target: str) -> tuple[int, int]:
    if target.startswith("bio."):
        return len(TARGETS), int(target.partition(".")[2])
    return list(TARGETS).index(target) if target in TARGETS else len(TARGETS) + 1, 0


# Reading a story as the checker sees it.


@dataclass(frozen=True)
class StoryText:
    """The plain text of each checkable part of one story, ready for the engine."""

    parts: dict[str, str]
    labels: dict[str, str]
    body_html: str
    body_map: TextMap
    protected_names: tuple[str, ...]


def story_text(snapshot: snapshots.Snapshot) -> StoryText:
    """The parts of `snapshot` to check: the body stripped of HTML (with the map back to
    it), the credit line as readers get it, each byline's bio line; and the names the
    checker must leave alone (bylined and credited people and outlets, tags)."""
    names = names_for(snapshot)
    body_map = html_to_text_with_map(snapshot.body)
    parts = {
        "headline": snapshot.headline,
        "dek": snapshot.dek,
        "dateline": snapshot.dateline,
        "body": body_map.text,
        "credit_line": credit_line(credit_entries(snapshot, names)),
    }
    labels = dict(TARGETS)
    for position, byline in enumerate(snapshot.bylines):
        person = names.person(byline.person_id)
        parts[f"bio.{position}"] = byline.bio_line
        labels[f"bio.{position}"] = f"Bio line of {person.name}" if person else "Bio line"
    protected = [p.name for p in names.people.values()]
    protected += [o.name for o in names.organisations.values()]
    protected += list(Tag.objects.filter(pk__in=snapshot.tag_ids).values_list("name", flat=True))
    return StoryText(parts, labels, snapshot.body, body_map, tuple(sorted(set(protected))))


def check_story_text(story: StoryText, house_rules: HouseRules | None) -> list[dict]:
    """Run the engine over `story`; the findings as `StyleReport.findings` stores them."""
    checker = get_checker(house_rules)
    whole = {k: v for k, v in story.parts.items() if not k.startswith("bio.")}
    found = [
        (f.field, f)
        for f in checker.check_story(
            whole,
            protected_names=story.protected_names,
            italic_spans={"body": story.body_map.italic_spans},
        )
    ]
    # Bio lines are checked one by one as the engine's "bio" field: a story has one of
    # each field, and a bio line belongs to one byline.
    for target, text in story.parts.items():
        if target.startswith("bio.") and text:
            found += [
                (target, f)
                for f in checker.check_text(
                    text, field="bio", protected_names=story.protected_names
                )
            ]
    return [_stored(target, f, story) for target, f in found]


def _stored(target: str, finding, story: StoryText) -> dict:
    text = story.parts[target]
    width = conf.get("APSTYLE_CONTEXT_CHARS")
    data = finding.to_dict()
    data.update(
        target=target,
        label=story.labels[target],
        before=_before(text, finding.start, width),
        after=_after(text, finding.end, width),
    )
    if target == "body":
        start, end = story.body_map.to_source(finding.start, finding.end)
        # A fix is written into the HTML only where the span holds no markup.
        data.update(
            source_start=start,
            source_end=end,
            crosses_markup=_has_markup(story.body_html[start:end]),
        )
    return data


def _has_markup(source: str) -> bool:
    return "<" in source or ">" in source


def _before(text: str, start: int, width: int) -> str:
    """Up to `width` characters before `start`, on one line, cut at a word boundary."""
    low = max(0, start - width)
    piece = text[low:start]
    if low > 0:
        cut = piece.find(" ")
        piece = "…" + (piece[cut:] if cut >= 0 else piece)
    return re.sub(r"\s+", " ", piece)


def _after(text: str, end: int, width: int) -> str:
    """Up to `width` characters after `end`, on one line, cut at a word boundary."""
    high = min(len(text), end + width)
    piece = text[end:high]
    if high < len(text):
        cut = piece.rfind(" ")
        piece = (piece[:cut] if cut > 0 else piece) + "…"
    return re.sub(r"\s+", " ", piece)


# Reports.


def _rule_set() -> tuple[HouseRules | None, str]:
    rules = house_rules_from_db()
    return rules, rules.version if rules is not None else ruleset_version()


def existing_report(info: RevisionInfo, *, version: str) -> StyleReport | None:
    """The report on revision `info` under rule-set `version`, or on another revision of
    the same story with the same content; None if there is none yet."""
    report = StyleReport.objects.filter(revision_id=info.revision_id, ruleset_version=version)
    if not info.content_hash:
        return report.first()
    same = StyleReport.objects.filter(
        article_key=info.article_key, content_hash=info.content_hash, ruleset_version=version
    )
    return report.first() or same.first()


def revision_report(*, info: RevisionInfo) -> StyleReport:
    """The report for revision `info` under the current rule set: an existing one for the
    same content, or a check made now (about 15 ms) and stored on `info`'s revision."""
    rules, version = _rule_set()
    return existing_report(info, version=version) or _check_and_store(info, rules, version)


def _check_and_store(info: RevisionInfo, rules: HouseRules | None, version: str) -> StyleReport:
    started = time.perf_counter()
    snapshot = snapshots.of_revision(info.revision, info.article_key)
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
    if info is None or info.article_id is None:
        return "gone"
    latest = RevisionInfo.objects.filter(article_key=info.article_key).order_by("-revision_id")[0]
    if latest.revision_id != info.revision_id and latest.content_hash != info.content_hash:
        return "superseded"
    rules, version = _rule_set()
    if existing_report(info, version=version) is not None:
        return "exists"
    _check_and_store(info, rules, version)
    return "checked"


def check_pending(*, since: datetime, limit: int = 200) -> dict[str, int]:
    """Check the latest revision of every story changed since `since` that has no report
    under the current rule set: the sweep behind a style check that could not be queued
    (the broker was down when the story was saved; `receivers.check_after_save` drops it
    rather than fail the save). Looks at the `limit` newest revisions. Returns how many
    revisions ended each way (see `revision_check`)."""
    outcomes: dict[str, int] = {}
    seen: set[int] = set()
    infos = (
        RevisionInfo.objects.filter(revision__date_created__gte=since)
        .order_by("-revision_id")
        .values_list("article_key", "revision_id")[:limit]
    )
    for article_key, revision_id in infos:
        if article_key in seen:
            continue  # only a story's latest revision needs a report
        seen.add(article_key)
        outcome = revision_check(revision_id=revision_id)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def latest_report(article: Article) -> StyleReport | None:
    """The report for the story's latest revision (checked now if need be), or None if
    the story has no revision yet."""
    info = (
        RevisionInfo.objects.filter(article_key=article.pk)
        .select_related("revision")
        .order_by("-revision_id")
        .first()
    )
    return revision_report(info=info) if info is not None else None


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
def report_apply_safe_fixes(*, report: StyleReport, user) -> tuple[Revision, list[AppliedFix]]:
    """Apply the report's safe fixes (`safe_fixes`) to the story, from the end of each part
    backwards, and save the result as a new revision whose comment lists them.

    A fix whose span in the HTML body crosses markup, or overlaps another fix, is left for
    a person. Raises `PermissionDenied` unless `user` may edit the story, `StaleReport` if
    the working copy is not the text the report checked, and `StyleError` if there is
    nothing to apply."""
    article = _story(report)
    if not (user.has_perm("articles.change_article") and may_act_on(user, article)):
        raise PermissionDenied("You are not allowed to edit this story.")
    if snapshots.of_article(article).content_hash != report.content_hash:
        raise StaleReport(
            "The story has changed since it was checked. Look at the new findings, then "
            "apply the fixes again."
        )
    bylines = list(article.bylines.all())
    texts = {name: getattr(article, name) for name in _WRITABLE}
    texts.update({f"bio.{i}": byline.bio_line for i, byline in enumerate(bylines)})
    by_target: dict[str, list[dict]] = {}
    for finding in safe_fixes(report, accepted_findings(report.article_key)):
        by_target.setdefault(finding["target"], []).append(finding)
    applied: list[AppliedFix] = []
    for target in sorted(by_target, key=target_order):
        if target not in texts:
            continue
        texts[target], done = _apply(texts[target], by_target[target], html_source=target == "body")
        applied += done
    if not applied:
        raise StyleError("There are no safe fixes to apply.")

    for name in _WRITABLE:
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
            if _has_markup(span) or _plain(html.unescape(span)) != _plain(f["text"]):
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
