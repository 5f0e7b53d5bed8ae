"""The style services against the database: checking revisions, skipping work already
done or superseded, accepted findings, applying safe fixes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apstyle.exceptions import StaleReport, StyleError
from apstyle.models import AcceptedFinding, HouseStyle, HouseTerm, StyleReport
from apstyle.selectors import open_findings
from apstyle.services import (
    check_pending,
    finding_accept,
    latest_report,
    report_apply_safe_fixes,
    revision_check,
    revision_report,
)
from articles.models import ArticleEvent, Byline, RevisionInfo
from articles.services import article_commit_edit, article_delete, article_transition
from tests.factories import ArticleFactory, TagFactory

from .stories import BIO, BODY, errors_in, latest_info

pytestmark = pytest.mark.django_db


def test_a_check_stores_the_findings_on_the_revision(messy_story):
    info = latest_info(messy_story)

    assert revision_check(revision_id=info.revision_id) == "checked"

    report = StyleReport.objects.get(revision_id=info.revision_id)
    assert report.article_key == messy_story.pk
    assert report.content_hash == info.content_hash
    assert errors_in(report) == [
        ("AP-DATE-03", "body", "Sept"),
        ("AP-NUM-05", "body", "5 percent"),
        ("AP-NUM-05", "dek", "5 percent"),
        ("NR-DOUBLED-WORD", "bio.0", "the the"),
        ("NR-DOUBLED-WORD", "body", "the the"),
    ]
    assert any(f["rule"] == "AP-NUM-01" and f["severity"] == "warning" for f in report.findings)


def test_body_findings_keep_their_span_in_the_html_and_their_context(messy_story):
    report = revision_report(info=latest_info(messy_story))
    by_text = {(f["target"], f["text"]): f for f in report.findings}

    sept = by_text[("body", "Sept")]
    assert BODY[sept["source_start"] : sept["source_end"]] == "Sept"
    assert sept["before"].endswith("council met ")
    assert sept["after"].startswith(" 5, 2024")
    assert sept["label"] == "Body"
    assert sept["crosses_markup"] is False
    doubled = by_text[("body", "the the")]
    assert BODY[doubled["source_start"] : doubled["source_end"]] == "the <em>the"
    assert doubled["crosses_markup"] is True
    bio = by_text[("bio.0", "the the")]
    assert bio["label"] == "Bio line of Rita Reporter"
    assert BIO[bio["start"] : bio["end"]] == "the the"


def test_bylined_names_and_tags_are_protected(reporter):
    article = ArticleFactory(
        body="<p>The Web Site Awards went to a web site run by Sept Smith.</p>",
        authors=[reporter.contributor],
    )
    article.tags.add(TagFactory(name="Web Site Awards", slug="wsa"))
    reporter.contributor.name = "Sept Smith"
    reporter.contributor.save()
    article_commit_edit(article=article, user=reporter)

    report = latest_report(article)

    assert [(f["rule"], f["text"]) for f in report.findings if f["target"] == "body"] == [
        ("AP-ORG-03", "web site")
    ]


def test_a_burst_of_saves_is_checked_once(messy_story, reporter):
    first = latest_info(messy_story)
    messy_story.dek = "The city will spend 6 percent more."
    messy_story.save()
    article_commit_edit(article=messy_story, user=reporter)
    second = latest_info(messy_story)

    assert revision_check(revision_id=first.revision_id) == "superseded"
    assert revision_check(revision_id=second.revision_id) == "checked"
    assert revision_check(revision_id=second.revision_id) == "exists"
    assert list(StyleReport.objects.values_list("revision_id", flat=True)) == [second.revision_id]


def test_a_workflow_move_right_after_a_save_does_not_skip_the_check(messy_story, reporter):
    """Submitting records the same text as a new revision; the edit's check still runs,
    and the submission's revision uses its report."""
    edit = latest_info(messy_story)
    article_transition(article=messy_story, action="submit", user=reporter)
    submitted = latest_info(messy_story)
    assert submitted.revision_id != edit.revision_id

    assert revision_check(revision_id=edit.revision_id) == "checked"
    assert revision_check(revision_id=submitted.revision_id) == "exists"
    assert revision_report(info=submitted).revision_id == edit.revision_id
    assert StyleReport.objects.count() == 1


