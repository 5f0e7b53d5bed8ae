"""The AP contributor line, as a table of cases. Pure functions: no database."""

import pytest

from articles.credits import CreditEntry as E
from articles.credits import credit_line, join_series, pluralize_role

AP = "Associated Press"

CASES = [
    pytest.param(
        [
            E("Ali Jabar", AP, "staff writer", "Baghdad"),
            E("Tara Copp", AP, "staff writer", "Washington"),
            E("Bassem Mroue", AP, "staff writer", "Beirut"),
            E("Melanie Lidman", AP, "staff writer", "Jerusalem"),
        ],
        "Associated Press staff writers Ali Jabar in Baghdad, Tara Copp in Washington, "
        "Bassem Mroue in Beirut and Melanie Lidman in Jerusalem contributed to this report.",
        id="reference-story",
    ),
    pytest.param(
        [E("Ali Jabar", AP, "staff writer", "Baghdad")],
        "Associated Press staff writer Ali Jabar in Baghdad contributed to this report.",
        id="one-person-singular-role",
    ),
    pytest.param(
        [E(organisation="Reuters")], "Reuters contributed to this report.", id="organisation-alone"
    ),
    pytest.param(
        [E(organisation=AP)],
        "The Associated Press contributed to this report.",
        id="ap-alone-takes-the",
    ),
    pytest.param(
        [E(organisation=AP), E(organisation="Reuters")],
        "The Associated Press and Reuters contributed to this report.",
        id="two-organisations",
    ),
    pytest.param(
        [E("Zeke Miller", AP, "writer"), E("Darlene Superville", AP, "writer")],
        "Associated Press writers Zeke Miller and Darlene Superville contributed to this report.",
        id="two-people-no-location",
    ),
    pytest.param(
        [
            E("Ali Jabar", AP, "writer", "Baghdad"),
            E("Qassim Zein", AP, "writer", "Baghdad"),
            E("Bassem Mroue", AP, "writer", "Beirut"),
        ],
        "Associated Press writers Ali Jabar and Qassim Zein in Baghdad, and Bassem Mroue in "
        "Beirut contributed to this report.",
        id="shared-location",
    ),
    pytest.param(
        [
            E("Jon Gambrell", AP, "writer", "Dubai, United Arab Emirates"),
            E("Nasser Karimi", AP, "writer", "Tehran, Iran"),
        ],
        "Associated Press writers Jon Gambrell in Dubai, United Arab Emirates, and Nasser Karimi "
        "in Tehran, Iran, contributed to this report.",
        id="locations-with-commas",
    ),
    pytest.param(
        [E("Ali Jabar", AP, "writer", "Baghdad"), E("Hadi Mizban", AP, "photographer", "Baghdad")],
        "Associated Press writer Ali Jabar in Baghdad and photographer Hadi Mizban in Baghdad "
        "contributed to this report.",
        id="two-roles-one-organisation",
    ),
    pytest.param(
        [E("Jane Doe", role="staff writer", location="Paris")],
        "Staff writer Jane Doe in Paris contributed to this report.",
        id="no-organisation-capitalised",
    ),
    pytest.param(
        [E("Tara Copp", location="Washington")],
        "Tara Copp in Washington contributed to this report.",
        id="name-and-place-only",
    ),
    pytest.param(
        [E("Ali Jabar", AP, "writer", "Baghdad"), E(organisation="Reuters")],
        "Associated Press writer Ali Jabar in Baghdad and Reuters contributed to this report.",
        id="people-and-another-organisation",
    ),
    pytest.param(
        [E("  Ali   Jabar ", AP, " staff  writer", " Baghdad ")],
        "Associated Press staff writer Ali Jabar in Baghdad contributed to this report.",
        id="white-space-folded",
    ),
    pytest.param(
        [E("A", AP, "researcher", "X"), E("B", AP, "researcher", "Y")],
        "Associated Press researchers A in X and B in Y contributed to this report.",
        id="plural-researchers",
    ),
]


@pytest.mark.parametrize(("entries", "expected"), CASES)
def test_credit_line(entries, expected):
    assert credit_line(entries) == expected


def test_no_credits_give_no_line():
    assert credit_line([]) == ""
    assert credit_line([E()]) == ""


@pytest.mark.parametrize(
    ("role", "plural"),
    [
        ("staff writer", "staff writers"),
        ("photographer", "photographers"),
        ("news researcher", "news researchers"),
        ("correspondent", "correspondents"),
        ("bureau chief", "bureau chiefs"),
        ("press secretary", "press secretaries"),
        ("coach", "coaches"),
        ("staff", "staff"),
    ],
)
def test_pluralize_role(role, plural):
    assert pluralize_role(role) == plural


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["a"], "a"),
        (["a", "b"], "a and b"),
        (["a", "b", "c"], "a, b and c"),
        (["a, x", "b"], "a, x, and b"),
        (["a, x", "b", "c"], "a, x; b; and c"),
        ([], ""),
    ],
)
def test_join_series_has_no_serial_comma(items, expected):
    assert join_series(items) == expected
