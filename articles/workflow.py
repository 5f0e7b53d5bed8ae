"""The editorial workflow, declared in one place: the states a story's working copy moves
through, the moves, who may make them and when. `articles.services.transitions` applies
them, and is the only code that changes a story's `status`.

    draft ─submit→ submitted ─approve→ approved ─publish→ published ─unpublish→ unpublished
      ↑                 └─request_changes→ changes_requested ─submit→ submitted
      └──────────── any saved change to an approved/scheduled/published story
    approved ─schedule→ scheduled ─unschedule→ approved;  scheduled ─(time)→ published
    published ─schedule_unpublish→ published, which comes down at its time ─(time)→ unpublished

Publishing always publishes the *approved revision*, so a draft saved after the approval
never goes live by accident; it needs an approval of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.module_loading import import_string

from . import conf
from .models import Article, Publication, RevisionInfo, Status
from .times import local_and_utc

S = Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    permission: str
    sources: frozenset[str] = field(default_factory=frozenset)  # empty: from any state
    target: str | None = None  # None: the status does not change
    comment_required: bool = False
    guard: Callable[[Article, object], str | None] | None = None  # returns why not, or None
    # Like `guard`, but an editor may go ahead anyway by giving a reason, which is logged.
    checks: Callable[[Article, object], list[str]] | None = None


# The guards: why a move cannot happen now, or None. Each check is written once; a guard
# runs them in order and gives the first refusal.


def _no_approval(article: Article, verb: str) -> str | None:
    if article.approved_revision_id is None:
        return f"There is no approved revision to {verb}. An editor must approve one first."
    return None


def _already_live(article: Article, revision_id: int | None, which: str) -> str | None:
    """Refuses when revision `revision_id` is what the story's current publication shows."""
    live = Publication.objects.current_for(article)
    if live is not None and live.revision_id == revision_id:
        return f"The {which} revision is already live."
    return None


def _embargoed(article: Article) -> str | None:
    if article.embargo_until and article.embargo_until > timezone.now():
        return f"The story is embargoed until {local_and_utc(article.embargo_until)}."
    return None


def _pending_approval(article: Article, user) -> str | None:
    return (
        _no_approval(article, "publish")
        or _already_live(article, article.approved_revision_id, "approved")
        or _embargoed(article)
    )


def _schedulable(article: Article, user) -> str | None:
    return _no_approval(article, "schedule") or _already_live(
        article, article.approved_revision_id, "approved"
    )


def _is_scheduled(article: Article, user) -> str | None:
    return None if article.scheduled_revision_id else "The story is not scheduled."


def _is_live(article: Article, user) -> str | None:
    current = Publication.objects.current_for(article)
    return None if current is not None else "The story is not published."


def _scheduled_publishable(article: Article, user) -> str | None:
    """The scheduler's guard: there is a scheduled revision, it is not live yet, and no
    embargo holds it back."""
    return (
        _is_scheduled(article, user)
        or _already_live(article, article.scheduled_revision_id, "scheduled")
        or _embargoed(article)
    )


def _second_editor(article: Article, user) -> str | None:
    """With NEWSROOM_REQUIRE_SECOND_EDITOR, nobody approves changes they made themselves."""
    if not conf.get("NEWSROOM_REQUIRE_SECOND_EDITOR") or user is None:
        return None
    since = RevisionInfo.objects.filter(article_key=article.pk)
    if article.approved_revision_id:
        since = since.filter(revision_id__gt=article.approved_revision_id)
    own = since.filter(
        revision__user=user, kind__in=[RevisionInfo.Kind.EDIT, RevisionInfo.Kind.RESTORE]
    )
    if own.exists():
        return "Another editor must approve this story: it contains your own unreviewed changes."
    return None


def _approval_checks(article: Article, user) -> list[str]:
    """Refusals of the NEWSROOM_APPROVAL_CHECKS callables for the revision about to be
    approved (the latest). The system (user=None) is not checked, as for permissions."""
    paths = conf.get("NEWSROOM_APPROVAL_CHECKS")
    if not paths or user is None:
        return []
    info = RevisionInfo.objects.filter(article_key=article.pk).order_by("-revision_id").first()
    if info is None:
        return []
    return [r for r in (import_string(p)(article, info, user) for p in paths) if r]


