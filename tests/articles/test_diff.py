"""Word-level comparison: pure functions, no database."""

import pytest

from articles.diff import lines_diff, paragraphs, tokens, word_diff


@pytest.mark.parametrize(
    "text",
    ["", "One two.", "  spaced   out\n", "U.S.-led forces didn't leave — yet!", "naïve café 2,500"],
)
def test_tokens_join_back_to_the_text(text):
    assert "".join(tokens(text)) == text


@pytest.mark.parametrize(
    ("old", "new", "left", "right"),
    [
        ("same words", "same words", "same words", "same words"),
        (
            "The army left.",
            "The navy left.",
            "The <del>army</del> left.",
            "The <ins>navy</ins> left.",
        ),
        (
            "Fire on Tuesday.",
            "Fire on Tuesday night.",
            "Fire on Tuesday.",
            "Fire on Tuesday<ins> night</ins>.",
        ),
        (
            "A loud blast shook.",
            "A blast shook.",
            "A<del> loud</del> blast shook.",
            "A blast shook.",
        ),
        # Neighbouring changes separated only by a space read as one.
        ("one two three", "uno dos tres", "<del>one two three</del>", "<ins>uno dos tres</ins>"),
        ("", "New text", "", "<ins>New text</ins>"),
    ],
)
def test_word_diff_marks_what_changed(old, new, left, right):
    assert word_diff(old, new) == (left, right)


def test_word_diff_escapes_everything():
    left, right = word_diff("<b>bold</b> & co", "<script>alert(1)</script> & co")
    marks = ("<del>", "</del>", "<ins>", "</ins>")
    for side in (left, right):
        for mark in marks:
            side = side.replace(mark, "")
        assert "<" not in side and ">" not in side
    assert "&lt;" in right and right.endswith("&amp; co")


def test_paragraphs_are_the_text_of_block_elements():
    body = (
        "<p>First <strong>bold</strong> &amp; plain.</p>"
        "<h2>A heading</h2><ul><li>one</li><li>two</li></ul>"
        "<blockquote><p>Quoted</p></blockquote><p>  spaced\n  out </p><p></p>"
    )
    assert paragraphs(body) == [
        "First bold & plain.",
        "§ A heading",
        "• one",
        "• two",
        "Quoted",
        "spaced out",
    ]
    assert paragraphs("") == [] and paragraphs("just text") == ["just text"]


def test_lines_diff_pairs_edited_lines_and_marks_added_and_removed_ones():
    rows = lines_diff(
        ["Alpha one.", "Beta two.", "Gamma."], ["Alpha one.", "Beta 2.", "Delta.", "Gamma."]
    )
    assert [row.op for row in rows] == ["equal", "replace", "insert", "equal"]
    assert rows[1].old == "Beta <del>two</del>." and rows[1].new == "Beta <ins>2</ins>."
    assert rows[2].new == "<ins>Delta.</ins>" and rows[2].old == ""
    removed = lines_diff(["Keep.", "Drop me."], ["Keep."])
    assert [(r.op, r.old) for r in removed] == [
        ("equal", "Keep."),
        ("delete", "<del>Drop me.</del>"),
    ]


def test_lines_diff_folds_long_unchanged_runs():
    old = [f"Paragraph {n}." for n in range(10)]
    new = list(old)
    new[5] = "Paragraph five."
    rows = lines_diff(old, new, context=1)
    assert [row.op for row in rows] == ["skip", "equal", "replace", "equal", "skip"]
    assert rows[0].skipped == 4 and rows[-1].skipped == 3
    assert not any(row.changed for row in lines_diff(old, old, context=1))
