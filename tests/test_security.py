"""Production hardening, login rate limiting, CSP, and the audit trail."""

import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles.models import Article, ArticleEvent
from audit.models import AuditEntry
from tests.conftest import REPO
from tests.factories import ArticleFactory, UserFactory

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
    "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-for-the-check-0123456789abcdef",
    "DJANGO_ALLOWED_HOSTS": "news.example.com",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
}


def _manage(*args, env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_secrets(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_trusts_the_proxy_for_https_and_hides_debug():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS > 0)",
        env=PRODUCTION_ENV,
    )
    assert result.stdout.strip().splitlines()[-1].split() == [
        "False",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "True",
        "True",
    ]


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"].startswith("'self'")
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures(client):
    UserFactory(username="victim", password="right-password-123")
    url = reverse("admin:login")
    for _ in range(4):
        response = client.post(url, {"username": "victim", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    assert client.post(url, {"username": "victim", "password": "wrong"}).status_code == 429
    # Even the right password is refused while the lock lasts.
    response = client.post(url, {"username": "victim", "password": "right-password-123"})
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_successful_login_resets_the_count(client):
    UserFactory(username="forgetful", password="right-password-123")
    url = reverse("admin:login")
    for _ in range(4):
        client.post(url, {"username": "forgetful", "password": "wrong"})
    response = client.post(url, {"username": "forgetful", "password": "right-password-123"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_permission_changes_are_audited_with_the_actor(client, superuser, roles):
    client.force_login(superuser)
    target = UserFactory(username="promoted", is_staff=False)  # created with no rights
    editors = Group.objects.get(name="Editors")
    response = client.post(
        reverse("admin:auth_user_change", args=[target.pk]),
        {
            "username": "promoted",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [editors.pk],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    entries = {e.action: e for e in AuditEntry.objects.filter(target_id=str(target.pk))}
    assert entries["group_added"].detail == {"group": "Editors"}
    assert entries["group_added"].actor == superuser
    assert entries["flags_changed"].detail["changes"]["is_superuser"] == [False, True]

    editors.permissions.add(Permission.objects.get(codename="delete_section"))
    entry = AuditEntry.objects.filter(action="permission_added").latest("id")
    assert entry.detail == {"permissions": ["articles.delete_section"]}
    assert entry.actor is None and entry.actor_name == "system"


@pytest.mark.django_db
def test_story_deletion_is_logged_and_audited(client, editor):
    article = ArticleFactory(headline="To be deleted")
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    event = ArticleEvent.objects.get(article_key=article.pk, action="deleted")
    assert event.user == editor and event.headline == "To be deleted"
    entry = AuditEntry.objects.get(action="deleted", target_type="articles.article")
    assert entry.actor == editor and entry.target_repr == "To be deleted"


@pytest.mark.django_db
def test_editors_read_the_audit_log_and_nobody_edits_it(client, editor, reporter):
    entry = AuditEntry.objects.create(
        action="deleted", target_type="x", target_id="1", target_repr="x"
    )
    client.force_login(editor)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert (
        client.post(
            reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    client.force_login(reporter)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 403


# Issue 19, finding 7: what the review found smaller.


def test_gunicorn_listens_on_loopback_only():
    """The proxy in front is trusted for X-Forwarded-Proto and X-Forwarded-For: gunicorn
    must be reachable by it alone, never directly (README, "Security")."""
    web = next(
        line for line in (REPO / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    binds = re.findall(r"--bind\s+(\S+)", web)
    assert binds and all(b.startswith(("127.0.0.1:", "unix:", "[::1]:")) for b in binds), web


def _hsts(**env) -> list[str]:
    result = _manage(
        "shell", "-c",
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)",
        env={**PRODUCTION_ENV, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split()


def test_hsts_commits_no_other_host_unless_the_site_says_so():
    assert _hsts() == ["31536000", "False", "False"]
    both = {"DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "DJANGO_SECURE_HSTS_PRELOAD": "true"}
    assert _hsts(**both) == ["31536000", "True", "True"]
    check = _manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **both})
    assert check.returncode == 0, check.stdout + check.stderr
    alone = _manage("check", env={**PRODUCTION_ENV, "DJANGO_SECURE_HSTS_PRELOAD": "true"})
    assert alone.returncode != 0 and "INCLUDE_SUBDOMAINS" in alone.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url", ["https://evil.example.com/", "//evil.example.com/", "/admin/", ""]
)
def test_a_sign_in_lands_in_the_admin_whatever_next_it_refuses(client, next_url):
    UserFactory(username="returning", password="right-password-123")
    data = {"username": "returning", "password": "right-password-123"}
    response = client.post(reverse("admin:login") + f"?next={next_url}", data)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
