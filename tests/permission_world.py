"""The newsroom the permission matrix (`tests/test_permission_matrix.py`) acts on: one
account per role, stories in every workflow state owned by one reporter, and one spare row
of every model the admin manages, so each URL has concrete arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

ROLES = ["anonymous", "reader", "reporter", "other_reporter", "editor", "superuser"]
# The story-owning reporter acts as "reporter" (own stories) and a second reporter as
# "other_reporter" (someone else's stories).

CLEAN_BODY = "<p>The council met on Tuesday and voted on the budget.</p>"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    stories: dict = field(default_factory=dict)  # by workflow state, owned by the reporter
    rows: dict = field(default_factory=dict)  # one deletable row per admin model
    first_revision: int = 0
    share_link: object = None
    deleted_version: object = None
    deleted_id: int = 0
    report: object = None
    others_revision: int = 0  # a revision of another reporter's story

    def user(self, role: str):
        return self.users.get(role)


def build_world() -> World:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from reversion.models import Version

    from apstyle.models import AcceptedFinding, HouseStyle
    from apstyle.services import revision_report
    from articles.models import Article, ArticleEvent, RevisionInfo, ShareLink
    from articles.roles import ensure_roles
    from articles.services import (
        article_commit_edit,
        article_transition,
        latest_revision_info,
        share_link_create,
    )
    from audit.models import AuditEntry
    from contributors.models import Organisation, Person
    from photos.services import photo_create_from_upload
    from tests.factories import (
        ArticleFactory,
        OrganisationFactory,
        PersonFactory,
        SectionFactory,
        TagFactory,
        UserFactory,
    )

    w = World()
    groups = ensure_roles()
    w.users["reader"] = UserFactory(username="reader", is_staff=False)
    for role, group in (
        ("reporter", "Reporters"), ("other_reporter", "Reporters"), ("editor", "Editors")
    ):
        user = UserFactory(username=role)
        user.groups.add(groups[group])
        PersonFactory(name=f"{role.title()} Person", slug=f"{role}-person", user=user)
        w.users[role] = user
    w.users["superuser"] = UserFactory(username="root", is_superuser=True)
    reporter = w.users["reporter"]
    for user in w.users.values():
        user.refresh_from_db()
    person = reporter.contributor

    def story(headline: str):
        article = ArticleFactory(
            headline=headline, body=CLEAN_BODY, authors=[person], created_by=reporter
        )
        article_commit_edit(article=article, user=reporter, comment="first draft")
        return article

    draft = story("Reporter draft one")
    w.first_revision = latest_revision_info(draft).revision_id
    draft.headline = "Reporter draft two"
    draft.save(update_fields=["headline"])
    article_commit_edit(article=draft, user=reporter, comment="second draft")
    w.stories["draft"] = draft

    def moved(headline: str, *actions: str, tags=(), **kwargs):
        article = story(headline)
        if tags:
            article.tags.add(*tags)
            article_commit_edit(article=article, user=reporter, comment="tags")
        for action in actions:
            article_transition(
                article=article, action=action, user=None, comment="set up",
                **(kwargs if action == "schedule" else {}),
            )
        article.refresh_from_db()
        return article

    w.stories["submitted"] = moved("Reporter submitted", "submit")
    w.stories["approved"] = moved("Reporter approved", "submit", "approve")
    w.stories["scheduled"] = moved(
        "Reporter scheduled", "submit", "approve", "schedule",
        publish_at=timezone.now() + timedelta(days=2),
    )
    # Tag pages and feeds answer only for tags a live story carries.
    w.stories["published"] = moved(
        "Reporter published", "submit", "approve", "publish",
        tags=[TagFactory(name="Live tag", slug="live-tag")],
    )
    w.share_link = share_link_create(article=draft, user=w.users["editor"])
    other = w.users["other_reporter"]
    w.stories["others_draft"] = ArticleFactory(
        headline="Someone else's draft", body=CLEAN_BODY, authors=[other.contributor],
        created_by=other,
    )
    article_commit_edit(article=w.stories["others_draft"], user=other, comment="theirs")
    w.others_revision = latest_revision_info(w.stories["others_draft"]).revision_id

    gone = story("Reporter deleted story")
    w.deleted_id = gone.pk
    gone.delete()
    w.deleted_version = Version.objects.get_deleted(Article).get(object_id=str(w.deleted_id))

    from newsapi.models import IngestItem
    from newsapi.tokens import api_token_issue
    from newsapi.webhooks.models import Delivery, Subscription

    hook = Subscription.objects.create(
        name="Spare hook", url="http://localhost:9/hook", events=["published"]
    )
    api_rows = {
        "newsapi.apitoken": api_token_issue(
            user=w.users["editor"], name="Spare token", scopes=["ingest"]
        )[0],
        "newsapi.ingestitem": IngestItem.objects.create(uri="urn:matrix:spare", article=draft),
        "newsapi_webhooks.subscription": hook,
        "newsapi_webhooks.delivery": Delivery.objects.create(
            subscription=hook, event="published", article_key=draft.pk, payload={}
        ),
    }

    info = RevisionInfo.objects.get(revision_id=w.first_revision)
    w.report = revision_report(info=info)

    w.rows = {
        "auth.group": Group.objects.create(name="Spare group"),
        "auth.user": UserFactory(username="spare", is_staff=False),
        "axes.accessattempt": AccessAttempt.objects.create(
            username="someone", ip_address="10.0.0.1", user_agent="x", get_data="",
            post_data="", http_accept="*/*", path_info="/admin/login/",
            failures_since_start=1,
        ),
        "axes.accesslog": AccessLog.objects.create(
            username="someone", ip_address="10.0.0.1", user_agent="x", http_accept="*/*",
            path_info="/admin/login/",
        ),
        "axes.accessfailurelog": AccessFailureLog.objects.create(
            username="someone", ip_address="10.0.0.1", user_agent="x", http_accept="*/*",
            path_info="/admin/login/", locked_out=False,
        ),
        "audit.auditentry": AuditEntry.objects.create(
            action="deleted", target_type="articles.article", target_id="1", target_repr="x"
        ),
        "contributors.person": PersonFactory(name="Spare Person", slug="spare-person"),
        "contributors.organisation": OrganisationFactory(name="Spare Outlet"),
        "articles.section": SectionFactory(name="Spare section", slug="spare-section"),
        "articles.tag": TagFactory(name="Spare tag", slug="spare-tag"),
        "articles.article": draft,
        "articles.scheduledstory": w.stories["scheduled"],
        "articles.articleevent": ArticleEvent.objects.filter(article=draft).first(),
        "apstyle.housestyle": HouseStyle.objects.create(name="House", slug="house"),
        "apstyle.stylereport": w.report,
        "photos.photo": photo_create_from_upload(
            file=spare_photo_upload(), user=w.users["editor"], title="Spare photo"
        )[0],
        "apstyle.acceptedfinding": AcceptedFinding.objects.create(
            article_key=draft.pk, fingerprint="f" * 40, rule="NR-TEST", text="x",
            accepted_by=w.users["editor"],
        ),
        **api_rows,
    }
    assert Organisation.objects.filter(name="Spare Outlet").exists()
    assert Person.objects.filter(slug="spare-person").exists()
    assert ShareLink.objects.count() == 1
    return w


def spare_photo_upload(name: str = "spare.png"):
    """A small PNG upload, different for each name (the library keeps one photo per file)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 80), (40, 90, 160))
    ImageDraw.Draw(image).text((4, 4), name, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")

