"""The AP rule pack. Importing this package registers every rule (once per process).

`apstyle.engine.all_rules()` lists the AP catalogue first, then Newsroom's own rules;
that order breaks ties when two rules of equal severity flag the same span.
"""

from . import (  # noqa: F401 - imported for their registrations
    abbreviations,
    addresses,
    capitalisation,
    consistency,
    credits,
    dates,
    grammar,
    headlines,
    numbers,
    organisations,
    people,
    places,
    punctuation,
    readability,
    spelling,
    times,
    typos,
)
