from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from articles.models import Article, Publication, RelatedLink

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_creates_the_demo_users(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    articles, publications = Article.objects.count(), Publication.objects.live().count()
    assert articles == publications >= 5
    call_command("load_demo", stdout=StringIO())
    assert Article.objects.count() == articles
    assert RelatedLink.objects.count() == 3

    request = RequestFactory().post("/admin/login/")
    reporter = authenticate(request, username="reporter", password="newsroom")
    editor = authenticate(request, username="editor", password="newsroom")
    assert reporter and reporter.groups.filter(name="Reporters").exists()
    assert editor and editor.groups.filter(name="Editors").exists()
    assert reporter.has_perm("articles.submit_article")
    assert not reporter.has_perm("articles.publish_article")
    assert editor.has_perm("articles.publish_article")

    home = client.get("/").content.decode()
    assert "US strike in Baghdad kills leader of Iran-backed militia" in home
    assert "password" not in home.lower()
    assert "/news/" in out.getvalue()


def test_load_demo_makes_no_known_password_accounts_where_demo_users_are_off(settings):
    settings.NEWSROOM_DEMO_USERS = False  # as newsroom.settings.production sets it
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=StringIO())
    assert Publication.objects.live().count() >= 5
    assert not get_user_model().objects.filter(username__in=["reporter", "editor"]).exists()
    assert "password" not in out.getvalue()
