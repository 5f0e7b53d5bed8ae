"""NEWSROOM_APPROVAL_CHECKS: the articles app's generic hook for approval checks, which
works without any checker app."""

from __future__ import annotations

import pytest

from articles.exceptions import ApprovalBlocked
from articles.models import Status
from articles.services import article_commit_edit, article_transition
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CALLS: list[tuple] = []


def refuse(article, revision_info, user):
    CALLS.append((article.pk, revision_info.revision_id, user.username))
    return "Legal has not read it."


def allow(article, revision_info, user):
    return None


@pytest.fixture
def submitted(reporter):
    article = ArticleFactory(authors=[reporter.contributor], created_by=reporter)
    article_commit_edit(article=article, user=reporter)
    article_transition(article=article, action="submit", user=reporter)
    CALLS.clear()
    return article


def test_no_checks_by_default(settings, submitted, editor):
    del settings.NEWSROOM_APPROVAL_CHECKS
    article_transition(article=submitted, action="approve", user=editor)
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED


def test_a_check_refuses_with_its_reason(settings, submitted, editor):
    settings.NEWSROOM_APPROVAL_CHECKS = [f"{__name__}.allow", f"{__name__}.refuse"]
    with pytest.raises(ApprovalBlocked, match="Legal has not read it"):
        article_transition(article=submitted, action="approve", user=editor)
    latest = submitted.revision_infos.order_by("-revision_id").first()
    assert [(submitted.pk, latest.revision_id, "editor")] == CALLS


def test_an_override_is_logged_with_what_it_overrode(settings, submitted, editor):
    settings.NEWSROOM_APPROVAL_CHECKS = [f"{__name__}.refuse"]
    event = article_transition(
        article=submitted, action="approve", user=editor, override_reason="Legal said OK by phone"
    )
    assert event.data == {
        "override_reason": "Legal said OK by phone",
        "overridden": ["Legal has not read it."],
    }
    assert "Legal said OK by phone" in event.revision.comment


def test_other_moves_are_not_checked(settings, submitted, editor):
    settings.NEWSROOM_APPROVAL_CHECKS = [f"{__name__}.refuse"]
    article_transition(article=submitted, action="request_changes", user=editor, comment="x")
    assert CALLS == []
