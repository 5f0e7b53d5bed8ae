"""The approval gate: open AP style errors block an approval unless an editor overrides
them with a reason, which is logged."""

from __future__ import annotations

import pytest

from apstyle.models import StyleReport
from apstyle.services import finding_accept, report_apply_safe_fixes, revision_report
from articles import (
    ApprovalBlocked,
    StoryError,
    approval_refusals,
    article_commit_edit,
    article_transition,
)
from articles.models import ArticleEvent, Status
from articles.workflow import APPROVE, available
from tests.factories import ArticleFactory

from .stories import latest_info

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(messy_story, reporter):
    article_transition(article=messy_story, action="submit", user=reporter)
    messy_story.refresh_from_db()
    return messy_story


def test_open_errors_block_approval(submitted, editor):
    with pytest.raises(ApprovalBlocked) as refused:
        article_transition(article=submitted, action="approve", user=editor)

    message = " ".join(refused.value.messages)
    assert message.startswith("5 AP style errors still open (AP-NUM-05 “5 percent”;")
    assert "approve with a reason" in message
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert submitted.approved_revision is None
    assert not ArticleEvent.objects.filter(article=submitted, action="approve").exists()


def test_the_gate_checks_unchecked_text_itself(submitted, editor):
    """No worker has run: the gate checks the text now rather than wait or let it through."""
    assert not StyleReport.objects.exists()
    with pytest.raises(ApprovalBlocked):
        article_transition(article=submitted, action="approve", user=editor)
    # The report it made was rolled back with the refused approval; the next look makes it.
    assert revision_report(info=latest_info(submitted)).findings


def test_an_override_with_a_reason_approves_and_is_logged(submitted, editor):
    event = article_transition(
        article=submitted, action="approve", user=editor, override_reason="  Wire copy, as sent  "
    )

    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert event.action == "approve"
    assert event.data["override_reason"] == "Wire copy, as sent"
    assert len(event.data["overridden"]) == 1
    assert event.data["overridden"][0].startswith("5 AP style errors still open")
    assert event.revision.comment == "Approve (checks overridden: Wire copy, as sent)"
    assert submitted.approved_revision == event.revision


def test_an_override_nothing_needed_is_not_logged(messy_story, reporter, editor):
    report = revision_report(info=latest_info(messy_story))
    report_apply_safe_fixes(report=report, user=reporter)
    rest = revision_report(info=latest_info(messy_story))
    for finding in rest.findings:
        if finding["severity"] == "error":
            finding_accept(report=rest, fingerprint=finding["fingerprint"], user=editor)
    article_transition(article=messy_story, action="submit", user=reporter)

    event = article_transition(
        article=messy_story, action="approve", user=editor, override_reason="just in case"
    )

    assert "override_reason" not in event.data
    assert event.revision.comment == "Approve"


def test_fixed_or_accepted_errors_no_longer_block(messy_story, reporter, editor):
    report = revision_report(info=latest_info(messy_story))
    report_apply_safe_fixes(report=report, user=reporter)
    article_transition(article=messy_story, action="submit", user=reporter)
    with pytest.raises(ApprovalBlocked, match=r"1 AP style error still open \(NR-DOUBLED-WORD"):
        article_transition(article=messy_story, action="approve", user=editor)
    rest = revision_report(info=latest_info(messy_story))
    for finding in rest.findings:
        if finding["severity"] == "error":
            finding_accept(report=rest, fingerprint=finding["fingerprint"], user=editor)

    article_transition(article=messy_story, action="approve", user=editor)

    messy_story.refresh_from_db()
    assert messy_story.status == Status.APPROVED


def test_warnings_do_not_block(reporter, editor):
    article = ArticleFactory(
        body="<p>The mayor said 3 people came.</p>", authors=[reporter.contributor]
    )
    article_commit_edit(article=article, user=reporter)
    findings = revision_report(info=latest_info(article)).findings
    assert ("AP-NUM-01", "warning") in [(f["rule"], f["severity"]) for f in findings]
    assert all(f["severity"] != "error" for f in findings)
    article_transition(article=article, action="submit", user=reporter)

    event = article_transition(article=article, action="approve", user=editor)

    article.refresh_from_db()
    assert article.status == Status.APPROVED
    assert event.action == "approve"
    assert "overridden" not in event.data
    assert approval_refusals(article, editor) is None  # approved: nothing left to approve


def test_approval_refusals_are_what_an_override_lifts(submitted, editor, reporter):
    refusals = approval_refusals(submitted, editor)
    assert len(refusals) == 1
    assert refusals[0].startswith("5 AP style errors still open")
    assert approval_refusals(submitted, reporter) is None  # a reporter may not approve


def test_the_approve_button_stays_for_an_override(submitted, editor):
    assert APPROVE in available(submitted, editor)


def test_only_an_approval_takes_an_override(submitted, editor):
    with pytest.raises(StoryError, match="Nothing can be overridden"):
        article_transition(
            article=submitted,
            action="request_changes",
            user=editor,
            comment="redo",
            override_reason="because",
        )


def test_the_system_is_not_gated(submitted):
    """Trusted code acting as the system (the demo loader, `import_story --publish`
    without a user) is not checked, as it is not asked for permissions."""
    event = article_transition(article=submitted, action="approve", user=None)
    assert "override_reason" not in event.data
