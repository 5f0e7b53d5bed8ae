"""Dateline cities."""

from __future__ import annotations

from . import words

#: U.S. cities that stand alone in datelines (no state).
DOMESTIC_STANDALONE = frozenset(
    words("""ATLANTA BALTIMORE BOSTON CHICAGO CINCINNATI CLEVELAND DALLAS DENVER DETROIT HONOLULU
    HOUSTON INDIANAPOLIS MIAMI MILWAUKEE MINNEAPOLIS PHILADELPHIA PHOENIX PITTSBURGH
    SEATTLE WASHINGTON""")
) | frozenset(
    {
        "LAS VEGAS",
        "LOS ANGELES",
        "NEW ORLEANS",
        "NEW YORK",
        "OKLAHOMA CITY",
        "ST. LOUIS",
        "SALT LAKE CITY",
        "SAN ANTONIO",
        "SAN DIEGO",
        "SAN FRANCISCO",
    }
)

#: World cities that stand alone in datelines (no country).
INTERNATIONAL_STANDALONE = frozenset(
    words("""AMSTERDAM BAGHDAD BANGKOK BEIJING BEIRUT BERLIN BRUSSELS CAIRO DJIBOUTI DUBLIN
    GENEVA GIBRALTAR HAVANA HELSINKI ISLAMABAD ISTANBUL JERUSALEM JOHANNESBURG KABUL
    LONDON LUXEMBOURG MACAO MADRID MILAN MONACO MONTREAL MOSCOW MUNICH PARIS PRAGUE ROME
    SHANGHAI SINGAPORE STOCKHOLM SYDNEY TOKYO TORONTO VIENNA ZURICH""")
) | frozenset(
    {
        "GUATEMALA CITY",
        "HONG KONG",
        "KUWAIT CITY",
        "MEXICO CITY",
        "NEW DELHI",
        "PANAMA CITY",
        "QUEBEC CITY",
        "RIO DE JANEIRO",
        "SAN MARINO",
        "SAO PAULO",
        "VATICAN CITY",
    }
)

STANDALONE = DOMESTIC_STANDALONE | INTERNATIONAL_STANDALONE

#: Well-known U.S. cities that are *not* stand-alone, with their state, so a dateline
#: missing the state can be completed. Deliberately short: only unambiguous entries.
CITY_STATE: dict[str, tuple[str, ...]] = {
    "KANSAS CITY": ("Missouri", "Kansas"),
    "PORTLAND": ("Oregon", "Maine"),
    "SPRINGFIELD": ("Illinois", "Massachusetts", "Missouri"),
    "COLUMBUS": ("Ohio",),
    "AUSTIN": ("Texas",),
    "NASHVILLE": ("Tennessee",),
    "CHARLOTTE": ("North Carolina",),
    "MEMPHIS": ("Tennessee",),
    "LOUISVILLE": ("Kentucky",),
    "SACRAMENTO": ("California",),
    "ALBUQUERQUE": ("New Mexico",),
    "TUCSON": ("Arizona",),
    "OMAHA": ("Nebraska",),
    "RALEIGH": ("North Carolina",),
    "ORLANDO": ("Florida",),
    "TAMPA": ("Florida",),
    "JACKSONVILLE": ("Florida",),
    "ANCHORAGE": ("Alaska",),
    "BOISE": ("Idaho",),
    "DES MOINES": ("Iowa",),
    "LITTLE ROCK": ("Arkansas",),
    "TULSA": ("Oklahoma",),
    "WICHITA": ("Kansas",),
    "HARTFORD": ("Connecticut",),
    "PROVIDENCE": ("Rhode Island",),
    "FORT WORTH": ("Texas",),
    "EL PASO": ("Texas",),
}
