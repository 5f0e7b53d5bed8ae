"""Reading and showing the times of a schedule: parsing what an editor or operator types,
refusing times out of reach, and showing a moment in newsroom time with UTC beside it.

Times are stored in UTC and shown in the newsroom's zone (`TIME_ZONE`). Used by the
workflow, the scheduler, the importer and the admin alike.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

from django.utils import timezone

from .exceptions import StoryError

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
