"""Filters of the story lists, one class per query parameter.

Each is a REST framework filter backend: it narrows the queryset of live stories and
describes its parameter, so the OpenAPI description is generated from the same class that
applies it. A value that cannot mean anything (a malformed time, an over-long query) is a
400, never an empty list that looks like an answer.
"""

from __future__ import annotations

import re

from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from articles.search import MAX_QUERY_CHARS, search_publications

from .paging import modified_since, parse_utc

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


class QueryParameterFilter(BaseFilterBackend):
    """A filter on one query parameter: subclasses set `param`, `description` and
    `schema`, and implement `apply(queryset, value)`."""

    param: str
    description: str
    schema: dict = {"type": "string"}

    def filter_queryset(self, request, queryset: QuerySet, view) -> QuerySet:
        value = request.query_params.get(self.param)
        if value in (None, ""):
            return queryset
        return self.apply(queryset, value)

    def apply(self, queryset: QuerySet, value: str) -> QuerySet:
        raise NotImplementedError

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.param,
                "in": "query",
                "required": False,
                "description": self.description,
                "schema": self.schema,
            }
        ]


class _SlugFilter(QueryParameterFilter):
    lookup: str
    schema = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 200}

    def apply(self, queryset: QuerySet, value: str) -> QuerySet:
        if len(value) > 200 or not re.fullmatch(SLUG_PATTERN, value):
            raise ValidationError({self.param: "A slug: letters, digits, hyphens, underscores."})
        return queryset.filter(**{self.lookup: value})


class SectionFilter(_SlugFilter):
    param, lookup = "section", "section__slug"
    description = "Only stories in the section with this slug (see /api/v1/sections/)."


class TagFilter(_SlugFilter):
    param, lookup = "tag", "tags__slug"
    description = "Only stories with the tag with this slug."


class AuthorFilter(_SlugFilter):
    param, lookup = "author", "bylines__person__slug"
    description = "Only stories with this person on the byline (a slug from /api/v1/people/)."


class UpdatedSinceFilter(QueryParameterFilter):
    param = "updated_since"
    description = (
        "Only stories first published or last updated at or after this time (RFC 3339, "
        "with an offset). With `order=modified`, the way to follow every change."
    )
    schema = {"type": "string", "format": "date-time"}

    def apply(self, queryset: QuerySet, value: str) -> QuerySet:
        moment = parse_utc(value)
        if moment is None:
            raise ValidationError(
                {self.param: "A date and time with its offset, e.g. 2025-01-04T12:00:00Z."}
            )
        return queryset.filter(modified_since(moment))


class SearchFilter(QueryParameterFilter):
    param = "q"
    description = (
        "Only stories matching these words (the site's search: full text on PostgreSQL, "
        "every word in headline, dek or body elsewhere)."
    )
    schema = {"type": "string", "maxLength": MAX_QUERY_CHARS}

    def apply(self, queryset: QuerySet, value: str) -> QuerySet:
        if len(value) > MAX_QUERY_CHARS:
            raise ValidationError({self.param: f"At most {MAX_QUERY_CHARS} characters."})
        return queryset.filter(pk__in=search_publications(value).values("pk"))


STORY_FILTERS = [SectionFilter, TagFilter, AuthorFilter, UpdatedSinceFilter, SearchFilter]
