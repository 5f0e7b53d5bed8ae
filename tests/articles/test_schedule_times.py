"""Reading and showing schedule times: UTC stored, newsroom time shown with UTC beside it,
strict parsing across daylight-saving changes. Pure functions: no database."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.exceptions import StoryError
from articles.times import countdown, local_and_utc, parse_schedule_time

NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        # Offsets given: taken as they are.
        ("2026-03-08T14:30Z", datetime(2026, 3, 8, 14, 30, tzinfo=UTC)),
        ("2026-03-08T09:30-05:00", datetime(2026, 3, 8, 14, 30, tzinfo=UTC)),
        ("2026-03-08 09:30:15+00:00", datetime(2026, 3, 8, 9, 30, 15, tzinfo=UTC)),
        # Newsroom time (America/New_York) on either side of the March change...
        ("2026-03-08T01:30", datetime(2026, 3, 8, 6, 30, tzinfo=UTC)),  # EST, UTC-5
        ("2026-03-08T03:30", datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),  # EDT, UTC-4
        # ... and the November one.
        ("2026-11-01T00:30", datetime(2026, 11, 1, 4, 30, tzinfo=UTC)),  # EDT
        ("2026-11-01T02:30", datetime(2026, 11, 1, 7, 30, tzinfo=UTC)),  # EST
        # The ambiguous hour, made plain by an offset.
        ("2026-11-01T01:30-04:00", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        ("2026-11-01T01:30-05:00", datetime(2026, 11, 1, 6, 30, tzinfo=UTC)),
    ],
)
def test_times_are_read_as_utc(settings, text, utc):
    settings.TIME_ZONE = "America/New_York"
    parsed = parse_schedule_time(text)
    assert parsed == utc and parsed.tzinfo == UTC


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-03-08T02:30", "does not exist"),  # clocks jump 02:00 → 03:00
        ("2026-11-01T01:30", "happens twice"),  # clocks go 02:00 → 01:00
        ("2026-03-08", "needs a date and a time"),
        ("tomorrow 9am", "needs a date and a time"),
        ("2026-13-08T09:30", "not an ISO 8601"),
        ("", "needs a date and a time"),
    ],
)
def test_bad_times_get_clear_errors(settings, text, message):
    settings.TIME_ZONE = "America/New_York"
    with pytest.raises(StoryError, match=message):
        parse_schedule_time(text)


def test_the_ambiguous_hour_error_offers_both_readings(settings):
    settings.TIME_ZONE = "America/New_York"
    with pytest.raises(StoryError) as caught:
        parse_schedule_time("2026-11-01T01:30")
    message = str(caught.value)
    assert "2026-11-01T01:30-04:00" in message and "2026-11-01T01:30-05:00" in message


@pytest.mark.parametrize(
    ("utc", "shown"),
    [
        (datetime(2026, 3, 8, 6, 30, tzinfo=UTC), "Sun 8 Mar 2026, 01:30 EST (06:30 UTC)"),
        (datetime(2026, 3, 8, 7, 30, tzinfo=UTC), "Sun 8 Mar 2026, 03:30 EDT (07:30 UTC)"),
        (datetime(2026, 11, 1, 5, 30, tzinfo=UTC), "Sun 1 Nov 2026, 01:30 EDT (05:30 UTC)"),
        (datetime(2026, 11, 1, 6, 30, tzinfo=UTC), "Sun 1 Nov 2026, 01:30 EST (06:30 UTC)"),
        (
            datetime(2026, 7, 4, 3, 0, 9, tzinfo=UTC),
            "Fri 3 Jul 2026, 23:00:09 EDT (Sat 4 Jul 03:00:09 UTC)",
        ),
    ],
)
def test_times_are_shown_in_newsroom_time_with_utc_beside(settings, utc, shown):
    settings.TIME_ZONE = "America/New_York"
    with timezone.override(NY):
        assert local_and_utc(utc) == shown


def test_a_schedule_across_the_change_keeps_its_real_length(settings):
    """01:30 EST to 03:30 EDT on the March change is one hour, not two."""
    settings.TIME_ZONE = "America/New_York"
    up, down = parse_schedule_time("2026-03-08T01:30"), parse_schedule_time("2026-03-08T03:30")
    assert down - up == timedelta(hours=1)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "now"), (12, "in 12 s"), (130, "in 2 min 10 s"), (7500, "in 2 h 5 min"),
     (90000, "in 1 d 1 h"), (-40, "40 s ago"), (-3700, "1 h 1 min ago")],
)
def test_countdown(seconds, text):
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert countdown(now + timedelta(seconds=seconds), now) == text
