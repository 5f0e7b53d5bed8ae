"""Who may open each page and press each button this desk adds: anonymous visitors and
readers go to the login page, staff without a newsroom role and reporters outside their own
stories are refused, reporters use their own stories, editors everything."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, ReviewComment, ShareLink
from articles.services import article_commit_edit, latest_revision_info, share_link_create
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "no_role", "other_reporter", "reporter", "editor"]


@pytest.fixture
def no_role(db):
    return UserFactory(username="norole", is_staff=True)


@pytest.fixture
def world(reporter, editor):
    story = ArticleFactory(
        headline="Owned by the reporter", authors=[reporter.contributor], created_by=reporter
    )
    article_commit_edit(article=story, user=reporter, comment="first")
    story.headline = "Owned by the reporter, edited"
    story.save(update_fields=["headline"])
    article_commit_edit(article=story, user=reporter, comment="second")
    first = latest_revision_info(story).revision.pk - 1
    link = share_link_create(article=story, user=editor)
    gone = ArticleFactory(
        headline="Deleted story", authors=[reporter.contributor], created_by=reporter
    )
    article_commit_edit(article=gone, user=reporter)
    gone_id = gone.pk
    gone.delete()
    deleted = Version.objects.get_deleted(Article).get(object_id=str(gone_id))
    return {"story": story, "first": first, "link": link, "deleted": deleted, "gone_id": gone_id}


def _admin(name, *args):
    return reverse(f"admin:articles_article_{name}", args=args)


# name: (method, url, data, who besides editors may) — "owner" means the story's reporter.
def _cases(w):
    s = w["story"]
    return {
        "history": ("get", _admin("history", s.pk), None, "owner"),
        "compare": ("get", _admin("compare", s.pk), None, "owner"),
        "revision_preview": ("get", _admin("revision_preview", s.pk, w["first"]), None, "owner"),
        "restore": ("post", _admin("restore", s.pk), {"revision_id": w["first"]}, "owner"),
        "comment": ("post", _admin("comment", s.pk), {"body": "A note"}, "owner"),
        "share": (
            "post",
            _admin("share", s.pk),
            {"revision_id": w["first"], "expires_in": "24"},
            None,
        ),
        "share_revoke": ("post", _admin("share_revoke", s.pk, w["link"].pk), {}, None),
        "recoverlist": ("get", _admin("recoverlist"), None, None),
        "recover_form": ("get", _admin("recover", w["deleted"].pk), None, None),
        "recover": ("post", _admin("recover", w["deleted"].pk), {}, None),
    }


CASES = [
    "history",
    "compare",
    "revision_preview",
    "restore",
    "comment",
    "share",
    "share_revoke",
    "recoverlist",
    "recover_form",
    "recover",
]


def _effect(case, w):
    """Whether the action took effect."""
    story = Article.objects.filter(pk=w["story"].pk).first()
    return {
        "restore": story.headline == "Owned by the reporter",
        "comment": ReviewComment.objects.filter(body="A note").exists(),
        "share": ShareLink.objects.count() == 2,
        "share_revoke": ShareLink.objects.get(pk=w["link"].pk).revoked_at is not None,
        "recover": Article.objects.filter(pk=w["gone_id"]).exists(),
    }.get(case, False)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("role", ROLES)
def test_desk_permissions(client, request, world, role, case):
    method, url, data, others = _cases(world)[case]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = getattr(client, method)(url, data or {})

    if role in ("anonymous", "reader"):
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        allowed = False
    elif role == "editor" or (role == "reporter" and others == "owner"):
        assert response.status_code == (200 if method == "get" else 302), response.content[:500]
        allowed = True
    elif role == "other_reporter" and others == "owner":
        assert response.status_code == 404  # someone else's story is not there for them
        allowed = False
    else:
        assert response.status_code in (403, 404)
        allowed = False
    if method == "post":
        assert _effect(case, world) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_review_queue_link(client, request, world, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(_admin("review_queue"))
    assert response.status_code == 302
    if role in ("anonymous", "reader"):
        assert "/admin/login/" in response["Location"]
    else:
        assert response["Location"].endswith("?queue=review")
