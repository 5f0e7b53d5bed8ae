"""Synthetic newsroom archives, written in bulk, for benchmarks and tests at scale.

`generate()` writes stories with everything the services would have written for them: the
working copy and its parts, django-reversion revisions (one `Version` per story and part,
serialized exactly as django-reversion serializes them) with `RevisionInfo` and a content
hash that `snapshots.of_revision` reproduces, the workflow log, review comments, and for
published stories the `Publication`, `PublishedByline` rows and tags that
`article_publish_revision` writes. It does not call the services: 100,000 stories through
them would take hours. Rows go in with `bulk_create`, one transaction per batch of stories,
with primary keys assigned here (so revisions can name them before they exist) and no
signals. Nothing else should write to the database while it runs.

The same seed on the same starting database writes the same archive.
"""

from __future__ import annotations

import math
import random
import time
from bisect import bisect
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, router, transaction
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Revision, Version

from articles import snapshots, story, versioning
from articles.models import (
    Article,
    ArticleEvent,
    Byline,
    Correction,
    Credit,
    Publication,
    PublishedByline,
    RelatedLink,
    ReviewComment,
    RevisionInfo,
    Section,
    Status,
    Tag,
)
from articles.roles import EDITORS, REPORTERS, ensure_roles
from articles.services.publishing import publication_fields
from articles.workflow import TRANSITIONS
from contributors.models import Organisation, Person


def _words(text: str) -> list[str]:
    return text.split()


