"""Scheduled publication: the facts and reads that the scheduler, the admin and `/readyz`
share. The services that act on them are in `articles.services.scheduling`.

The database is the schedule. A story is scheduled when it has a `scheduled_revision` and a
`publish_at`; it is *due* at the later of `publish_at` and `embargo_until`, so an embargo
moved after scheduling holds the story back instead of being broken. A live story with an
`unpublish_at` comes down then. Times are stored in UTC and shown in the newsroom's zone
(`TIME_ZONE`) with UTC beside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from django.db.models import DateTimeField, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from . import conf
from .exceptions import StoryError
from .models import Article, SchedulerState

# Settings.


def sweep_interval() -> float:
    """Seconds between two sweeps (`NEWSROOM_SWEEP_INTERVAL`, default 30)."""
    return float(conf.get("NEWSROOM_SWEEP_INTERVAL"))


def horizon() -> float:
    """How far ahead, in seconds, a story's exact-time task is queued
    (`NEWSROOM_SCHEDULE_HORIZON`, default two sweep intervals). Stories further off wait in
    the database, never in the broker: Redis redelivers a delayed message that outlives its
    visibility timeout, so a long-delayed message could run twice (celery #2599)."""
    value = conf.get("NEWSROOM_SCHEDULE_HORIZON")
    return float(value) if value else 2 * sweep_interval()


def grace() -> float:
    """Seconds after its time before an unpublished story counts as overdue
    (`NEWSROOM_SCHEDULE_GRACE`, default 2)."""
    return float(conf.get("NEWSROOM_SCHEDULE_GRACE"))


# When things are due.


def publish_due_time(article: Article) -> datetime | None:
    """When `article`'s scheduled revision may go live: its `publish_at`, or the end of its
    embargo if that is later. None when it is not scheduled."""
    if article.scheduled_revision_id is None or article.publish_at is None:
        return None
    if article.embargo_until and article.embargo_until > article.publish_at:
        return article.embargo_until
    return article.publish_at


def _with_due() -> QuerySet:
    return Article.objects.filter(
        scheduled_revision__isnull=False, publish_at__isnull=False
    ).annotate(
        due=Greatest(
            "publish_at", Coalesce("embargo_until", "publish_at"), output_field=DateTimeField()
        )
    )


def publications_due(now: datetime) -> QuerySet:
    """Scheduled stories whose time has come (annotated with `due`), earliest first."""
    return _with_due().filter(publish_at__lte=now, due__lte=now).order_by("due", "pk")


def publications_between(after: datetime, until: datetime) -> QuerySet:
    """Scheduled stories due in (`after`, `until`], earliest first."""
    return (
        _with_due()
        .filter(publish_at__lte=until, due__gt=after, due__lte=until)
        .order_by("due", "pk")
    )


def _live_with_takedown() -> QuerySet:
    return Article.objects.filter(
        unpublish_at__isnull=False,
        publication__isnull=False,
        publication__withdrawn_at__isnull=True,
    )


def unpublications_due(now: datetime) -> QuerySet:
    """Live stories whose take-down time has come, earliest first."""
    return _live_with_takedown().filter(unpublish_at__lte=now).order_by("unpublish_at", "pk")


def unpublications_between(after: datetime, until: datetime) -> QuerySet:
    return (
        _live_with_takedown()
        .filter(unpublish_at__gt=after, unpublish_at__lte=until)
        .order_by("unpublish_at", "pk")
    )


def overdue_count(now: datetime | None = None) -> int:
    """Stories more than `grace()` seconds past their publication or take-down time that
    have not gone up or come down."""
    limit = (now or timezone.now()) - timedelta(seconds=grace())
    return publications_due(limit).count() + unpublications_due(limit).count()


# Reading and showing times.

_HAS_TIME = re.compile(r"\d[T ]\d")


# The furthest ahead a story may be scheduled, taken down or embargoed: further than any
# newsroom plans, and near enough to the end of Python's and Django's calendar (year 9999)
# that converting a time to UTC or storing it cannot overflow (9999-12-31 23:59 in New York
# is in year 10000 in UTC, which PostgreSQL refused with a DataError: a 500).
FURTHEST_AHEAD = timedelta(days=3653)


def check_within_reach(value: datetime | None, label: str, now: datetime | None = None) -> None:
    """Raise `StoryError` if `value` (aware) is more than ten years from `now`."""
    if value is not None and value - (now or timezone.now()) > FURTHEST_AHEAD:
        raise StoryError(
            f"The {label} time {value:%Y-%m-%d} is more than ten years ahead: check the year."
        )


def parse_schedule_time(value: str, *, zone: tzinfo | None = None) -> datetime:
    """An ISO 8601 date and time as an aware UTC datetime.

    A time without an offset is in the newsroom's zone (`TIME_ZONE`, or `zone`). A local time
    that does not exist (skipped when clocks go forward) or happens twice (when they go back)
    is refused, since guessing would publish an hour early or late. Raises `StoryError`."""
    text = (value or "").strip()
    example = "e.g. 2026-03-08T09:30 (newsroom time) or 2026-03-08T14:30Z"
    if not _HAS_TIME.search(text):
        raise StoryError(f"“{value}” needs a date and a time, {example}.")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise StoryError(f"“{value}” is not an ISO 8601 date and time, {example}.") from None
    if parsed.tzinfo is None:
        parsed = local_to_aware(parsed, zone or timezone.get_current_timezone())
    try:
        parsed = parsed.astimezone(UTC)
    except OverflowError:  # 9999-12-31 late in the day, west of Greenwich
        raise StoryError(f"“{value}” is out of range: check the year.") from None
    check_within_reach(parsed, "given")
    return parsed


def local_to_aware(naive: datetime, zone: tzinfo) -> datetime:
    """`naive` read as a wall-clock time in `zone`. Raises `StoryError` for a time the
    clocks skip or repeat at a daylight-saving change."""
    early, late = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if early.utcoffset() == late.utcoffset():
        return early
    shown = naive.strftime("%Y-%m-%d %H:%M")
    if early.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise StoryError(
            f"{shown} does not exist in {zone}: the clocks skip that hour. Choose another "
            "time or give a UTC offset."
        )
    raise StoryError(
        f"{shown} happens twice in {zone}, when the clocks go back. Give a UTC offset, "
        f"e.g. {early.isoformat(timespec='minutes')} or {late.isoformat(timespec='minutes')}."
    )


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")


def local_and_utc(moment: datetime | None) -> str:
    """“Sun 8 Mar 2026, 03:30 EDT (07:30 UTC)”: newsroom time first, UTC beside it."""
    if moment is None:
        return "—"
    local, utc = timezone.localtime(moment), moment.astimezone(UTC)
    day = f"{local:%a} {local.day} {local:%b %Y}"
    utc_day = "" if utc.date() == local.date() else f"{utc:%a} {utc.day} {utc:%b} "
    return f"{day}, {_clock(local)} {local.tzname()} ({utc_day}{_clock(utc)} UTC)"


def countdown(moment: datetime | None, now: datetime | None = None) -> str:
    """“in 2 h 5 min”, “in 40 s”, “3 min 10 s ago”."""
    if moment is None:
        return ""
    seconds = round((moment - (now or timezone.now())).total_seconds())
    parts, rest = [], abs(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1)):
        if rest >= size or (unit == "s" and not parts):
            parts.append(f"{rest // size} {unit}")
            rest %= size
        if len(parts) == 2:
            break
    text = " ".join(parts)
    return f"in {text}" if seconds > 0 else ("now" if seconds == 0 else f"{text} ago")


