"""Property tests: arbitrary text (Arabic and right-to-left included) never crashes the
importer, the credit-line renderer or the sanitiser, and their guarantees hold."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from articles.credits import ENDING, CreditEntry, credit_line
from articles.sanitize import sanitize_body
from articles.wire import WireFormatError, parse_credit_subject, parse_wire_story

NAMES = st.sampled_from(
    [
        "مشتاق طالب السعيدي",
        "يحيى رسول",
        "أبو تقوى",
        "שרה לוי",
        "Ali Jabar",
        "Zoë O’Brien-Núñez",
        "李明",
        "",
    ]
)
TEXT = (
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200) | NAMES
)
RTL_MARKS = st.sampled_from(["\u200f", "\u202b", "\u202e", "\u2066", ""])
entries = st.builds(
    CreditEntry,
    person=st.builds(lambda a, b: a + b, NAMES | TEXT, RTL_MARKS),
    organisation=st.sampled_from(["Associated Press", "Reuters", "الجزيرة", ""]) | TEXT,
    role=st.sampled_from(["staff writer", "photographer", "مراسل", ""]) | TEXT,
    location=st.sampled_from(["Baghdad", "بغداد", "ירושלים", "Dubai, United Arab Emirates", ""])
    | TEXT,
)


@given(st.lists(entries, max_size=8))
def test_credit_line_never_crashes_and_names_everyone(items):
    line = credit_line(items)
    named = [e for e in items if e.person.strip() or e.organisation.strip()]
    if not named:
        assert line == ""
        return
    assert line.endswith(ENDING)
    for entry in named:
        if entry.person.strip():
            name = " ".join(entry.person.split())
            # The sentence's first letter is capitalised, even when it starts a name.
            assert name in line or (name[0].upper() + name[1:]) in line


@given(TEXT)
def test_credit_subject_parser_never_crashes(text):
    for entry in parse_credit_subject(text):
        assert isinstance(entry, CreditEntry)


HTMLISH = st.text(
    alphabet=st.sampled_from(list("<>/=\"' abcdefghijklmnopqrstuvwxyz:;()&#"))
    | st.characters(codec="utf-8", exclude_categories=["Cs"]),
    max_size=300,
)
ATTACKS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        "<svg onload=alert(1)>",
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<iframe src=//evil.example></iframe>",
        '<p onclick="x()">بغداد</p>',
        "<scr<script>ipt>alert(1)</script>",
    ]
)


@given(st.lists(HTMLISH | ATTACKS, max_size=6).map("".join))
@settings(max_examples=300)
def test_sanitiser_output_is_safe_and_stable(html):
    clean = sanitize_body(html)
    assert sanitize_body(clean) == clean
    if not clean:
        return
    tree = lxml_html.fragment_fromstring(clean, create_parent="div")
    for element in tree.iter():
        assert element.tag not in {"script", "style", "iframe", "svg", "img", "object", "embed"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on")
            assert name != "style"
            if name == "href":
                assert re.match(r"^(https?:|mailto:|[^:]*$)", value.strip(), re.I), value


@given(st.lists(TEXT, min_size=0, max_size=12).map("\n\n".join))
@settings(max_examples=200)
def test_wire_parser_never_crashes(text):
    try:
        story = parse_wire_story(text)
    except WireFormatError:
        return
    assert story.paragraphs
    assert all(p and "\n" not in p for p in story.paragraphs)


@pytest.mark.django_db
@given(body=st.lists(TEXT, min_size=1, max_size=5), author=NAMES)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_importer_saves_everything_or_nothing(body, author):
    from articles.exceptions import StoryError
    from articles.models import Article, Byline
    from articles.services import story_import

    before = (Article.objects.count(), Byline.objects.count())
    try:
        article = story_import(
            text="\n\n".join(body), headline="Property test", authors=(author,) if author else ()
        )
    except StoryError:
        assert (Article.objects.count(), Byline.objects.count()) == before
        return
    assert article.bylines.count() >= 1
    assert "<script" not in article.body
