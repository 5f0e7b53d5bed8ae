"""The audit trail: who did what, to what, and when, for every workflow move
(`articles.ArticleEvent`), every change of who may do what and every deletion
(`audit.AuditEntry`); editors read the trail in the admin, nobody can change it.

The production settings, the CSP and the first audit tests: tests/test_security.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from apstyle.models import HouseStyle, HouseTerm, RuleSetting, StyleReport
from articles import workflow
from articles.admin.readonly import ReadOnlyModelAdmin as NewsroomReadOnly
from articles.models import ArticleEvent, ScheduledStory, Section, Tag
from articles.services import (
    article_commit_edit,
    article_delete,
    article_recover,
    article_restore_revision,
    article_transition,
)
from articles.services.scheduling import schedule_sweep
from audit.models import AuditEntry
from audit.readonly import ReadOnlyModelAdmin
from tests.factories import (
    ArticleFactory,
    OrganisationFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_every_workflow_move_is_logged_with_who_what_and_when(reporter, editor, settings):
    settings.NEWSROOM_APPROVAL_CHECKS = []
    article = ArticleFactory(authors=[reporter.contributor], created_by=reporter)
    first, _ = article_commit_edit(article=article, user=reporter, comment="First draft")
    headline = article.headline
    moves = [
        ("submit", reporter, {}),
        ("request_changes", editor, {"comment": "Source the second paragraph"}),
        ("submit", reporter, {}),
        ("approve", editor, {}),
        ("schedule", editor, {"publish_at": timezone.now() + timedelta(hours=1)}),
        ("unschedule", editor, {}),
        ("publish", editor, {}),
        ("schedule_unpublish", editor, {"unpublish_at": timezone.now() + timedelta(hours=1)}),
        ("unpublish", editor, {"comment": "Legal hold"}),
    ]
    started = timezone.now()
    for action, user, kwargs in moves:
        article_transition(article=article, action=action, user=user, **kwargs)
        article.refresh_from_db()
    article.headline = "A rewrite nobody wanted"
    article.save()
    article_commit_edit(article=article, user=editor)
    article_restore_revision(article=article, revision=first, user=editor)
    article_delete(article=article, user=editor)
    article_recover(article_key=article.pk, user=editor)

    events = list(ArticleEvent.objects.filter(article_key=article.pk).order_by("created_at", "id"))
    assert [e.action for e in events] == ["edited"] + [m[0] for m in moves] + [
        "edited", "restored", "deleted", "restored"
    ]
    assert set(workflow.TRANSITIONS) <= {e.action for e in events}, "a move left unlogged"
    for event, (action, user, kwargs) in zip(events[1:], moves, strict=False):
        assert event.user == user, action
        assert event.created_at >= started
        assert event.from_status and event.to_status, action
        assert event.headline == headline
        assert event.revision is not None, action
        if "comment" in kwargs:
            assert event.comment == kwargs["comment"]
    deleted = events[-2]
    assert deleted.user == editor and deleted.from_status == "draft"
    assert "Recovered" in events[-1].revision.comment  # the recovery says what it was


def test_the_scheduler_is_on_record_as_the_system(editor, settings):
    settings.NEWSROOM_APPROVAL_CHECKS = []
    article = ArticleFactory()
    article_commit_edit(article=article, user=editor)
    for action in ("submit", "approve"):
        article_transition(article=article, action=action, user=editor)
    due = timezone.now() + timedelta(minutes=5)
    article_transition(article=article, action="schedule", user=editor, publish_at=due)
    schedule_sweep(now=due + timedelta(seconds=1))
    event = ArticleEvent.objects.get(article_key=article.pk, action="publish")
    assert event.user is None and event.data["trigger"] == "sweep"
    assert event.data["scheduled_for"] == due.isoformat()
    scheduled = ArticleEvent.objects.get(article_key=article.pk, action="schedule")
    assert scheduled.user == editor


def _house_style():
    style = HouseStyle.objects.create(name="Our style", slug="our-style")
    HouseTerm.objects.create(style=style, term="utilize", replacement="use")
    RuleSetting.objects.create(style=style, rule_id="AP-NUM-05", enabled=False)
    return style


@pytest.mark.parametrize(
    ("make", "url_name", "audited"),
    [
        (lambda: PersonFactory(name="Gone Reporter"), "contributors_person",
         {"contributors.person"}),
        (lambda: OrganisationFactory(name="Gone Outlet"), "contributors_organisation",
         {"contributors.organisation"}),
        (lambda: SectionFactory(name="Gone Section"), "articles_section", {"articles.section"}),
        (lambda: TagFactory(name="Gone Topic"), "articles_tag", {"articles.tag"}),
        (_house_style, "apstyle_housestyle",
         {"apstyle.housestyle", "apstyle.houseterm", "apstyle.rulesetting"}),
        (lambda: Group.objects.create(name="Gone Group"), "auth_group", {"auth.group"}),
        (lambda: UserFactory(username="gone", is_staff=False), "auth_user", {"auth.user"}),
    ],
    ids=["person", "organisation", "section", "tag", "house-rules", "group", "user"],
)
def test_deletions_in_the_admin_are_audited_with_the_actor(client, superuser, make, url_name,
                                                           audited):
    target = make()
    client.force_login(superuser)
    response = client.post(reverse(f"admin:{url_name}_delete", args=[target.pk]), {"post": "yes"})
    assert response.status_code == 302
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.DELETED)
    assert {e.target_type for e in entries} == audited
    main = entries.get(target_type=target._meta.label_lower)
    assert main.actor == superuser and main.actor_name == "root"
    assert main.target_id == str(target.pk) and main.target_repr == str(target)
    assert main.created_at <= timezone.now()


def test_group_and_permission_changes_are_audited_however_they_are_made(roles, editor):
    editors = roles["Editors"]
    delete_section = Permission.objects.get(codename="delete_section")
    editor.user_permissions.add(delete_section)
    editor.user_permissions.clear()
    editor.groups.clear()  # clear() names no one: the receiver must find out who
    editors.user_set.add(editor)
    editors.user_set.clear()
    before = set(editors.permissions.values_list("codename", flat=True))
    editors.permissions.clear()

    log = [(e.action, e.target_type, e.target_id, e.detail) for e in
           AuditEntry.objects.order_by("id")]
    me = str(editor.pk)
    assert ("permission_added", "auth.user", me,
            {"permissions": ["articles.delete_section"]}) in log
    assert ("permission_removed", "auth.user", me,
            {"permissions": ["articles.delete_section"]}) in log
    assert [entry for entry in log if entry[0] == "group_removed"] == [
        ("group_removed", "auth.user", me, {"group": "Editors"}),
        ("group_removed", "auth.user", me, {"group": "Editors"}),
    ]
    assert ("group_added", "auth.user", me, {"group": "Editors"}) in log
    (cleared,) = [e for e in log if e[0] == "permission_removed" and e[1] == "auth.group"]
    assert {name.split(".")[1] for name in cleared[3]["permissions"]} == before


def test_an_account_created_with_rights_is_audited(client):
    User.objects.create_superuser("boss", "boss@example.com", "pw-123456789")
    entry = AuditEntry.objects.get(target_type="auth.user")
    assert entry.action == "flags_changed"
    assert entry.detail == {"changes": {"is_staff": [None, True], "is_superuser": [None, True]}}
    assert entry.actor_name == "system"  # the shell or createsuperuser: no signed-in user
    User.objects.create_user("plain", "plain@example.com", "pw-123456789")
    assert AuditEntry.objects.count() == 1  # an account with no rights changes nothing


def test_editors_read_the_trail_and_nobody_changes_it(client, editor, superuser):
    Section.objects.create(name="Doomed", slug="doomed").delete()
    Tag.objects.create(name="Doomed topic", slug="doomed-topic").delete()
    entry = AuditEntry.objects.get(target_repr="Doomed")
    client.force_login(editor)
    page = client.get(reverse("admin:audit_auditentry_changelist")).content.decode()
    assert "Doomed" in page and "Doomed topic" in page
    assert client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).status_code == 200
    for user in (editor, superuser):
        client.force_login(user)
        change = reverse("admin:audit_auditentry_change", args=[entry.pk])
        response = client.post(change, {"target_repr": "Nothing happened", "action": "deleted"})
        assert response.status_code == 403, user
        delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403, user
        assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403, user
        changelist = reverse("admin:audit_auditentry_changelist")
        response = client.post(changelist, {"action": "delete_selected", "_selected_action":
                                            [entry.pk], "post": "yes"})
        assert AuditEntry.objects.filter(pk=entry.pk).exists(), user
    entry.refresh_from_db()
    assert entry.target_repr == "Doomed"


def test_the_read_only_screens_share_the_audit_trails_base():
    assert NewsroomReadOnly is ReadOnlyModelAdmin
    for model in (AuditEntry, ArticleEvent, ScheduledStory, StyleReport):
        assert isinstance(admin.site._registry[model], ReadOnlyModelAdmin), model


# A site without the optional audit app: the newsroom's read-only screens still load (their
# base imports no audit model, which would need the app installed).
_WITHOUT_AUDIT = """
import django
from django.conf import settings

