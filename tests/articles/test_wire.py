"""Reading wire copy: the reference story and other shapes of credit, bio and By lines."""

import pytest

from articles.credits import CreditEntry as E
from articles.credits import credit_line
from articles.wire import WireFormatError, parse_credit_subject, parse_wire_story
from tests.conftest import REFERENCE_STORY

AP = "Associated Press"


def test_reference_story_parts():
    story = parse_wire_story(REFERENCE_STORY.read_text(encoding="utf-8"))
    assert len(story.paragraphs) == 18
    assert story.paragraphs[0].startswith("A U.S. airstrike in Baghdad on Thursday")
    assert story.paragraphs[-1].startswith("Asked whether Israel had involvement")
    assert not any("In Other News" in p or "Load More" in p for p in story.paragraphs)
    assert not any("contributed to this report" in p for p in story.paragraphs)
    [bio] = story.bio_lines
    assert (bio.name, bio.title, bio.outlet) == (
        "Meghann Myers",
        "Pentagon bureau chief",
        "Military Times",
    )
    assert bio.text.endswith("affecting service members.")
    assert story.credits == [
        E("Ali Jabar", AP, "staff writer", "Baghdad"),
        E("Tara Copp", AP, "staff writer", "Washington"),
        E("Bassem Mroue", AP, "staff writer", "Beirut"),
        E("Melanie Lidman", AP, "staff writer", "Jerusalem"),
    ]
    assert credit_line(story.credits) == story.credit_text


AP_STYLE = """By LOLITA C. BALDOR and TARA COPP
Associated Press

WASHINGTON (AP) — The Pentagon said Tuesday that it would send more troops.

“We are ready,” said a defense official.

Associated Press writers Jon Gambrell in Dubai, United Arab Emirates, and Nasser Karimi and Amir Vahdat in Tehran, Iran, contributed to this report.

Related Stories
Some other headline
"""


def test_ap_story_with_by_line_dateline_and_shared_place():
    story = parse_wire_story(AP_STYLE)
    assert story.byline_names == ["Lolita C. Baldor", "Tara Copp"]
    assert (story.dateline, story.agency) == ("WASHINGTON", "AP")
    assert story.paragraphs[0] == "The Pentagon said Tuesday that it would send more troops."
    assert len(story.paragraphs) == 2
    assert story.credits == [
        E("Jon Gambrell", AP, "writer", "Dubai, United Arab Emirates"),
        E("Nasser Karimi", AP, "writer", "Tehran, Iran"),
        E("Amir Vahdat", AP, "writer", "Tehran, Iran"),
    ]
    assert credit_line(story.credits) == story.credit_text


REUTERS_STYLE = """LONDON, Jan 5 (Reuters) - Britain said on Friday it would act.

More text here.

Reporting by Andrew MacAskill in London; Additional reporting by Idrees Ali in Washington; Editing by Toby Chopra
"""


def test_reuters_sign_off_gives_authors_and_credits_but_not_editors():
    story = parse_wire_story(REUTERS_STYLE)
    assert (story.dateline, story.agency) == ("LONDON", "Reuters")
    assert story.paragraphs == ["Britain said on Friday it would act.", "More text here."]
    assert story.byline_names == ["Andrew MacAskill"]
    assert story.credits == [E("Idrees Ali", "Reuters", "reporter", "Washington")]
    assert credit_line(story.credits) == (
        "Reuters reporter Idrees Ali in Washington contributed to this report."
    )


def test_hard_wrapped_paragraphs_are_joined_and_furniture_dropped():
    text = (
        "The first paragraph is wrapped\nat a fixed width and continues\nhere.\n\n"
        "Advertisement\n\nSecond paragraph.\n\nShare\n\n"
        "Jane Roe covers the Navy for Navy Times.\n"
    )
    story = parse_wire_story(text)
    assert story.paragraphs == [
        "The first paragraph is wrapped at a fixed width and continues here.",
        "Second paragraph.",
    ]
    [bio] = story.bio_lines
    assert (bio.name, bio.title, bio.outlet) == ("Jane Roe", "", "Navy Times")


def test_two_bio_lines_become_two_bylines():
    text = (
        "Body paragraph.\n\n"
        "Ana Ortiz is a senior reporter at Army Times, where she covers training.\n\n"
        "Ben Howell is the managing editor of The Newsroom.\n"
    )
    story = parse_wire_story(text)
    assert [(b.name, b.title, b.outlet) for b in story.bio_lines] == [
        ("Ana Ortiz", "senior reporter", "Army Times"),
        ("Ben Howell", "managing editor", "The Newsroom"),
    ]


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Reuters", [E(organisation="Reuters")]),
        ("The Associated Press", [E(organisation=AP)]),
        ("Associated Press writer Zeke Miller", [E("Zeke Miller", AP, "writer")]),
        (
            "Military Times reporter Jane Doe in Kabul and photographer Ben Roe",
            [
                E("Jane Doe", "Military Times", "reporter", "Kabul"),
                E("Ben Roe", "Military Times", "photographer"),
            ],
        ),
        ("Tara Copp in Washington", [E("Tara Copp", location="Washington")]),
        (
            "Associated Press writers Ali Jabar and Qassim Zein in Baghdad",
            [E("Ali Jabar", AP, "writer", "Baghdad"), E("Qassim Zein", AP, "writer", "Baghdad")],
        ),
    ],
)
def test_credit_subjects(subject, expected):
    assert parse_credit_subject(subject) == expected


@pytest.mark.parametrize("text", ["", "   \n\n", "In Other News\nLoad More", "x\x00y"])
def test_unreadable_input_is_refused(text):
    with pytest.raises(WireFormatError):
        parse_wire_story(text)