YEARS = 15
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SECTIONS = [
    ("World", 18), ("Politics", 14), ("Military", 10), ("Business", 10), ("Sports", 10),
    ("Technology", 8), ("Health", 6), ("Culture", 6), ("Science", 5), ("Opinion", 5),
    ("Climate", 4), ("Local", 4),
]  # fmt: skip
ORGANISATIONS = [
    ("Associated Press", True), ("Reuters", True), ("Agence France-Presse", True),
    ("Bloomberg", True), ("Military Times", False), ("Defense News", False),
    ("The Newsroom", False), ("Federal Times", False), ("Navy Times", False),
    ("Air Force Times", False), ("Army Times", False), ("Marine Corps Times", False),
    ("C4ISRNET", False), ("The Daily Ledger", False), ("Metro Herald", False),
    ("Coastal Courier", False), ("Valley Tribune", False), ("Northern Star", False),
]  # fmt: skip
FIRST = _words(
    "Ana Ali Tara Bassem Melanie Meghann Pat Sam Lee Kim Noor Omar Lina Hugo Ines Jonas Maya "
    "Nadia Tom Ruth Paul Grace Ivan Olga Chen Mei Ravi Priya Kofi Ama Diego Lucia Marco Sofia "
    "Ahmed Fatima Yusuf Leila Daniel Sarah David Emma James Laura Peter Anna Mark Julia Alex "
    "Nina Carlos Elena Tariq Hana Sven Ingrid Kenji Yuki Amir Zara Felix Clara Ben Rosa Ed Joy"
)
LAST = _words(
    "Jabar Copp Mroue Lidman Myers Ruiz Chen Okafor Novak Silva Haddad Berg Kowalski Ito Nguyen "
    "Patel Mensah Garcia Rossi Muller Dubois Larsen Petrov Kim Tanaka Khan Ahmed Hassan Cohen "
    "Levi Walker Brooks Reed Hayes Foster Price Ward Barnes Fisher Ortiz Vargas Romero Castro "
    "Molina Weber Wagner Becker Hoffmann Jansen Visser Eriksen Nilsen Lindqvist Virtanen Horvat "
    "Popescu Ionescu Nowak Dvorak Kovacs Toth Santos Pereira Costa Almeida Sato Suzuki Park Lim "
    "Tan Wong Singh Sharma Das Rahman Aziz Farah Mohamud Diallo Traore Keita Banda Phiri Moyo"
)
PLACES = [
    ("Baghdad", "Iraq"), ("Washington", "United States"), ("Beirut", "Lebanon"),
    ("Jerusalem", "Israel"), ("Kyiv", "Ukraine"), ("Brussels", "Belgium"), ("Tokyo", "Japan"),
    ("Seoul", "South Korea"), ("Manila", "Philippines"), ("Nairobi", "Kenya"),
    ("Lagos", "Nigeria"), ("Cairo", "Egypt"), ("Ankara", "Turkey"), ("Berlin", "Germany"),
    ("Paris", "France"), ("London", "United Kingdom"), ("Madrid", "Spain"), ("Rome", "Italy"),
    ("Warsaw", "Poland"), ("Taipei", "Taiwan"), ("Canberra", "Australia"),
    ("Ottawa", "Canada"), ("Mexico City", "Mexico"), ("Bogota", "Colombia"),
    ("Brasilia", "Brazil"), ("Santiago", "Chile"), ("New Delhi", "India"),
    ("Islamabad", "Pakistan"), ("Kabul", "Afghanistan"), ("Tehran", "Iran"),
    ("Riyadh", "Saudi Arabia"), ("Doha", "Qatar"), ("Amman", "Jordan"), ("Damascus", "Syria"),
    ("Stockholm", "Sweden"), ("Helsinki", "Finland"), ("Oslo", "Norway"),
    ("Hanoi", "Vietnam"), ("Jakarta", "Indonesia"), ("Addis Ababa", "Ethiopia"),
]  # fmt: skip
TOPICS = _words(
    "elections sanctions climate budget defense drones shipbuilding cybersecurity housing "
    "inflation trade energy oil wildfires floods vaccines hospitals schools universities "
    "courts policing immigration refugees veterans recruitment space satellites artificial "
    "intelligence semiconductors tariffs labor strikes transit aviation railways agriculture "
    "drought water fisheries tourism football basketball tennis olympics museums film music "
    "books theater privacy censorship corruption diplomacy ceasefire aid nuclear missiles navy"
)
SUBJECTS = _words(
    "Officials Lawmakers Investigators Residents Regulators Scientists Ministers Generals "
    "Voters Doctors Teachers Farmers Judges Mayors Unions Diplomats Analysts Engineers"
)
VERBS = _words(
    "weigh reject back delay question expand unveil probe defend cut debate approve warn on "
    "push for pause study revive block fund"
)
TAILS = [
    "after weeks of talks",
    "amid protests",
    "as deadline nears",
    "despite objections",
    "in surprise move",
    "ahead of vote",
    "after report",
    "in bid to cut costs",
    "as pressure mounts",
    "for the first time",
    "under new rules",
    "after long delay",
]
ROLES = [
    "staff writer",
    "writer",
    "correspondent",
    "photographer",
    "researcher",
    "video journalist",
    "news assistant",
    "data reporter",
]
TITLES = [
    "staff writer",
    "senior reporter",
    "Pentagon bureau chief",
    "correspondent",
    "political editor",
    "science reporter",
    "sports writer",
    "investigations editor",
    "business reporter",
    "foreign affairs writer",
    "",
    "",
]
DOMAINS = ["example.org", "example.com", "example.net", "reports.example", "data.example"]
# Weights for 0, 1, 2, … of each part of a story.
BYLINE_COUNTS = [0, 60, 25, 9, 4, 2]
CREDIT_COUNTS = [45, 14, 11, 8, 6, 4, 3, 2, 2, 1.5, 1.2, 1, 1.3]
LINK_COUNTS = [35, 8, 10, 10, 8, 6, 4, 3, 3, 2, 2, 1.5, 1.2, 1, 1, 0.8, 0.7, 0.6, 0.5, 0.4, 1]
TAG_COUNTS = [10, 25, 25, 20, 10, 6, 4]
# Workflow states of the working copy; "published_draft" is live with a newer draft.
STATES = [
    ("published", 80), ("published_draft", 4), ("unpublished", 2), ("draft", 6),
    ("submitted", 3), ("changes_requested", 1.5), ("approved", 1.5), ("scheduled", 2),
]  # fmt: skip
STEPS = {
    "draft": [],
    "submitted": ["submit"],
    "changes_requested": ["submit", "request_changes"],
    "approved": ["submit", "approve"],
    "scheduled": ["submit", "approve", "schedule"],
    "published": ["submit", "approve", "publish"],
    "published_draft": ["submit", "approve", "publish"],
    "unpublished": ["submit", "approve", "publish", "unpublish"],
}
ARCHIVE_STATES = {"published", "published_draft", "unpublished"}
TRANSITION_STATUS = {
    "submit": Status.SUBMITTED,
    "request_changes": Status.CHANGES_REQUESTED,
    "approve": Status.APPROVED,
    "schedule": Status.SCHEDULED,
    "publish": Status.PUBLISHED,
    "unpublish": Status.UNPUBLISHED,
}
CHANGE_COMMENTS = [
    '[{"changed": {"fields": ["Body"]}}]',
    '[{"changed": {"fields": ["Headline", "Body"]}}]',
    '[{"changed": {"fields": ["Body", "Dek"]}}]',
]


@dataclass(frozen=True)
class Summary:
    articles: int
    revisions: int
    versions: int
    people: int
    seconds: float
    states: dict[str, int] = field(default_factory=dict)

    @property
    def published(self) -> int:
        return self.states.get("published", 0) + self.states.get("published_draft", 0)


