"""Admin parts for a large archive: change lists and story pages whose queries do not grow
with the number of stories, or with the number of bylines, credits and links in one. Not
a screen: `story` and `log` use them."""

from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.paginator import Paginator
from django.db import connection
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property


class ArchivePaginator(Paginator):
    """The change list's paginator for a large archive: on PostgreSQL an unfiltered list
    takes its length from the planner's estimate (kept by autovacuum) instead of COUNT(*),
    which reads the whole table on every page view. Filtered lists are counted exactly."""

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if connection.vendor == "postgresql" and not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] > 10_000:
                return row[0]
        return super().count


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that names its selected object from `preloaded` ({"pk": object}),
    filled once for a whole inline formset, instead of with one query per row."""

    preloaded: dict | None = None

    def optgroups(self, name, value, attr=None):
        if self.preloaded is None:
            return super().optgroups(name, value, attr)
        groups = super().optgroups(name, [], attr)  # the empty choice only: no query
        options = groups[0][1]
        for key in value:
            obj = self.preloaded.get(str(key))
            if obj is not None:
                label = self.choices.field.label_from_instance(obj)
                options.append(self.create_option(name, obj.pk, label, True, len(options)))
        return groups


class PreloadingInlineFormSet(BaseInlineFormSet):
    """Loads the people, organisations and stories its rows point to with one query per
    field for the whole formset (a story can have dozens of credits and links)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.is_bound:
            return form  # re-shown after an error: name what was posted, row by row
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, PreloadedAutocompleteSelect):
                widget.preloaded = self._preloaded(name, field)
        return form

    def _preloaded(self, name: str, field) -> dict:
        """The objects the rows' `name` points to, by primary key: taken from the rows
        (the inline selects them with the rows), else loaded in one query."""
        cache = self.__dict__.setdefault("_preloaded_objects", {})
        if name not in cache:
            relation = self.model._meta.get_field(name)
            rows = [row for row in self.get_queryset() if getattr(row, relation.attname)]
            if all(relation.is_cached(row) for row in rows):
                cache[name] = {
                    str(getattr(row, relation.attname)): getattr(row, name) for row in rows
                }
            else:
                ids = {getattr(row, relation.attname) for row in rows}
                cache[name] = {str(pk): obj for pk, obj in field.queryset.in_bulk(ids).items()}
        return cache[name]


class PreloadedInlineMixin:
    """An inline whose rows come with the objects they point to (their names are shown in
    each row and in its autocomplete widgets) instead of one query per row and field."""

    formset = PreloadingInlineFormSet

    def get_queryset(self, request):
        related = self.get_autocomplete_fields(request)
        return super().get_queryset(request).select_related(*related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
