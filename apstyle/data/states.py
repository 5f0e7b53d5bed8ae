"""U.S. states: name, AP abbreviation (None if AP never abbreviates it) and postal code.

Cross-checked against the public AP state tables in journalize (MIT) and
wireservice/lookup; AP has spelled out state names in body copy since May 1, 2014.
"""

from __future__ import annotations

STATES: tuple[tuple[str, str | None, str], ...] = (
    ("Alabama", "Ala.", "AL"),
    ("Alaska", None, "AK"),
    ("Arizona", "Ariz.", "AZ"),
    ("Arkansas", "Ark.", "AR"),
    ("California", "Calif.", "CA"),
    ("Colorado", "Colo.", "CO"),
    ("Connecticut", "Conn.", "CT"),
    ("Delaware", "Del.", "DE"),
    ("Florida", "Fla.", "FL"),
    ("Georgia", "Ga.", "GA"),
    ("Hawaii", None, "HI"),
    ("Idaho", None, "ID"),
    ("Illinois", "Ill.", "IL"),
    ("Indiana", "Ind.", "IN"),
    ("Iowa", None, "IA"),
    ("Kansas", "Kan.", "KS"),
    ("Kentucky", "Ky.", "KY"),
    ("Louisiana", "La.", "LA"),
    ("Maine", None, "ME"),
    ("Maryland", "Md.", "MD"),
    ("Massachusetts", "Mass.", "MA"),
    ("Michigan", "Mich.", "MI"),
    ("Minnesota", "Minn.", "MN"),
    ("Mississippi", "Miss.", "MS"),
    ("Missouri", "Mo.", "MO"),
    ("Montana", "Mont.", "MT"),
    ("Nebraska", "Neb.", "NE"),
    ("Nevada", "Nev.", "NV"),
    ("New Hampshire", "N.H.", "NH"),
    ("New Jersey", "N.J.", "NJ"),
    ("New Mexico", "N.M.", "NM"),
    ("New York", "N.Y.", "NY"),
    ("North Carolina", "N.C.", "NC"),
    ("North Dakota", "N.D.", "ND"),
    ("Ohio", None, "OH"),
    ("Oklahoma", "Okla.", "OK"),
    ("Oregon", "Ore.", "OR"),
    ("Pennsylvania", "Pa.", "PA"),
    ("Rhode Island", "R.I.", "RI"),
    ("South Carolina", "S.C.", "SC"),
    ("South Dakota", "S.D.", "SD"),
    ("Tennessee", "Tenn.", "TN"),
    ("Texas", None, "TX"),
    ("Utah", None, "UT"),
    ("Vermont", "Vt.", "VT"),
    ("Virginia", "Va.", "VA"),
    ("Washington", "Wash.", "WA"),
    ("West Virginia", "W.Va.", "WV"),
    ("Wisconsin", "Wis.", "WI"),
    ("Wyoming", "Wyo.", "WY"),
)

NAME_BY_AP: dict[str, str] = {ap: name for name, ap, _ in STATES if ap}
NAME_BY_POSTAL: dict[str, str] = {postal: name for name, _, postal in STATES}
AP_BY_NAME: dict[str, str | None] = {name: ap for name, ap, _ in STATES}
NAMES: frozenset[str] = frozenset(AP_BY_NAME)

#: How a state should appear in a dateline or party affiliation: the AP abbreviation,
#: or the full name for the eight states AP never abbreviates.
DATELINE_FORM: dict[str, str] = {name: ap or name for name, ap, _ in STATES}

#: Common wrong abbreviations seen in copy (old GPO forms, missing periods).
NON_AP_ABBREVIATIONS: dict[str, str] = {
    "Tex.": "Texas",
    "Cal.": "California",
    "Penn.": "Pennsylvania",
    "Penna.": "Pennsylvania",
    "Wisc.": "Wisconsin",
    "Ala": "Alabama",
    "Calif": "California",
    "Mass": "Massachusetts",
    "Ill": "Illinois",
    "Fla": "Florida",
}