class RowSerializer:
    """What `django.core.serializers.serialize("json", [obj], fields=...)` returns for one
    row, as django-reversion calls it, made from a dict of attribute values. It needs no
    model instance and no query for many-to-many ids (Django's serializer runs one per row),
    and is about twenty times faster. `tests/devtools/test_synthetic.py` checks the output
    is byte for byte what django-reversion stores for the saved rows.

    `articles.versioning` registers each model without a field list, so django-reversion
    keeps every field Django's serializer writes: the model's own serializable fields and
    many-to-many fields. (django-reversion has no public way to ask which fields a
    registration keeps; the test fails if a registration ever narrows them.)"""

    _encode = DjangoJSONEncoder(ensure_ascii=False).encode

    def __init__(self, model: type[models.Model]):
        if not reversion.is_registered(model):
            raise ValueError(f"{model.__name__} is not registered with django-reversion.")
        opts = model._meta.concrete_model._meta
        self.label = str(opts)
        self.fields = [
            (f.name, f.attname)
            for f in [*opts.local_fields, *opts.local_many_to_many]
            if f.serialize
        ]

    def __call__(self, pk: int, values: dict) -> str:
        data = {name: values[attname] for name, attname in self.fields}
        return "[" + self._encode({"model": self.label, "pk": pk, "fields": data}) + "]"


def _weighted(weights) -> list[float]:
    total, cumulative = 0.0, []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative


def _zipf(count: int, offset: float = 5.0, power: float = 1.0) -> list[float]:
    """Cumulative weights that make a few items popular and most rare."""
    return _weighted(1.0 / (rank + offset) ** power for rank in range(count))


@contextmanager
def _manual_timestamps(*fields: models.DateTimeField) -> Iterator[None]:
    """Let `auto_now` fields keep the historical values given to them: bulk_create calls
    `pre_save`, which would stamp every generated row with the present moment."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


VERSION_COLUMNS = (
    "revision_id", "object_id", "content_type_id", "db", "format", "serialized_data",
    "object_repr",
)  # fmt: skip


def insert_plain_rows(model: type[models.Model], columns: tuple[str, ...], rows: list) -> None:
    """Insert `rows` (tuples of text and integers only, in the order of `columns`) through
    the database driver: COPY on PostgreSQL, `executemany` elsewhere. For the two kinds of
    rows that are most of an archive, versions and tag links, this is several times faster
    than `bulk_create`, which builds a model instance and prepares every value in Python."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


@dataclass
class _Rows:
    """One batch of rows, in the order they are inserted. Versions and tag links are
    tuples for `insert_plain_rows`; the rest are model instances for `bulk_create`."""

    revisions: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    article_tags: list = field(default_factory=list)
    bylines: list = field(default_factory=list)
    credits: list = field(default_factory=list)
    links: list = field(default_factory=list)
    corrections: list = field(default_factory=list)
    versions: list = field(default_factory=list)
    infos: list = field(default_factory=list)
    events: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    publications: list = field(default_factory=list)
    published_bylines: list = field(default_factory=list)
    publication_tags: list = field(default_factory=list)

    def write(self) -> None:
        with _manual_timestamps(Article._meta.get_field("updated_at")):
            for rows in (
                self.revisions, self.articles, self.bylines, self.credits, self.links,
                self.corrections,
            ):  # fmt: skip
                if rows:
                    type(rows[0]).objects.bulk_create(rows, batch_size=2000)
        insert_plain_rows(Article.tags.through, ("article_id", "tag_id"), self.article_tags)
        insert_plain_rows(Version, VERSION_COLUMNS, self.versions)
        for rows in (self.infos, self.events, self.comments, self.publications):
            if rows:
                type(rows[0]).objects.bulk_create(rows, batch_size=2000)
        PublishedByline.objects.bulk_create(self.published_bylines, batch_size=2000)
        insert_plain_rows(
            Publication.tags.through, ("publication_id", "tag_id"), self.publication_tags
        )


@dataclass
class _Content:
    """One version of a story's text and which of its parts it had."""

    body: str
    all_parts: bool
    snapshot: snapshots.Snapshot | None = None


class _Parts:
    """A story's bylines, credits, related links and corrections as rows (dicts of
    attribute values), and the text django-reversion records for each (its `str()`)."""

    def __init__(self, article_id: int):
        self.article_id = article_id
        self.rows: dict[str, list[dict]] = {name: [] for name in versioning.STORY_PARTS}
        self.reprs: dict[tuple[str, int], str] = {}

    def add(self, name: str, row: dict, representation: str) -> None:
        self.rows[name].append(row)
        self.reprs[name, row["id"]] = representation


@dataclass
class _History:
    """A story while its history is written: the working copy's fields as they change,
    the steps still to take, and the approved revision so far."""

    article_id: int
    state: str
    single: bool  # one revision per story: the state is reached without workflow moves
    tail_edit: bool
    steps: list[str]
    contents: list[_Content]
    article: dict
    reporter: object
    editor: object
    part_versions: dict[str, list[tuple[int, str, str]]]
    moment: datetime
    content_index: int = -1
    approved: tuple[int, _Content] | None = None