def test_gone_revisions_are_skipped(messy_story):
    assert revision_check(revision_id=999_999) == "gone"


def _saved_story(reporter, **fields):
    article = ArticleFactory(authors=[reporter.contributor], created_by=reporter, **fields)
    article_commit_edit(article=article, user=reporter)
    return article


def test_the_sweep_checks_each_story_latest_revision(messy_story, reporter, editor):
    since = timezone.now() - timedelta(hours=1)
    first = latest_info(messy_story)
    messy_story.dek = "The city will spend 6 percent more."
    messy_story.save()
    article_commit_edit(article=messy_story, user=reporter)
    checked = _saved_story(reporter)
    revision_check(revision_id=latest_info(checked).revision_id)
    deleted = _saved_story(reporter)
    article_delete(article=deleted, user=editor)

    assert check_pending(since=since) == {"checked": 1, "exists": 1, "gone": 1}

    reported = set(StyleReport.objects.values_list("revision_id", flat=True))
    assert latest_info(messy_story).revision_id in reported
    assert first.revision_id not in reported  # a story's older text is not checked
    assert check_pending(since=since) == {"exists": 2, "gone": 1}


def test_the_sweep_looks_up_many_stories_in_as_many_queries_as_one(reporter):
    """The sweep batches its look-ups: with every story already checked, six stories
    cost the queries of one (before, each story cost five more)."""
    since = timezone.now() - timedelta(hours=1)
    _saved_story(reporter)
    check_pending(since=since)
    with CaptureQueriesContext(connection) as one:
        assert check_pending(since=since) == {"exists": 1}
    for _ in range(5):
        _saved_story(reporter)
    assert check_pending(since=since) == {"checked": 5, "exists": 1}

    with CaptureQueriesContext(connection) as six:
        assert check_pending(since=since) == {"exists": 6}

    assert len(six) == len(one)


def test_a_new_rule_set_version_checks_again(messy_story):
    info = latest_info(messy_story)
    revision_check(revision_id=info.revision_id)
    style = HouseStyle.objects.create(name="House", slug="house", is_default=True)
    HouseTerm.objects.create(style=style, term="mayor", replacement="city leader")

    assert revision_check(revision_id=info.revision_id) == "checked"

    versions = StyleReport.objects.filter(revision_id=info.revision_id)
    assert versions.count() == 2
    newest = revision_report(info=info)
    assert newest.ruleset_version.startswith(newest.ruleset_version.split(":")[0] + ":house:")
    assert any(f["rule"] == "NR-HOUSE-TERM" for f in newest.findings)


def test_an_accepted_finding_stays_accepted_across_edits(messy_story, editor, reporter):
    report = revision_report(info=latest_info(messy_story))
    sept = next(f for f in report.findings if f["text"] == "Sept")

    accepted = finding_accept(
        report=report, fingerprint=sept["fingerprint"], user=editor, reason="House style"
    )
    assert (accepted.rule, accepted.text, accepted.accepted_by) == ("AP-DATE-03", "Sept", editor)
    # Accepting again keeps the first acceptance.
    again = finding_accept(report=report, fingerprint=sept["fingerprint"], user=editor)
    assert again.pk == accepted.pk and again.reason == "House style"

    messy_story.body = "<p>A new first paragraph.</p>" + messy_story.body
    messy_story.save()
    article_commit_edit(article=messy_story, user=reporter)
    newer = revision_report(info=latest_info(messy_story))

    assert newer.pk != report.pk
    moved = next(f for f in newer.findings if f["text"] == "Sept")
    assert moved["start"] != sept["start"]
    assert moved["fingerprint"] == sept["fingerprint"]
    assert "Sept" not in [f["text"] for f in open_findings(newer)]


def test_only_editors_accept_findings(messy_story, reporter):
    report = revision_report(info=latest_info(messy_story))
    with pytest.raises(PermissionDenied):
        finding_accept(report=report, fingerprint=report.findings[0]["fingerprint"], user=reporter)
    assert not AcceptedFinding.objects.exists()


