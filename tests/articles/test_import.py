"""import_story on the reference story and on bad input."""

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from lxml import html as lxml_html

from articles.models import Article, Byline, Credit, Publication
from articles.wire import parse_wire_story
from contributors.models import Organisation, Person
from tests.conftest import REFERENCE_STORY

pytestmark = pytest.mark.django_db

HEADLINE = "US strike in Baghdad kills leader of Iran-backed militia"
CREDIT_LINE = (
    "Associated Press staff writers Ali Jabar in Baghdad, Tara Copp in Washington, Bassem "
    "Mroue in Beirut and Melanie Lidman in Jerusalem contributed to this report."
)
BIO_LINE = (
    "Meghann Myers is the Pentagon bureau chief at Military Times. She covers operations, "
    "policy, personnel, leadership and other issues affecting service members."
)


def _import(*args) -> str:
    out = StringIO()
    call_command("import_story", str(REFERENCE_STORY), "--headline", HEADLINE, *args, stdout=out)
    return out.getvalue()


def _visible_text(page) -> str:
    for node in page.xpath("//script|//style"):
        node.drop_tree()
    return " ".join(page.text_content().split())


def test_reference_story_imports_into_a_faithful_page(client):
    from tests.conftest import publish
    from tests.factories import ArticleFactory

    # Other live stories in the section, so "In Other News" has automatic links too.
    for n in range(3):
        publish(ArticleFactory(headline=f"Other story {n}", slug=f"other-{n}"))

    output = _import("--section", "World", "--publish")
    path = output.strip().splitlines()[-1]
    article = Article.objects.get(headline=HEADLINE)
    assert path == f"/news/{article.slug}/"

    response = client.get(path)
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content)
    text = _visible_text(lxml_html.fromstring(response.content))
    for paragraph in parse_wire_story(REFERENCE_STORY.read_text(encoding="utf-8")).paragraphs:
        assert " ".join(paragraph.split()) in text
    assert CREDIT_LINE in text
    assert BIO_LINE in text
    assert "Load More" not in article.body and "In Other News" not in article.body

    [data] = [
        json.loads(s.text)
        for s in page.xpath('//script[@type="application/ld+json"]')
        if json.loads(s.text)["@type"] == "NewsArticle"
    ]
    assert [a["name"] for a in data["author"]] == ["Meghann Myers"]
    assert data["author"][0]["jobTitle"] == "Pentagon bureau chief"
    assert data["author"][0]["worksFor"]["name"] == "Military Times"
    assert [c["name"] for c in data["contributor"]] == [
        "Ali Jabar",
        "Tara Copp",
        "Bassem Mroue",
        "Melanie Lidman",
    ]
    assert data["datePublished"] and data["dateModified"]
    assert data["mainEntityOfPage"]["@id"].endswith(path)

    links = page.xpath('//section[@aria-labelledby="in-other-news"]//a[@href]')
    hrefs = [a.get("href") for a in links]
    assert any(re.fullmatch(r"/news/other-\d/", h) for h in hrefs)
    for href in hrefs:
        if href.startswith("/news/") and "/related/" not in href:
            assert client.get(href).status_code == 200


def test_import_records_structured_people_and_credits():
    _import("--section", "World", "--tag", "Iraq")
    article = Article.objects.get(headline=HEADLINE)
    [byline] = Byline.objects.filter(article=article)
    assert byline.person.name == "Meghann Myers"
    assert byline.title == "Pentagon bureau chief"
    assert byline.organisation.name == "Military Times"
    credits = list(Credit.objects.filter(article=article).select_related("person", "organisation"))
    assert [c.person.name for c in credits] == [
        "Ali Jabar",
        "Tara Copp",
        "Bassem Mroue",
        "Melanie Lidman",
    ]
    assert {c.organisation.name for c in credits} == {"Associated Press"}
    assert Organisation.objects.get(name="Associated Press").is_wire_service
    assert Person.objects.get(name="Ali Jabar").kind == Person.Kind.WIRE
    assert [t.name for t in article.tags.all()] == ["Iraq"]
    assert article.section.name == "World"
    # Imported as a draft: nothing public yet.
    assert not Publication.objects.filter(article=article).exists()


def test_import_twice_reuses_people_and_makes_a_new_slug():
    _import()
    _import()
    assert Person.objects.filter(name="Meghann Myers").count() == 1
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert len(slugs) == 2 and slugs[0] != slugs[1]


def test_import_from_standard_input(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(
        sys, "stdin", io.StringIO("Body text.\n\nJane Roe covers Congress for Roll Call.\n")
    )
    out = StringIO()
    call_command("import_story", "-", "--headline", "From stdin", stdout=out)
    assert Article.objects.get(headline="From stdin").bylines.get().person.name == "Jane Roe"


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("", ["--headline", "X"], "empty"),
        ("Just a body with nobody named.\n", ["--headline", "X"], "No byline found"),
        ("Body.\n\nJane Roe covers Congress for Roll Call.\n", [], "headline"),
        ("In Other News\nLoad More\n", ["--headline", "X"], "No body paragraphs"),
    ],
)
def test_bad_input_gets_a_clear_error_and_saves_nothing(tmp_path, content, args, message):
    path = tmp_path / "story.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_story", str(path), *args, stdout=StringIO())
    assert Article.objects.count() == 0
    assert Person.objects.count() == 0


def test_missing_and_binary_files_are_refused(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_story", str(tmp_path / "nope.txt"), "--headline", "X")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_story", str(binary), "--headline", "X")


def test_oversized_body_is_refused(tmp_path, settings):
    settings.NEWSROOM_MAX_BODY_CHARS = 1000
    path = tmp_path / "long.txt"
    path.write_text(
        ("A sentence of wire copy. " * 100 + "\n\n") + "Jane Roe covers Congress for Roll Call.\n"
    )
    with pytest.raises(CommandError, match="limit"):
        call_command("import_story", str(path), "--headline", "Long")
    assert Article.objects.count() == 0


def test_hostile_text_is_escaped_not_executed(tmp_path, client):
    path = tmp_path / "x.txt"
    path.write_text(
        "<script>alert(1)</script> Officials said <img src=x onerror=alert(2)>.\n\n"
        "Jane Roe covers Congress for Roll Call.\n"
    )
    call_command(
        "import_story", str(path), "--headline", "<b>Bold</b> claim", "--publish", stdout=StringIO()
    )
    article = Article.objects.get()
    assert "<script" not in article.body and "<img" not in article.body
    response = client.get(article.get_absolute_url())
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
    assert b"<b>Bold</b>" not in response.content
