"""Integer lookups with a value no column can hold match nothing, on every database.

Django range-checks `exact`, `gt`, `gte`, `lt` and `lte` on integer fields (ticket #27397,
Django 5.0) but not `in`, nor any lookup through a foreign key: on SQLite
`Article.objects.filter(section=2**63)` or `filter(pk__in=[2**63])` raises OverflowError
(its driver cannot bind the value), where PostgreSQL simply finds nothing. Ids reach
queries from addresses and query strings (the admin's list filters accept
`?section__exact=…` for any filtered relation, on Django's own `UserAdmin` too), so an id
nobody could have must give an empty result, never a server error.

`register()` (called from `NewsroomConfig.ready`) installs the lookups below for every
model: the same semantics as Django's own integer lookups (`EmptyResultSet` when nothing
can match; `FullResultSet` for a bound every value passes), extended to `in` and to
relations whose target is an integer column.
"""

from __future__ import annotations

from contextlib import suppress

from django.core.exceptions import EmptyResultSet, FieldError, FullResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import (
    RelatedExact,
    RelatedGreaterThan,
    RelatedGreaterThanOrEqual,
    RelatedIn,
    RelatedLessThan,
    RelatedLessThanOrEqual,
)
from django.db.models.lookups import In


def _bounds(lhs, connection) -> tuple[int | None, int | None] | None:
    """The range of the integer column `lhs` compares, or None for another kind."""
    field = getattr(lhs, "output_field", None)
    # A relation compares the column it points to; not a relation, or one of several
    # columns: the field itself.
    with suppress(AttributeError, FieldError):
        field = field.target_field
    if not isinstance(field, IntegerField):
        return None
    try:
        return connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:  # an integer type this backend does not list: leave it to the database
        return None


def _outside(value, bounds) -> str | None:
    """"below" or "above" when `value` is an integer outside `bounds`, else None."""
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    low, high = bounds
    if low is not None and value < low:
        return "below"
    if high is not None and value > high:
        return "above"
    return None


class _OneValueInRange:
    """For a lookup on one value: out of range is no row (or every row, for a bound that
    every value passes), decided before the database sees the value."""

    below: type[Exception] = EmptyResultSet
    above: type[Exception] = EmptyResultSet

    def process_rhs(self, compiler, connection):
        bounds = _bounds(self.lhs, connection)
        side = _outside(self.rhs, bounds) if bounds else None
        if side is not None:
            raise getattr(self, side)
        return super().process_rhs(compiler, connection)


class _ValuesInRange:
    """For `in`: values out of range match nothing, so they are dropped (`In` answers an
    empty list with no rows)."""

    def process_rhs(self, compiler, connection):
        bounds = _bounds(self.lhs, connection)
        if bounds and self.rhs_is_direct_value():
            self.rhs = [value for value in self.rhs if _outside(value, bounds) is None]
        return super().process_rhs(compiler, connection)


class RelatedExactInRange(_OneValueInRange, RelatedExact):
    pass


class RelatedGreaterThanInRange(_OneValueInRange, RelatedGreaterThan):
    below = FullResultSet


class RelatedGreaterThanOrEqualInRange(_OneValueInRange, RelatedGreaterThanOrEqual):
    below = FullResultSet


class RelatedLessThanInRange(_OneValueInRange, RelatedLessThan):
    above = FullResultSet


class RelatedLessThanOrEqualInRange(_OneValueInRange, RelatedLessThanOrEqual):
    above = FullResultSet


class RelatedInRange(_ValuesInRange, RelatedIn):
    pass


class IntegerInRange(_ValuesInRange, In):
    pass


def register() -> None:
    """Install the lookups above in place of Django's (idempotent)."""
    for lookup in (
        RelatedExactInRange,
        RelatedGreaterThanInRange,
        RelatedGreaterThanOrEqualInRange,
        RelatedLessThanInRange,
        RelatedLessThanOrEqualInRange,
        RelatedInRange,
    ):
        ForeignObject.register_lookup(lookup)
    IntegerField.register_lookup(IntegerInRange)
