"""The AP rule pack. Importing this package registers every rule (once per process).

Registration order is reporting priority when two rules flag the same span: the AP
catalogue first, then Newsroom's own rules.
"""

from . import (  # noqa: F401 - imported for their registrations
    addresses,
    capitalisation,
    consistency,
    credits,
    dates,
    headlines,
    numbers,
    organisations,
    people,
    places,
    punctuation,
    readability,
    times,
    typos,
)
