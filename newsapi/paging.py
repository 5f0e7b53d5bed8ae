"""Keyset (cursor) paging for the read API.

Each page is one indexed range read of `limit + 1` rows after the cursor, with no COUNT and
no OFFSET, so the thousandth page costs what the first does, and a story published or
updated while a client pages never shifts a page: the cursor is the (time, id) of the last
row returned, and the next page starts strictly after it in a total order.

A cursor names the order it was made for, so one made for one order cannot be replayed
against another (400).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError

from . import conf


def parse_utc(value: str) -> datetime | None:
    """An RFC 3339 time with its offset, in UTC; None if it is not one or has no UTC
    equivalent. In UTC because PostgreSQL refuses offsets beyond ±15:59, which Python's
    parser accepts (+19:45 was a 500)."""
    try:
        moment = parse_datetime(value)
        return moment.astimezone(UTC) if moment is not None and moment.tzinfo else None
    except (ValueError, OverflowError):
        return None


@dataclass(frozen=True)
class Order:
    """A total order: a field (a time, or text) and the id, both in one direction."""

    name: str
    field: str
    descending: bool
    is_time: bool = True

    def prepare(self, queryset: QuerySet) -> QuerySet:
        if self.field == "modified_at":
            queryset = queryset.annotate(modified_at=Coalesce("updated_at", "published_at"))
        sign = "-" if self.descending else ""
        return queryset.order_by(f"{sign}{self.field}", f"{sign}id")

    def after(self, value, pk: int) -> Q:
        """Rows strictly after (`value`, `pk`) in this order. The redundant bound on the
        field alone lets the database start its index scan at the cursor."""
        op = "lt" if self.descending else "gt"
        bound = "lte" if self.descending else "gte"
        return Q(**{f"{self.field}__{bound}": value}) & (
            Q(**{f"{self.field}__{op}": value}) | Q(**{self.field: value, f"id__{op}": pk})
        )

    def key(self, row) -> tuple:
        return getattr(row, self.field), row.pk

    def dump(self, value) -> str:
        return value.astimezone(UTC).isoformat() if self.is_time else str(value)

    def load(self, value: str):
        return parse_utc(value) if self.is_time else value


NEWEST = Order("-published", "published_at", descending=True)
LATEST_CHANGE = Order("-modified", "modified_at", descending=True)
OLDEST_CHANGE = Order("modified", "modified_at", descending=False)
ORDERS = {order.name: order for order in (NEWEST, LATEST_CHANGE, OLDEST_CHANGE)}
BY_NAME = Order("name", "name", descending=False, is_time=False)


def encode(order: Order, value, pk: int) -> str:
    raw = json.dumps([order.name, order.dump(value), pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(order: Order, cursor: str) -> tuple:
    """The position in `cursor`. Raises `ValidationError` (400) for a cursor that is not
    one of ours or was made for another order."""
    position = None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, value, pk = json.loads(raw)
        if name == order.name and isinstance(value, str) and type(pk) is int and pk > 0:
            loaded = order.load(value)
            position = (loaded, pk) if loaded is not None else None
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError, OverflowError):
        position = None
    if position is None:
        raise ValidationError({"cursor": "Not a cursor of this list; start again without it."})
    return position


@dataclass(frozen=True)
class Page:
    rows: list
    next_cursor: str | None


def page_size(value: str | None) -> int:
    """The `limit` parameter, checked: 1 to NEWSAPI_MAX_PAGE_SIZE (default NEWSAPI_PAGE_SIZE)."""
    if value in (None, ""):
        return conf.get("NEWSAPI_PAGE_SIZE")
    ceiling = conf.get("NEWSAPI_MAX_PAGE_SIZE")
    if not value.isdigit() or not 1 <= int(value) <= ceiling:
        raise ValidationError({"limit": f"A whole number from 1 to {ceiling}."})
    return int(value)


def paginate(queryset: QuerySet, *, order: Order, cursor: str | None, size: int) -> Page:
    """The page of `queryset` in `order` that follows `cursor` (the first page without one)."""
    queryset = order.prepare(queryset)
    if cursor:
        queryset = queryset.filter(order.after(*decode(order, cursor)))
    rows = list(queryset[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return Page(rows, encode(order, *order.key(rows[-1])) if more else None)


def modified_since(moment: datetime) -> Q:
    """Stories whose last public change (update, else first publication) is at or after
    `moment`; written without the annotation so each half can use an index."""
    return Q(updated_at__gte=moment) | Q(updated_at__isnull=True, published_at__gte=moment)
