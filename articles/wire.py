"""Reading plain-text wire copy into the parts of a story.

Wire stories arrive as text pasted from a web page or a feed: paragraphs, perhaps a
dateline ("BAGHDAD (AP) — …") and a "By" line, a contributor line ("Associated Press staff
writers … contributed to this report."), bio lines ("Meghann Myers is the Pentagon bureau
chief at Military Times. …") and the page furniture around them ("In Other News",
"Load More"). `parse_wire_story` separates them; it does not touch the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .credits import CreditEntry, pluralize_role
from .sanitize import strip_control_characters

# Lines that end the story: everything after them is another page's furniture.
_TAIL_MARKERS = re.compile(
    r"^(in other news|related( stories| coverage| articles| content)?|more (stories|news)|"
    r"most (read|popular)|recommended( for you)?|you (may|might) also like|trending( now)?|"
    r"read (more|next)|more from [\w .’'-]+|latest (news|stories)|editor'?s picks)\s*:?$",
    re.IGNORECASE,
)
# Lines that are furniture wherever they stand.
_FURNITURE = re.compile(
    r"^(load more|show more|see more|advertisement|ad|share( this( article| story)?)?|"
    r"comments?|print|email|subscribe( now)?|sign up.*|follow us.*|listen to this article|"
    r"copyright ©?.*|© ?\d{4}.*|all rights reserved\.?|_{3,}|-{3,}|\*{3,}|#+)\s*$",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"^by\s+(?P<names>.+?)\s*$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z’'.-]+(?:[ -][A-Z][A-Z’'.-]+)*(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)?)"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{0,30})\)\s*)?[—–-]{1,2}\s+"
)
_CONTRIBUTED = re.compile(
    r"^(?P<subject>.+?)\s+(?:also\s+)?contributed(?:\s+(?:to\s+this\s+(?:report|story)|reporting|"
    r"additional\s+reporting))?\s*\.?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_REUTERS_CREDITS = re.compile(
    r"^\(?\s*(?:additional\s+)?reporting\s+by\s+.+\)?\s*$", re.IGNORECASE | re.DOTALL
)
_NAME = (
    r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|al-\w+|el-\w+|bin|ibn|de|da|del|der|van|von|la|le))+"
)
_BIO = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:is|was|has\s+been|serves\s+as)\s+(?:a|an|the)\s+"
    rf"(?P<title>[^.]+?)\s+(?:at|for|with|of)\s+(?P<outlet>(?:the\s+)?[A-Z][^.,;]*?)"
    rf"(?=[.,;]|\s+(?:where|who|and|since|covering)\b)"
)
_BIO_COVERS = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:covers|reports\s+on|writes\s+about)\s+[^.]+?\s+for\s+"
    rf"(?P<outlet>(?:the\s+)?[A-Z][^.,;]*?)(?=[.,;])"
)

WIRE_ORGANISATIONS = (
    "Associated Press",
    "Reuters",
    "Agence France-Presse",
    "AFP",
    "Bloomberg News",
    "Bloomberg",
    "Military Times",
    "Defense News",
    "Army Times",
    "Navy Times",
    "Air Force Times",
    "Marine Corps Times",
    "The New York Times",
    "The Washington Post",
    "The Wall Street Journal",
    "CNN",
    "NPR",
    "BBC",
    "Al Jazeera",
)
ROLES = (
    "staff writer",
    "writer",
    "reporter",
    "correspondent",
    "photographer",
    "photojournalist",
    "videojournalist",
    "video journalist",
    "journalist",
    "researcher",
    "news researcher",
    "editor",
    "producer",
    "contributor",
    "bureau chief",
    "stringer",
    "data reporter",
    "investigative reporter",
    "business writer",
    "sports writer",
    "science writer",
    "medical writer",
    "political writer",
    "economics writer",
    "diplomatic writer",
    "national security reporter",
    "military reporter",
    "chief correspondent",
    "White House correspondent",
    "Pentagon correspondent",
)
# Places that follow a city after a comma in a credit ("in Dubai, United Arab Emirates").
_PLACE_QUALIFIERS = {
    p.lower()
    for p in [
        "Afghanistan", "Albania", "Algeria", "Argentina", "Armenia", "Australia",
        "Austria", "Azerbaijan", "Bahrain", "Bangladesh", "Belarus", "Belgium",
        "Bolivia", "Bosnia", "Brazil", "Bulgaria", "Cambodia", "Cameroon", "Canada",
        "Chile", "China", "Colombia", "Croatia", "Cuba", "Cyprus", "Denmark", "Ecuador",
        "Egypt", "England", "Estonia", "Ethiopia", "Finland", "France", "Georgia",
        "Germany", "Ghana", "Greece", "Guatemala", "Haiti", "Honduras", "Hungary",
        "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy",
        "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait",
        "Latvia", "Lebanon", "Libya", "Lithuania", "Malaysia", "Mali", "Mexico",
        "Moldova", "Mongolia", "Morocco", "Myanmar", "Nepal", "Netherlands",
        "Nicaragua", "Niger", "Nigeria", "Norway", "Oman", "Pakistan", "Panama",
        "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania",
        "Russia", "Rwanda", "Scotland", "Senegal", "Serbia", "Singapore", "Slovakia",
        "Slovenia", "Somalia", "Spain", "Sudan", "Sweden", "Switzerland", "Syria",
        "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Tunisia", "Turkey",
        "Turkmenistan", "Uganda", "Ukraine", "Uruguay", "Uzbekistan", "Venezuela",
        "Vietnam", "Wales", "Yemen", "Zambia", "Zimbabwe",
    ]
} | {
    "united arab emirates",
    "saudi arabia",
    "south africa",
    "south korea",
    "north korea",
    "new zealand",
    "sri lanka",
    "west bank",
    "gaza strip",
    "united kingdom",
    "czech republic",
    "democratic republic of congo",
    "ivory coast",
    "costa rica",
    "el salvador",
    "puerto rico",
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
}


_WIRE_NAMES = {o.lower() for o in WIRE_ORGANISATIONS} | {
    f"the {o.lower()}" for o in WIRE_ORGANISATIONS
}


@dataclass(frozen=True)
class BioLine:
    name: str
    title: str
    outlet: str
    text: str


@dataclass
class WireStory:
    paragraphs: list[str] = field(default_factory=list)
    dateline: str = ""
    agency: str = ""
    byline_names: list[str] = field(default_factory=list)
    bio_lines: list[BioLine] = field(default_factory=list)
    credits: list[CreditEntry] = field(default_factory=list)
    credit_text: str = ""
    headline: str = ""


class WireFormatError(ValueError):
    """The text cannot be read as a story (empty, or no body paragraphs)."""


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of `text`, furniture removed. Lines are joined inside a blank-line
    block when they look hard-wrapped (no closing punctuation)."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.replace("\u00a0", " ").split())
        if not line:
            flush()
            continue
        if _TAIL_MARKERS.match(line):
            flush()
            break
        if _FURNITURE.match(line):
            flush()
            continue
        if _BY_LINE.match(line) or line.strip(" .").lower() in _WIRE_NAMES:
            flush()
            paragraphs.append(line)
            continue
        current.append(line)
        if re.search(r"[.!?:”\"’')\]]$", line):
            flush()
    flush()
    return paragraphs


def _known_org(fragment: str, organisations: Iterable[str]) -> tuple[str, str] | None:
    """(organisation, rest) if `fragment` starts with a known organisation name."""
    for name in sorted(organisations, key=len, reverse=True):
        for candidate in (name, f"The {name}", f"the {name}"):
            if fragment == candidate or fragment.startswith(candidate + " "):
                return name, fragment[len(candidate) :].strip()
    return None


_ROLE_FORMS = sorted(
    {(form, role) for role in ROLES for form in (role, pluralize_role(role))},
    key=lambda pair: len(pair[0]),
    reverse=True,
)


def _split_role(fragment: str) -> tuple[str, str, str] | None:
    """(prefix, role, rest) where `role` is a known role (singular) inside `fragment`."""
    lower = fragment.lower()
    for form, role in _ROLE_FORMS:
        match = re.search(rf"(?:^|\s){re.escape(form.lower())}(?:\s|$)", lower)
        if match:
            start = match.start() + (1 if lower[match.start()] == " " else 0)
            prefix = fragment[:start].strip()
            rest = fragment[start + len(form) :].strip()
            return prefix, role.lower() if role[0].islower() else role, rest
    return None


def parse_credit_subject(subject: str, organisations: Iterable[str] = ()) -> list[CreditEntry]:
    """Structured credits from the words before “contributed to this report”."""
    organisations = tuple(organisations) + WIRE_ORGANISATIONS
    subject = " ".join(subject.split()).strip(" .")
    # Keep the separators: “A and B in X” gives both A and B the place X.
    pieces = re.split(r"(\s*;\s*(?:and\s+)?|\s*,\s*(?:and\s+)?|\s+and\s+)", subject)
    fragments = [
        (pieces[i].strip(), pieces[i - 1].strip() if i else "") for i in range(0, len(pieces), 2)
    ]
    entries: list[CreditEntry] = []
    shares_next_place: list[int] = []
    organisation = role = ""
    for fragment, separator in fragments:
        if not fragment:
            continue
        if entries and entries[-1].location and fragment.lower() in _PLACE_QUALIFIERS:
            place = entries[-1].location
            index = len(entries) - 1
            while index >= 0 and entries[index].location == place:
                e = entries[index]
                entries[index] = CreditEntry(
                    e.person, e.organisation, e.role, f"{place}, {fragment}"
                )
                index -= 1
            continue
        known = _known_org(fragment, organisations)
        if known:
            organisation, fragment = known
            role = ""
            if not fragment:
                entries.append(CreditEntry(organisation=organisation))
                continue
        split = _split_role(fragment)
        if split:
            prefix, role, fragment = split
            if prefix:
                organisation = prefix.removeprefix("The ").removeprefix("the ")
            elif not known:
                organisation = organisation if entries else ""
        if not fragment:
            continue
        name, _, location = fragment.partition(" in ")
        location = location.strip()
        if separator != "and" or not location:
            shares_next_place.clear()
        if location:
            for index in shares_next_place:
                earlier = entries[index]
                entries[index] = CreditEntry(
                    earlier.person, earlier.organisation, earlier.role, location
                )
            shares_next_place.clear()
        else:
            shares_next_place.append(len(entries))
        entries.append(CreditEntry(name.strip(), organisation, role, location))
    return entries


def parse_reuters_credits(text: str) -> tuple[list[str], list[CreditEntry]]:
    """Reuters' sign-off, “Reporting by A in X and B; Additional reporting by C; Writing by D;
    Editing by E”: the reporters (and writer) are the story's authors, additional reporters
    are credits, and editors are neither. Returns (author names, credits)."""
    authors: list[str] = []
    entries: list[CreditEntry] = []
    for part in re.split(r"\s*;\s*", text.strip(" ()")):
        match = re.match(
            r"(?i)(additional\s+)?(reporting|writing|editing)\s+by\s+(?P<who>.+)", part
        )
        if not match or match.group(2).lower() == "editing":
            continue
        for fragment in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", match.group("who").strip(" .")):
            name, _, location = fragment.partition(" in ")
            if not name.strip():
                continue
            if match.group(1):
                entries.append(CreditEntry(name.strip(), "Reuters", "reporter", location.strip()))
            elif name.strip() not in authors:
                authors.append(name.strip())
    return authors, entries


def _parse_bio(paragraph: str) -> BioLine | None:
    match = _BIO.match(paragraph)
    if match:
        title = match.group("title").strip()
        return BioLine(match.group("name"), title, _outlet(match.group("outlet")), paragraph)
    match = _BIO_COVERS.match(paragraph)
    if match:
        return BioLine(match.group("name"), "", _outlet(match.group("outlet")), paragraph)
    return None


def _outlet(name: str) -> str:
    return name.strip().removeprefix("the ")


def _names(text: str) -> list[str]:
    text = re.sub(
        r"\s*[,|/]\s*(?:the\s+)?(associated press|ap|reuters|afp)\.?$", "", text, flags=re.I
    )
    names = [
        n.strip() for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if n.strip()
    ]
    return [n.title() if n.isupper() else n for n in names]


def parse_wire_story(text: str, organisations: Iterable[str] = ()) -> WireStory:
    """Split wire copy into body paragraphs, dateline, byline names, bio lines and credits.

    Raises `WireFormatError` when no body paragraph remains."""
    if not text or not text.strip():
        raise WireFormatError("The story file is empty.")
    if "\x00" in text:
        raise WireFormatError("The story file is not text (it contains NUL bytes).")
    text = strip_control_characters(text)
    story = WireStory()
    paragraphs = _paragraphs(text)

    # Top matter: a "By" line, possibly followed by the agency on its own line.
    while paragraphs:
        match = _BY_LINE.match(paragraphs[0])
        if match and len(paragraphs[0]) < 200:
            story.byline_names = _names(match.group("names"))
            paragraphs.pop(0)
            continue
        if story.byline_names and paragraphs[0].strip(" .").lower() in _WIRE_NAMES:
            paragraphs.pop(0)
            continue
        break

    # Tail matter, read from the end: bio lines, the contributor line, sign-offs.
    tail_done = False
    while paragraphs and not tail_done:
        last = paragraphs[-1]
        bio = _parse_bio(last)
        contributed = _CONTRIBUTED.match(last) if len(last) < 600 else None
        if bio:
            story.bio_lines.insert(0, bio)
        elif contributed and not story.credits:
            entries = parse_credit_subject(contributed.group("subject"), organisations)
            if not entries:
                break
            story.credits, story.credit_text = entries, last
        elif _REUTERS_CREDITS.match(last) and not story.credits:
            authors, story.credits = parse_reuters_credits(last)
            story.byline_names = story.byline_names or authors
            story.agency = story.agency or "Reuters"
        elif re.match(r"^[—–-]{1,2}\s*\w", last) and len(last) < 80:
            pass  # a sign-off such as "— Jane Doe"
        else:
            tail_done = True
            continue
        paragraphs.pop()

    if paragraphs:
        match = _DATELINE.match(paragraphs[0])
        if match and len(match.group("place")) <= 60:
            story.dateline = match.group("place").strip()
            story.agency = (match.group("agency") or "").strip()
            paragraphs[0] = paragraphs[0][match.end() :]
    story.paragraphs = [p for p in paragraphs if p]
    if not story.paragraphs:
        raise WireFormatError("No body paragraphs were found in the story.")
    return story