class _Generator:
    def __init__(self, *, seed: int, now: datetime, revisions_per_article: int):
        self.rng = random.Random(seed)
        self.now = now
        self.revisions_per_article = max(1, revisions_per_article)
        self.next_id: dict[type[models.Model], int] = {}
        self.serialize = {
            model: RowSerializer(model) for model in (Article, *versioning.STORY_PARTS.values())
        }
        self.content_type = {
            model: ContentType.objects.get_for_model(model).pk
            for model in (Article, *versioning.STORY_PARTS.values())
        }
        self.db = router.db_for_write(Article)
        self.states: Counter = Counter()
        self.revision_count = self.version_count = 0
        self.paragraphs = [self._paragraph() for _ in range(800)]
        self.headlines: dict[int, str] = {}

    # Identifiers and words.

    def ids(self, model: type[models.Model], count: int = 1) -> int:
        """The first of `count` new primary keys for `model`."""
        if model not in self.next_id:
            top = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
            self.next_id[model] = top + 1
        first = self.next_id[model]
        self.next_id[model] += count
        return first

    def _sentence(self) -> str:
        rng = self.rng
        city, country = rng.choice(PLACES)
        return rng.choice([
            f"{rng.choice(SUBJECTS)} in {city} said on {rng.choice(DAYS)} they would "
            f"{rng.choice(VERBS)} plans on {rng.choice(TOPICS)}.",
            f"The decision affects about {rng.randint(2, 900)},000 people across {country}, "
            f"according to figures released this week.",
            f"{rng.choice(FIRST)} {rng.choice(LAST)}, a spokesperson, said the "
            f"{rng.choice(TOPICS)} review would take {rng.randint(2, 18)} months.",
            f"Critics said the move on {rng.choice(TOPICS)} came too late and cost too much.",
            f"It was not immediately clear how {rng.choice(SUBJECTS).lower()} in {city} "
            f"would respond.",
            f"The {rng.choice(TOPICS)} program has cost ${rng.randint(2, 90)} million since "
            f"{rng.randint(2008, 2024)}.",
        ])  # fmt: skip

    def _paragraph(self) -> str:
        return "<p>" + " ".join(self._sentence() for _ in range(self.rng.randint(1, 3))) + "</p>"

    def headline(self) -> str:
        rng = self.rng
        return (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TOPICS)} plan "
            f"{rng.choice(TAILS)}"
        )

    # Reference data: sections, organisations, tags, people and newsroom accounts.

    def reference_data(self, *, articles: int, contributors: int) -> None:
        self._sections()
        self._organisations()
        self._tags(articles)
        people = self._people(contributors)
        self._accounts(people, articles=articles, contributors=contributors)
        self.people = people
        self.person_weights = _zipf(len(people), offset=10, power=0.9)
        self.names = story.Names(
            people={p.pk: p for p in people},
            organisations={o.pk: o for o in self.organisations},
        )

    def _sections(self) -> None:
        existing = {s.slug: s for s in Section.objects.all()}
        missing = [
            Section(name=name, slug=slugify(name), position=i)
            for i, (name, _) in enumerate(SECTIONS)
            if slugify(name) not in existing
        ]
        Section.objects.bulk_create(missing)
        by_slug = {s.slug: s for s in Section.objects.all()}
        self.sections = [by_slug[slugify(name)] for name, _ in SECTIONS]
        self.section_weights = _weighted(weight for _, weight in SECTIONS)

    def _organisations(self) -> None:
        known = {o.name.lower(): o for o in Organisation.objects.all()}
        Organisation.objects.bulk_create(
            [
                Organisation(name=name, slug=slugify(name), is_wire_service=wire)
                for name, wire in ORGANISATIONS
                if name.lower() not in known
                and not Organisation.objects.filter(slug=slugify(name)).exists()
            ]
        )
        known = {o.name.lower(): o for o in Organisation.objects.all()}
        self.organisations = [
            known[name.lower()] for name, _ in ORGANISATIONS if name.lower() in known
        ]

    def _tags(self, articles: int) -> None:
        tag_names = [t.capitalize() for t in TOPICS] + [country for _, country in PLACES]
        tag_names += [f"{country} {topic}" for _, country in PLACES for topic in TOPICS]
        wanted = tag_names[: max(30, min(len(tag_names), articles // 40))]
        by_slug = {t.slug: t for t in Tag.objects.filter(slug__in=[slugify(n) for n in wanted])}
        Tag.objects.bulk_create(
            [Tag(name=n, slug=slugify(n)) for n in wanted if slugify(n) not in by_slug],
            ignore_conflicts=True,
        )
        by_slug = {t.slug: t for t in Tag.objects.filter(slug__in=[slugify(n) for n in wanted])}
        self.tags = [by_slug[slugify(n)] for n in wanted if slugify(n) in by_slug]
        self.rng.shuffle(self.tags)
        self.tag_weights = _zipf(len(self.tags), offset=3)

    def _people(self, contributors: int) -> list[Person]:
        """New contributors (not saved yet: `_accounts` links some to accounts first)."""
        rng = self.rng
        first_person = self.ids(Person, contributors)
        people = []
        for i in range(contributors):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if rng.random() < 0.5:
                name = name.replace(" ", f" {rng.choice('ABCDEFGHJKLMNPRSTW')}. ", 1)
            organisation = rng.choice(self.organisations) if rng.random() < 0.8 else None
            kind = (
                Person.Kind.WIRE if organisation and organisation.is_wire_service
                else rng.choice([Person.Kind.STAFF] * 4 + [Person.Kind.GUEST])
            )  # fmt: skip
            people.append(
                Person(
                    id=first_person + i, name=name, slug=f"{slugify(name)}-{first_person + i}",
                    kind=kind, title=rng.choice(TITLES), organisation=organisation,
                )
            )  # fmt: skip
        return people

    def _accounts(self, people: list[Person], *, articles: int, contributors: int) -> None:
        """Reporter and editor accounts in their groups (the first reporters are the first
        of `people`), saved with `people`."""
        User = get_user_model()
        groups = ensure_roles()
        reporters = max(3, min(200, articles // 500, contributors))
        editors = max(2, min(50, articles // 2000))
        first_user = self.ids(User, reporters + editors)
        users = [
            User(
                id=first_user + i,
                username=f"synthetic-{'reporter' if i < reporters else 'editor'}-{first_user + i}",
                password="!synthetic",  # noqa: S106  "!" marks it unusable: no log-in
                is_staff=True,
                date_joined=self.now - timedelta(days=YEARS * 365),
            )
            for i in range(reporters + editors)
        ]
        for person, user in zip(people, users[:reporters], strict=False):
            person.user_id = user.pk
        with transaction.atomic():
            User.objects.bulk_create(users)
            User.groups.through.objects.bulk_create(
                [
                    User.groups.through(
                        user_id=u.pk, group_id=groups[REPORTERS if i < reporters else EDITORS].pk
                    )
                    for i, u in enumerate(users)
                ]
            )
            Person.objects.bulk_create(people, batch_size=2000)
        self.reporters = users[:reporters]
        self.editors = users[reporters:]
        self.reporter_person = {p.user_id: p for p in people if p.user_id}

    # One story.

    def pick(self, items: list, cumulative: list[float]):
        return items[bisect(cumulative, self.rng.random() * cumulative[-1])]

    def count(self, weights: list[float]) -> int:
        return bisect(_weighted(weights), self.rng.random() * sum(weights))

    def distinct(self, items: list, cumulative: list[float], k: int) -> list:
        chosen: dict = {}
        tries = 0
        while len(chosen) < min(k, len(items)) and tries < 20 * k:
            item = self.pick(items, cumulative)
            chosen.setdefault(item.pk, item)
            tries += 1
        return list(chosen.values())

    def story(self, rows: _Rows, created_at: datetime, state: str, earlier: range) -> None:
        rng = self.rng
        article_id = self.ids(Article)
        reporter = rng.choice(self.reporters)
        editor = rng.choice(self.editors)
        section = self.pick(self.sections, self.section_weights)
        headline = self.headline()
        self.headlines[article_id] = headline
        city, _ = rng.choice(PLACES)
        tags = sorted(
            self.distinct(self.tags, self.tag_weights, self.count(TAG_COUNTS)),
            key=lambda t: t.name,  # the order Django's serializer lists them (Tag.Meta)
        )
        parts = _Parts(article_id)
        self._bylines(parts, reporter)
        self._credits(parts)
        self._links(parts, created_at, earlier)
        self._corrections(parts, created_at)
        single = self.revisions_per_article == 1
        steps, tail_edit = self._steps(state, single)
        contents = self._contents(steps.count("edit") - tail_edit, tail_edit)

        article = {
            "headline": headline, "slug": f"{slugify(headline)[:80]}-{article_id}",
            "dek": self._sentence(), "body": "", "dateline": city.upper(),
            "section_id": section.pk, "language": "en-us", "lead_photo_id": None,
            "lead_photo_caption": "",
            "status": Status.DRAFT.value, "edit_version": 0, "approved_revision_id": None,
            "approved_by_id": None, "approved_at": None, "scheduled_revision_id": None,
            "publish_at": None, "unpublish_at": None, "embargo_until": None,
            "created_by_id": reporter.pk, "created_at": created_at, "updated_at": created_at,
            "tags": [t.pk for t in tags],
        }  # fmt: skip
        for content in contents:
            included = parts.rows if content.all_parts else {"bylines": parts.rows["bylines"]}
            content.snapshot = snapshots.of_fields(
                {**article, "id": article_id, "body": content.body}, included
            )
        history = _History(
            article_id=article_id, state=state, single=single, tail_edit=tail_edit,
            steps=steps, contents=contents, article=article, reporter=reporter, editor=editor,
            part_versions=self._part_versions(parts), moment=created_at,
        )  # fmt: skip
        self._history(rows, history)

        rows.articles.append(
            Article(id=article_id, **{k: v for k, v in article.items() if k != "tags"})
        )
        rows.article_tags += [(article_id, t.pk) for t in tags]
        rows.bylines += [Byline(**row) for row in parts.rows["bylines"]]
        rows.credits += [Credit(**row) for row in parts.rows["credits"]]
        rows.links += [RelatedLink(**row) for row in parts.rows["related_links"]]
        rows.corrections += [Correction(**row) for row in parts.rows["corrections"]]
        self.states[state] += 1
        self.revision_count += len(steps)

    # A story's parts: the rows, and how django-reversion names each one.

    def _bylines(self, parts: _Parts, reporter) -> None:
        rng = self.rng
        people = self.distinct(self.people, self.person_weights, self.count(BYLINE_COUNTS))
        mine = self.reporter_person.get(reporter.pk)
        if mine is not None and rng.random() < 0.5 and mine not in people:
            people = [mine, *people[:-1]] if len(people) >= 5 else [mine, *people]
        first = self.ids(Byline, len(people))
        for position, person in enumerate(people):
            organisation = person.organisation
            row = {
                "id": first + position, "article_id": parts.article_id, "person_id": person.pk,
                "title": person.title, "organisation_id": organisation.pk if organisation else None,
                "bio_line": (
                    f"{person.name} is a {person.title or 'reporter'}"
                    + (f" at {organisation.name}." if organisation else ".")
                ) if rng.random() < 0.3 else "",
                "position": position,
            }  # fmt: skip
            parts.add("bylines", row, f"{person.name} ({parts.article_id})")

    def _credits(self, parts: _Parts) -> None:
        rng = self.rng
        credit_count = self.count(CREDIT_COUNTS)
        first = self.ids(Credit, credit_count)
        for position in range(credit_count):
            person = self.pick(self.people, self.person_weights) if rng.random() < 0.85 else None
            organisation = (person.organisation if person else None) or (
                rng.choice(self.organisations) if person is None or rng.random() < 0.5 else None
            )
            row = {
                "id": first + position, "article_id": parts.article_id,
                "person_id": person.pk if person else None,
                "organisation_id": organisation.pk if organisation else None,
                "role": rng.choice(ROLES) if person else "",
                "location": rng.choice(PLACES)[0] if person and rng.random() < 0.7 else "",
                "position": position,
            }  # fmt: skip
            parts.add(
                "credits", row, " ".join(str(x) for x in (organisation, row["role"], person) if x)
            )

    def _links(self, parts: _Parts, created_at: datetime, earlier: range) -> None:
        rng = self.rng
        link_count = self.count(LINK_COUNTS)
        first = self.ids(RelatedLink, link_count)
        for position in range(link_count):
            internal = len(earlier) > 0 and rng.random() < 0.6
            target = rng.choice(earlier) if internal else None
            title = "" if internal else self.headline()
            row = {
                "id": first + position, "article_id": parts.article_id, "target_id": target,
                "url": "" if internal else (
                    f"https://{rng.choice(DOMAINS)}/{created_at:%Y/%m}/{slugify(title)}"
                ),
                "title": title, "position": position,
            }  # fmt: skip
            parts.add("related_links", row, title or self.headlines[target])

    def _corrections(self, parts: _Parts, created_at: datetime) -> None:
        rng = self.rng
        correction_count = self.count([96, 3.5, 0.5])
        first = self.ids(Correction, correction_count)
        for i in range(correction_count):
            kind = rng.choice(list(Correction.Kind))
            noted_at = created_at + timedelta(hours=2 + i, minutes=rng.randint(0, 59))
            row = {
                "id": first + i, "article_id": parts.article_id, "kind": kind.value,
                "note": f"An earlier version of this story misstated the {rng.choice(TOPICS)} "
                f"figures for {rng.choice(PLACES)[1]}.",
                "noted_at": noted_at,
            }  # fmt: skip
            parts.add("corrections", row, f"{kind.label} {noted_at:%Y-%m-%d}")

    def _part_versions(self, parts: _Parts) -> dict[str, list[tuple[int, str, str]]]:
        """(pk, serialized data, representation) of every part, by part name."""
        return {
            name: [
                (row["id"], self.serialize[model](row["id"], row), parts.reprs[name, row["id"]])
                for row in parts.rows[name]
            ]
            for name, model in versioning.STORY_PARTS.items()
        }

    # A story's history: its edits, then the workflow moves to its present state.

    def _steps(self, state: str, single: bool) -> tuple[list[str], bool]:
        """The steps, and whether the last is an edit after publication (a live story
        with a newer draft)."""
        moves = [] if single else list(STEPS[state])
        tail_edit = state == "published_draft" and not single
        edits = self.revisions_per_article - len(moves) - tail_edit
        if edits < 1 and "submit" in moves and state != "changes_requested":
            moves.remove("submit")
            edits += 1
        return ["edit"] * max(1, edits) + moves + (["edit"] if tail_edit else []), tail_edit

    def _contents(self, edit_count: int, tail_edit: bool) -> list[_Content]:
        """The body after each edit: the story grows towards its final paragraphs."""
        rng = self.rng
        paragraphs = rng.sample(self.paragraphs, rng.randint(3, 9))
        contents: list[_Content] = []
        for j in range(edit_count):
            keep = max(1, math.ceil(len(paragraphs) * (j + 1) / edit_count))
            body = "".join(paragraphs[:keep])
            if j < edit_count - 1:  # an earlier draft: its last paragraph read differently
                body = "".join(paragraphs[: keep - 1]) + rng.choice(self.paragraphs)
            if contents and contents[-1].body == body:
                body += self.paragraphs[j]
            contents.append(_Content(body, all_parts=j > 0 or edit_count == 1))
        if tail_edit:
            contents.append(
                _Content(contents[-1].body + "<p>This story has been updated.</p>", True)
            )
        return contents

    def _history(self, rows: _Rows, h: _History) -> None:
        rng = self.rng
        first_revision = self.ids(Revision, len(h.steps))
        imported = rng.random() < 0.3
        for index, step in enumerate(h.steps):
            revision_id = first_revision + index
            if index:
                last = index == len(h.steps) - 1
                later = step == "unpublish" or (step == "edit" and h.tail_edit and last)
                gap = timedelta(days=rng.uniform(1, 400) if later else rng.uniform(0.002, 0.125))
                h.moment = min(self.now - timedelta(seconds=len(h.steps) - index), h.moment + gap)
                h.moment = h.moment.replace(microsecond=0)
            before = h.article["status"]
            user = h.reporter if step in ("edit", "submit") else h.editor
            if step == "edit":
                kind, comment = self._edit(h, imported)
                event_revision, data = revision_id, {}
            else:
                kind = RevisionInfo.Kind.TRANSITION
                comment, event_revision, data = self._move(rows, h, step, revision_id)
            self._revision(rows, h, revision_id, user=user, kind=kind, comment=comment)
            rows.events.append(
                ArticleEvent(
                    article_id=h.article_id, article_key=h.article_id,
                    headline=h.article["headline"], action="edited" if step == "edit" else step,
                    from_status=before, to_status=h.article["status"], user_id=user.pk,
                    revision_id=event_revision, comment=comment, data=data, created_at=h.moment,
                )
            )  # fmt: skip
            self._after_step(rows, h, step, revision_id)
        if h.single and h.state in ARCHIVE_STATES:
            self.publication(rows, h.article_id, h.approved, h.moment)
            if h.state == "unpublished":
                rows.publications[-1].withdrawn_at = h.moment
                rows.publications[-1].version = 2
        if h.single and h.state == "scheduled":
            h.article["publish_at"] = self.scheduled_time()
            h.article["scheduled_revision_id"] = h.approved[0]

    def _edit(self, h: _History, imported: bool) -> tuple[str, str]:
        """Apply the next edit to the working copy; returns its revision kind and comment."""
        h.content_index += 1
        h.article.update(body=h.contents[h.content_index].body, updated_at=h.moment)
        h.article["status"] = Status.DRAFT.value
        if h.single:
            h.article["status"] = {
                "published_draft": "published",
                "changes_requested": "submitted",
            }.get(h.state, h.state)
        if h.content_index == 0:
            kind = RevisionInfo.Kind.IMPORT if imported else RevisionInfo.Kind.EDIT
            return kind, "Imported from wire copy" if imported else '[{"added": {}}]'
        return RevisionInfo.Kind.EDIT, self.rng.choice(CHANGE_COMMENTS)

    def _move(self, rows: _Rows, h: _History, step: str, revision_id: int):
        """Apply workflow move `step`; returns its comment, the revision its event names
        and the event's data."""
        h.article["status"] = TRANSITION_STATUS[step].value
        comment = TRANSITIONS[step].label
        if step == "request_changes":
            comment += ": Needs a second source for the figures."
        elif step == "unpublish":
            comment += ": Legal review."
        if step == "schedule":
            h.article["publish_at"] = self.scheduled_time()
            h.article["scheduled_revision_id"] = h.approved[0]
            return comment, revision_id, {
                "scheduled_revision": h.approved[0],
                "publish_at": h.article["publish_at"].isoformat(),
            }
        if step == "publish":
            h.article["scheduled_revision_id"] = h.article["publish_at"] = None
            self.publication(rows, h.article_id, h.approved, h.moment)
            return comment, h.approved[0], {"published_revision": h.approved[0]}
        if step == "unpublish":
            publication = rows.publications[-1]
            publication.withdrawn_at, publication.version = h.moment, 2
        return comment, revision_id, {}

    def _revision(
        self, rows: _Rows, h: _History, revision_id: int, *, user, kind: str, comment: str
    ) -> None:
        """The django-reversion revision of the story as it stands, and its RevisionInfo."""
        content = h.contents[h.content_index]
        rows.revisions.append(
            Revision(id=revision_id, date_created=h.moment, user_id=user.pk, comment=comment)
        )
        rows.versions.append((
            revision_id, str(h.article_id), self.content_type[Article], self.db, "json",
            self.serialize[Article](h.article_id, h.article), h.article["headline"],
        ))  # fmt: skip
        for name, model in versioning.STORY_PARTS.items():
            if not content.all_parts and name != "bylines":
                continue
            for pk, serialized, representation in h.part_versions[name]:
                rows.versions.append((
                    revision_id, str(pk), self.content_type[model], self.db, "json",
                    serialized, representation,
                ))  # fmt: skip
        rows.infos.append(
            RevisionInfo(
                revision_id=revision_id, article_id=h.article_id, article_key=h.article_id,
                kind=kind, status=h.article["status"], content_hash=content.snapshot.content_hash,
            )
        )  # fmt: skip

    def _after_step(self, rows: _Rows, h: _History, step: str, revision_id: int) -> None:
        """What a step changes once its revision is saved: the edit counter, the review
        comment of a change request, the approval."""
        if step == "edit":
            h.article["edit_version"] += 1
        elif step == "request_changes":
            rows.comments.append(
                ReviewComment(
                    article_id=h.article_id, revision_id=revision_id, author_id=h.editor.pk,
                    body="Needs a second source for the figures.", is_change_request=True,
                    created_at=h.moment,
                )
            )  # fmt: skip
        approves = h.single and h.state in ARCHIVE_STATES | {"approved", "scheduled"}
        if step == "approve" or approves:
            h.approved = (revision_id, h.contents[h.content_index])
            h.article.update(
                approved_revision_id=revision_id, approved_by_id=h.editor.pk, approved_at=h.moment
            )

    def scheduled_time(self) -> datetime:
        return (self.now + timedelta(hours=self.rng.uniform(1, 14 * 24))).replace(microsecond=0)

    def publication(self, rows: _Rows, article_id: int, approved, moment: datetime) -> None:
        revision_id, content = approved
        fields, bylines = publication_fields(
            content.snapshot, Revision(pk=revision_id), names=self.names
        )
        publication_id = self.ids(Publication)
        rows.publications.append(
            Publication(
                id=publication_id, article_id=article_id, published_at=moment,
                visible_from=moment, **fields,
            )
        )  # fmt: skip
        for byline in bylines:
            byline.publication_id = publication_id
        rows.published_bylines += bylines
        rows.publication_tags += [(publication_id, pk) for pk in content.snapshot.tag_ids]

    def reset_sequences(self) -> None:
        """Move PostgreSQL's id sequences past the ids given here."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.next_id))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def generate(
    *,
    articles: int,
    contributors: int | None = None,
    seed: int = 0,
    revisions_per_article: int = 3,
    batch_size: int = 500,
    now: datetime | None = None,
    progress: Callable[[int, float], None] | None = None,
) -> Summary:
    """Write `articles` synthetic stories (with `contributors` new people, default one per
    four stories, and `revisions_per_article` revisions each, more where a story's workflow
    needs them) with publication dates spread over 15 years before `now`. `progress` is
    called after each batch with the number of stories written and the seconds elapsed."""
    started = time.monotonic()
    now = now or timezone.now().replace(microsecond=0)
    contributors = contributors if contributors is not None else max(10, articles // 4)
    if connection.vendor == "sqlite":
        # SQLite's default page cache (2 MB) makes index inserts read from disk once the
        # version index outgrows it; 256 MB keeps a 100,000-story load in memory.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    generator = _Generator(seed=seed, now=now, revisions_per_article=revisions_per_article)
    rng = generator.rng
    try:
        generator.reference_data(articles=articles, contributors=max(1, contributors))
        span = timedelta(days=YEARS * 365).total_seconds()
        # More stories in recent years than in early ones; ids follow publication order.
        moments = sorted(span * (1 - rng.random() ** 1.4) for _ in range(articles))
        state_weights = _weighted(weight for _, weight in STATES)
        first_article = generator.ids(Article, 0)
        written = 0
        while written < articles:
            rows = _Rows()
            for offset in moments[written : written + batch_size]:
                state = STATES[bisect(state_weights, rng.random() * state_weights[-1])][0]
                if state in ARCHIVE_STATES:
                    created_at = now - timedelta(days=YEARS * 365) + timedelta(seconds=offset)
                    created_at = min(created_at, now - timedelta(days=2))
                else:
                    created_at = now - timedelta(days=rng.uniform(2, 30))
                created_at = created_at.replace(microsecond=0)
                generator.story(
                    rows, created_at, state, range(first_article, generator.ids(Article, 0))
                )
            with transaction.atomic():
                rows.write()
            written += len(rows.articles)
            generator.version_count += len(rows.versions)
            if progress:
                progress(written, time.monotonic() - started)
    finally:
        if generator.next_id:
            generator.reset_sequences()
    # Fresh statistics, so the planner knows the tables are large (SQLite has none until
    # ANALYZE and otherwise picks poor plans, such as scanning every version for a history).
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
        cursor.execute("ANALYZE")
    return Summary(
        articles=written,
        revisions=generator.revision_count,
        versions=generator.version_count,
        people=contributors,
        seconds=time.monotonic() - started,
        states=dict(generator.states),
    )