from newsroom.settings import test as site

names = {name: getattr(site, name) for name in dir(site) if name.isupper()}
names["INSTALLED_APPS"] = [app for app in site.INSTALLED_APPS if app != "audit"]
names["MIDDLEWARE"] = [m for m in site.MIDDLEWARE if not m.startswith("audit.")]
settings.configure(**names)
django.setup()

from django.contrib import admin

admin.autodiscover()
print(" ".join(sorted(model._meta.label for model in admin.site._registry)))
"""


def test_the_admin_loads_in_a_site_without_the_audit_app():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_AUDIT],
        cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    registered = done.stdout.split()
    assert {"articles.ArticleEvent", "articles.ScheduledStory", "apstyle.StyleReport"} <= set(
        registered
    )
    assert "audit.AuditEntry" not in registered


def test_stories_deleted_in_bulk_are_each_logged_and_audited(client, editor):
    stories = [ArticleFactory(headline=f"Bulk {n}") for n in range(2)]
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in stories], "post": "yes"},
    )
    assert response.status_code == 302
    for article in stories:
        event = ArticleEvent.objects.get(article_key=article.pk, action="deleted")
        assert event.user == editor and event.headline == article.headline
        entry = AuditEntry.objects.get(target_type="articles.article", target_id=str(article.pk))
        assert entry.actor == editor and entry.action == "deleted"