# Health.


@dataclass(frozen=True)
class SchedulerStatus:
    interval: float
    last_sweep_at: datetime | None
    age: float | None  # seconds since the last sweep finished
    overdue: int
    scheduled: int  # stories waiting to go up
    takedowns: int  # live stories waiting to come down
    last_failed: int

    @property
    def stale(self) -> bool:
        """No sweep for more than three intervals: beat or every worker is down."""
        return self.age is None or self.age > 3 * self.interval

    @property
    def ok(self) -> bool:
        return not self.stale and self.overdue == 0

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "last_sweep": self.last_sweep_at.isoformat() if self.last_sweep_at else None,
            "age_s": None if self.age is None else round(self.age, 1),
            "interval_s": self.interval,
            "stale": self.stale,
            "overdue": self.overdue,
            "scheduled": self.scheduled,
            "takedowns": self.takedowns,
            "last_failed": self.last_failed,
        }


def scheduler_status(now: datetime | None = None) -> SchedulerStatus:
    """The scheduler's health, from the database alone (it works with Redis down)."""
    now = now or timezone.now()
    state = SchedulerState.objects.filter(pk=SchedulerState.SINGLETON).first()
    last = state.last_sweep_at if state else None
    return SchedulerStatus(
        interval=sweep_interval(),
        last_sweep_at=last,
        age=(now - last).total_seconds() if last else None,
        overdue=overdue_count(now),
        scheduled=_with_due().count(),
        takedowns=_live_with_takedown().count(),
        last_failed=state.last_failed if state else 0,
    )
