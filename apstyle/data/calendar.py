"""Months and weekdays with their AP forms."""

from __future__ import annotations

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: AP abbreviations, used only with a specific date. The other five are never abbreviated.
AP_MONTH_ABBR: dict[str, str] = {
    "January": "Jan.",
    "February": "Feb.",
    "August": "Aug.",
    "September": "Sept.",
    "October": "Oct.",
    "November": "Nov.",
    "December": "Dec.",
}
FULL_BY_AP_ABBR: dict[str, str] = {v: k for k, v in AP_MONTH_ABBR.items()}

NEVER_ABBREVIATED = ("March", "April", "May", "June", "July")

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

WEEKDAY_ABBR: dict[str, str] = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Tues": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Thur": "Thursday",
    "Thurs": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}

MONTH_NAME_RE = "|".join(MONTHS)
AP_ABBR_RE = r"Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\."
#: Any way a month can legitimately precede a day number in AP copy.
AP_MONTH_BEFORE_DAY_RE = rf"(?:{AP_ABBR_RE}|March|April|May|June|July)"
