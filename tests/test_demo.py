from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from articles.models import Article, Publication, RelatedLink
from newsroom.demo.content import load_demo

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


def test_the_reference_story_runs_with_a_wire_photo_and_one_in_the_body(client, media):
    from lxml import html as lxml_html
    from PIL import ExifTags, Image

    from photos.models import Photo, Rendition
    from tests.photos import images

    article, _ = load_demo(users=False)
    lead = article.lead_photo
    assert lead.credit == "AP Photo/Karim Nasser"  # read from the file's IPTC
    assert lead.source == Photo.Source.AGENCY and lead.is_accessible
    # Made while loading, so the first reader does not wait for them.
    assert Rendition.objects.filter(photo=lead).count() >= 15

    page = lxml_html.fromstring(client.get(article.public_path()).content)
    figures = page.xpath('//figure[contains(@class, "story__figure")]')
    assert len(figures) == 2  # the lead, and the one in the body
    [lead_img] = figures[0].xpath(".//img")
    assert lead_img.get("fetchpriority") == "high" and lead_img.get("alt") == lead.alt_text
    assert "(AP Photo/Karim Nasser)" in figures[0].text_content()
    assert figures[1].xpath(".//img/@loading") == ["lazy"]
    for photo in Photo.objects.all():
        stored = (media / photo.file.name).read_bytes()
        assert images.betrayals(stored) == []
        assert Image.open(media / photo.file.name).getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