SUBMIT = Transition(
    "submit", "Submit for review", "articles.submit_article",
    sources=frozenset({S.DRAFT, S.CHANGES_REQUESTED}), target=S.SUBMITTED,
)
REQUEST_CHANGES = Transition(
    "request_changes", "Request changes", "articles.review_article",
    sources=frozenset({S.SUBMITTED, S.APPROVED, S.SCHEDULED}), target=S.CHANGES_REQUESTED,
    comment_required=True,
)
APPROVE = Transition(
    "approve", "Approve", "articles.review_article",
    sources=frozenset({S.SUBMITTED}), target=S.APPROVED, guard=_second_editor,
    checks=_approval_checks,
)
PUBLISH = Transition("publish", "Publish now", "articles.publish_article", guard=_pending_approval)
SCHEDULE = Transition("schedule", "Schedule", "articles.publish_article", guard=_schedulable)
UNSCHEDULE = Transition(
    "unschedule", "Cancel schedule", "articles.publish_article", guard=_is_scheduled
)
UNPUBLISH = Transition(
    "unpublish", "Unpublish", "articles.publish_article", guard=_is_live, comment_required=True
)
SCHEDULE_UNPUBLISH = Transition(
    "schedule_unpublish", "Schedule take-down", "articles.publish_article", guard=_is_live
)

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        SUBMIT, REQUEST_CHANGES, APPROVE, PUBLISH, SCHEDULE, UNSCHEDULE, UNPUBLISH,
        SCHEDULE_UNPUBLISH,
    )
}

# The scheduler's own move, offered to nobody: `publish` as the log records it (so every
# follow-up of a publication happens), but of the *scheduled* revision, at its time. Only
# `services.scheduling.article_publish_scheduled` makes it, with user=None.
PUBLISH_SCHEDULED = Transition(
    "publish", "Publish as scheduled", "articles.publish_article", guard=_scheduled_publishable
)

# A saved change to the text sends the working copy back to draft from these states.
EDIT_RESETS = frozenset({S.APPROVED, S.SCHEDULED, S.PUBLISHED, S.UNPUBLISHED})


def may_act_on(user, article: Article) -> bool:
    """Whether `user` may act on this particular story (their own, or any for editors)."""
    return Article.objects.editable_by(user).filter(pk=article.pk).exists()


def permission_refusal(transition: Transition, article: Article, user) -> str | None:
    """Why `user` may not make `transition` on `article`, or None. `user=None` is the
    system itself (the scheduler), which the services call only from trusted code."""
    if user is None:
        return None
    if not user.is_active or not user.has_perm(transition.permission):
        return f"You are not allowed to {transition.label.lower()} stories."
    if not may_act_on(user, article):
        return f"You are not allowed to {transition.label.lower()} this story."
    return None


def state_refusal(transition: Transition, article: Article, user) -> str | None:
    """Why `transition` cannot happen to `article` in its present state, or None."""
    if transition.sources and article.status not in transition.sources:
        return (
            f"A story that is {article.get_status_display().lower()} cannot be "
            f"{_past(transition)}."
        )
    if transition.guard is not None:
        return transition.guard(article, user)
    return None


def refusal(transition: Transition, article: Article, user) -> str | None:
    return permission_refusal(transition, article, user) or state_refusal(
        transition, article, user
    )


def check_refusals(transition: Transition, article: Article, user) -> list[str]:
    """Why the overridable checks refuse `transition` now (empty: they allow it)."""
    return transition.checks(article, user) if transition.checks is not None else []


def approval_refusals(article: Article, user) -> list[str] | None:
    """What stands between `user` and approving `article` that they may override with a
    reason: None when they may not approve it at all (permission or state), else the
    refusals of the approval checks (`NEWSROOM_APPROVAL_CHECKS`); empty when they allow it."""
    if refusal(APPROVE, article, user) is not None:
        return None
    return check_refusals(APPROVE, article, user)


def available(article: Article, user) -> list[Transition]:
    """The transitions `user` may make on `article` now, for buttons. A move that only
    `check_refusals` refuses is included: the editor may override them with a reason."""
    return [t for t in TRANSITIONS.values() if refusal(t, article, user) is None]


def _past(transition: Transition) -> str:
    return {
        "submit": "submitted",
        "request_changes": "sent back for changes",
        "approve": "approved",
        "publish": "published",
        "schedule": "scheduled",
        "unschedule": "unscheduled",
        "unpublish": "unpublished",
        "schedule_unpublish": "scheduled to come down",
    }[transition.name]
