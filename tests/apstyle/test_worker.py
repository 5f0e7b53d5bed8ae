"""The whole path with a real Celery worker process on the real broker: a saved revision
is checked by the worker, the findings land on that revision, and approval is blocked
until an editor overrides it with a reason."""

from __future__ import annotations

import pytest

from apstyle.models import StyleReport
from articles.exceptions import ApprovalBlocked
from articles.models import ArticleEvent, Status
from articles.services import article_commit_edit, article_transition
from devtools.processes import wait_for
from tests.factories import ArticleFactory


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_checks_the_revision_and_approval_needs_an_override(
    celery_worker, reporter, editor, settings
):
    settings.APSTYLE_CHECK_COUNTDOWN = 0.5
    article = ArticleFactory(
        headline="Council meets on budget",
        slug="council-meets",
        body="<p>The council met Sept 5 to vote on the the budget.</p>",
        authors=[reporter.contributor],
        created_by=reporter,
    )
    revision, _ = article_commit_edit(article=article, user=reporter, comment="First draft")

    report = wait_for(lambda: StyleReport.objects.filter(revision_id=revision.pk).first())

    assert report.article_key == article.pk
    assert sorted((f["rule"], f["text"]) for f in report.findings if f["severity"] == "error") == [
        ("AP-DATE-03", "Sept"),
        ("NR-DOUBLED-WORD", "the the"),
    ]
    assert "Task apstyle.tasks.check_revision" in celery_worker.output()

    article_transition(article=article, action="submit", user=reporter)
    with pytest.raises(ApprovalBlocked, match="2 AP style errors still open"):
        article_transition(article=article, action="approve", user=editor)
    assert StyleReport.objects.count() == 1  # the gate used the worker's report

    event = article_transition(
        article=article, action="approve", user=editor, override_reason="Quoting the agenda"
    )

    article.refresh_from_db()
    assert article.status == Status.APPROVED
    logged = ArticleEvent.objects.get(pk=event.pk)
    assert logged.data["override_reason"] == "Quoting the agenda"
    assert logged.data["overridden"][0].startswith("2 AP style errors still open")
    assert "Quoting the agenda" in logged.revision.comment