def test_accepting_an_unknown_finding_fails(messy_story, editor):
    report = revision_report(info=latest_info(messy_story))
    with pytest.raises(StyleError):
        finding_accept(report=report, fingerprint="not-a-print", user=editor)


def test_apply_safe_fixes_makes_a_revision_listing_the_fixes(messy_story, reporter, editor):
    report = revision_report(info=latest_info(messy_story))
    before = RevisionInfo.objects.filter(article_key=messy_story.pk).count()
    dek_print = next(f["fingerprint"] for f in report.findings if f["target"] == "dek")
    finding_accept(report=report, fingerprint=dek_print, user=editor, reason="Quoting the memo")

    revision, applied = report_apply_safe_fixes(report=report, user=reporter)

    messy_story.refresh_from_db()
    assert RevisionInfo.objects.filter(article_key=messy_story.pk).count() == before + 1
    assert revision == latest_info(messy_story).revision
    assert [(a.rule, a.text, a.replacement) for a in applied] == [
        ("AP-DATE-03", "Sept", "Sept."),
        ("AP-NUM-05", "5 percent", "5%"),
        ("NR-DOUBLED-WORD", "the the", "the"),
    ]
    assert messy_story.body == (
        "<p>The council met Sept. 5, 2024, at the town hall.</p>"
        "<p>The budget grows by 5%, the mayor said. It was the <em>the</em> biggest rise "
        "in years, and 3 people objected.</p>"
    )
    assert messy_story.dek == "The city will spend 5 percent more."  # accepted: left alone
    assert Byline.objects.get(article=messy_story).bio_line == "Rita Reporter covers the city."
    assert revision.comment == (
        "AP style fixes: AP-DATE-03 “Sept” → “Sept.” (Body); AP-NUM-05 “5 percent” → “5%” "
        "(Body); NR-DOUBLED-WORD “the the” → “the” (Bio line of Rita Reporter)"
    )
    event = ArticleEvent.objects.filter(article=messy_story).first()
    assert (event.action, event.revision_id, event.user) == ("edited", revision.pk, reporter)
    # What is left: the doubled word across markup (a person's call) and the accepted dek.
    after = revision_report(info=latest_info(messy_story))
    assert errors_in(after) == [
        ("AP-NUM-05", "dek", "5 percent"),
        ("NR-DOUBLED-WORD", "body", "the the"),
    ]


def test_apply_safe_fixes_refuses_a_stale_report(messy_story, reporter):
    report = revision_report(info=latest_info(messy_story))
    messy_story.headline = "Mayor signs the budget"
    messy_story.save()

    with pytest.raises(StaleReport):
        report_apply_safe_fixes(report=report, user=reporter)
    messy_story.refresh_from_db()
    assert "Sept 5" in messy_story.body


def test_apply_safe_fixes_with_nothing_to_fix(reporter):
    article = ArticleFactory(authors=[reporter.contributor], created_by=reporter)
    article_commit_edit(article=article, user=reporter)
    with pytest.raises(StyleError, match="no safe fixes"):
        report_apply_safe_fixes(report=latest_report(article), user=reporter)


def test_apply_safe_fixes_needs_edit_rights(messy_story, other_reporter):
    report = revision_report(info=latest_info(messy_story))
    with pytest.raises(PermissionDenied):
        report_apply_safe_fixes(report=report, user=other_reporter)


def test_fixes_land_in_the_right_place_in_html_with_entities(reporter):
    """Offsets in the plain text map back to the HTML across entities and tags."""
    article = ArticleFactory(
        body="<p>Tom &amp; Jerry met Sept 5 at 7:00 p.m. in the US capital.</p>",
        authors=[reporter.contributor],
        created_by=reporter,
    )
    article_commit_edit(article=article, user=reporter)
    report_apply_safe_fixes(report=latest_report(article), user=reporter)
    article.refresh_from_db()
    assert article.body == "<p>Tom &amp; Jerry met Sept. 5 at 7 p.m. in the U.S. capital.</p>"
