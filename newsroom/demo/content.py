"""Demo content: the reference wire story and a few companions, published at staggered
times, with curated related links, the reference story's photos (a lead photo with a wire
credit, and one in the body), and the development users `reporter` and `editor`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from articles.models import Article, RelatedLink
from articles.roles import EDITORS, REPORTERS, ensure_roles
from articles.sanitize import photo_figure
from articles.services import article_commit_edit, article_transition, story_import
from contributors.models import Person
from photos.models import Photo
from photos.services import photo_create_from_upload, photo_renditions_make

from . import pictures

STORIES_DIR = Path(__file__).resolve().parent / "stories"
DEMO_PASSWORD = "newsroom"  # noqa: S105  development-only accounts, printed by load_demo


@dataclass(frozen=True)
class DemoStory:
    file: str
    headline: str
    section: str
    dek: str
    tags: tuple[str, ...]
    hours_ago: float
    related: tuple[str, ...] = field(default=())


REFERENCE = DemoStory(
    "baghdad-strike.txt",
    "US strike in Baghdad kills leader of Iran-backed militia",
    "World",
    "The Pentagon confirmed the strike killed Mushtaq Talib al-Saidi, a militia leader "
    "blamed for attacks on U.S. troops in Iraq and Syria.",
    ("Iraq", "Pentagon", "Middle East"),
    hours_ago=1,
    related=("militia-attacks.txt", "coalition-talks.txt"),
)
STORIES = [
    DemoStory(
        "troop-presence.txt",
        "Pentagon weighs future of US troop presence in Iraq",
        "Military",
        "About 2,500 U.S. service members remain in Iraq as talks on the coalition continue.",
        ("Iraq", "Pentagon"),
        hours_ago=30,
    ),
    DemoStory(
        "militia-attacks.txt",
        "Militia attacks on US bases top 100 since October",
        "World",
        "Most of the attacks in Iraq and Syria used drones and rockets, officials said.",
        ("Iraq", "Middle East"),
        hours_ago=50,
    ),
    DemoStory(
        "coalition-talks.txt",
        "Iraq forms committee to set timetable for coalition exit",
        "World",
        "Officials called it the start of a long negotiation, not an immediate withdrawal.",
        ("Iraq", "Middle East"),
        hours_ago=26,
    ),
    DemoStory(
        "red-sea-drones.txt",
        "Navy destroyer downs four drones over Red Sea",
        "Military",
        "No ships were damaged, U.S. Central Command said.",
        ("Navy", "Middle East"),
        hours_ago=8,
    ),
    DemoStory(
        "army-recruiting.txt",
        "Army expects to meet recruiting goal after two lean years",
        "Military",
        "A prep course for applicants gets much of the credit.",
        ("Army", "Pentagon"),
        hours_ago=5,
    ),
    REFERENCE,
]


def _photo(demo: pictures.DemoPhoto) -> Photo:
    """`demo` in the photo library, uploaded as a wire photo arrives (its credit and
    caption read from the file, its GPS position removed), with its renditions made now
    so the first reader does not wait for them."""
    upload = SimpleUploadedFile(demo.file_name, pictures.jpeg(demo), content_type="image/jpeg")
    photo, _ = photo_create_from_upload(file=upload, alt_text=demo.alt_text)
    photo_renditions_make(photo=photo)
    return photo


def _illustrate(article: Article) -> None:
    """The reference story's lead photo, and a photo after its fourth paragraph."""
    article.lead_photo = _photo(pictures.SKYLINE)
    street = _photo(pictures.STREET)
    paragraphs = article.body.split("</p>")
    paragraphs.insert(4, photo_figure(street.pk, street.caption) + paragraphs.pop(4))
    article.body = "</p>".join(paragraphs)
    article.save()


def _users() -> dict[str, object]:
    ensure_roles()
    User = get_user_model()
    users = {}
    for username, group, person_name in (
        ("reporter", REPORTERS, "Jordan Reyes"),
        ("editor", EDITORS, "Morgan Ellis"),
    ):
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@newsroom.invalid", "is_staff": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=group))
        person = Person.objects.filter(name=person_name).first()
        if person and person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
        users[username] = user
    return users


@transaction.atomic
def load_demo(stdout=None, *, users: bool = True) -> tuple[Article, bool]:
    """Import the demo stories once; later calls change nothing. Returns the reference
    story and whether anything was created. `users` adds the development accounts."""
    existing = Article.objects.filter(headline=REFERENCE.headline).first()
    if existing is not None:
        if users:
            _users()
        return existing, False
    now = timezone.now()
    articles = {}
    for demo in STORIES:
        article = story_import(
            text=(STORIES_DIR / demo.file).read_text(encoding="utf-8"),
            headline=demo.headline,
            section_name=demo.section,
            dek=demo.dek,
            tags=demo.tags,
            source=demo.file,
        )
        for position, name in enumerate(demo.related):
            RelatedLink.objects.create(article=article, target=articles[name], position=position)
        if demo is REFERENCE:
            RelatedLink.objects.create(
                article=article,
                url="https://www.defense.gov/News/",
                title="Defense Department news releases",
                position=len(demo.related),
            )
            _illustrate(article)
        article_commit_edit(article=article, comment="Related links and photos")
        when = now - timedelta(hours=demo.hours_ago)
        for action in ("submit", "approve", "publish"):
            article_transition(article=article, action=action, comment="Demo story", now=when)
        articles[demo.file] = article
    if users:
        editor_person = Person.objects.get_or_create(
            slug="morgan-ellis", defaults={"name": "Morgan Ellis", "title": "Managing editor"}
        )[0]
        if editor_person.user_id is None:
            editor_person.user = _users()["editor"]
            editor_person.save(update_fields=["user"])
    return articles[REFERENCE.file], True
