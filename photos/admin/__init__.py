"""The photo library in the Django admin: upload (one or many), a list with thumbnails,
search and filters, a change form with a focal-point picker, a chooser for other forms,
and deletion refused while something uses the photo.

Saving and deleting go through `photos.services`, so the admin behaves as any other
caller. Permissions are the model's: add (upload), change, view, delete.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .. import conf
from ..exceptions import PhotoInUse
from ..models import Photo
from ..services import EDITABLE_FIELDS, photo_delete, photo_update, rendition_get_or_create
from ..usage import usages_of
from . import views
from .forms import PhotoChangeForm


class AltTextFilter(admin.SimpleListFilter):
    title = "alt text"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", "Missing"), ("present", "Written"), ("decorative", "Decorative")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing_alt()
        if self.value() == "present":
            return queryset.exclude(alt_text="")
        if self.value() == "decorative":
            return queryset.filter(decorative=True)
        return queryset


class LicenceFilter(admin.SimpleListFilter):
    title = "licence"
    parameter_name = "licence"

    def lookups(self, request, model_admin):
        return [
            ("url", "Has a licence URL"),
            ("terms", "Has usage terms"),
            ("none", "No licence or terms"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "url":
            return queryset.exclude(license_url="")
        if self.value() == "terms":
            return queryset.exclude(usage_terms="")
        if self.value() == "none":
            return queryset.filter(license_url="", usage_terms="")
        return queryset


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoChangeForm
    list_display = ["thumbnail", "title", "credit", "source", "alt_status", "uploaded_by",
                    "uploaded_at"]
    list_display_links = ["thumbnail", "title"]
    list_select_related = ["uploaded_by", "creator"]
    list_filter = [
        "source", LicenceFilter, AltTextFilter,
        ("uploaded_by", admin.RelatedOnlyFieldListFilter), "uploaded_at", "format",
    ]
    search_fields = ["title", "caption", "alt_text", "credit", "creator_name", "creator__name",
                     "original_filename"]
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    autocomplete_fields = ["creator"]
    readonly_fields = ["dimensions", "stored_file", "original_filename", "uploaded",
                       "embedded", "used_by"]
    fieldsets = [
        (None, {"fields": ["focal_point", ("focal_x", "focal_y", "focal_width", "focal_height")]}),
        ("Description", {"fields": ["title", "alt_text", "decorative", "caption"]}),
        ("Credit and rights", {"fields": [
            "credit", "creator", "creator_name", "copyright_notice", "usage_terms",
            "license_url", "source", "date_taken",
        ]}),
        ("File", {"classes": ["collapse"], "fields": [
            "dimensions", "stored_file", "original_filename", "uploaded", "embedded",
        ]}),
        ("Used by", {"fields": ["used_by"]}),
    ]

    class Media:
        css = {"all": ["photos/admin/photos.css"]}
        js = ["photos/admin/focal-point.js", "photos/admin/chooser.js"]

    # Screens.

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("choose/", wrap(self.chooser_view), name="photos_photo_chooser"),
            path("choose/<int:pk>/", wrap(self.chosen_view), name="photos_photo_chosen"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """Adding a photo is uploading it: the fields come from the file, then the
        change form."""
        return views.upload(self, request)

    def chooser_view(self, request):
        return views.chooser(self, request)

    def chosen_view(self, request, pk):
        return views.chosen(self, request, pk)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            return form
        preview = rendition_get_or_create(photo=obj, spec=conf.get("PHOTOS_PREVIEW"))

        class WithPreview(form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, preview=preview, **form_kwargs)

        return WithPreview

    # Saving and deleting through the services.

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        changes = {name: data[name] for name in EDITABLE_FIELDS if name in data}
        photo_update(photo=obj, user=request.user, **changes)
        if not obj.is_accessible:
            messages.warning(
                request,
                f"“{obj.title}” has no alt text yet: a story using it cannot be approved "
                "until it has (or the photo is marked decorative).",
            )

    def get_deleted_objects(self, objs, request):
        """Photos something still uses are listed as protected, so the delete page and
        the bulk action refuse, naming the users."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for photo in objs:
            for usage in usages_of(photo):
                protected.append(f"“{photo.title}” is used by {usage.label}")
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        photo_delete(photo=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        try:
            with transaction.atomic():
                for photo in queryset:
                    photo_delete(photo=photo, user=request.user)
        except PhotoInUse as refused:
            # Only in a race with whatever started using the photo after the confirm page.
            messages.error(request, str(refused))

    # Columns and read-only fields.

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions(conf.get("PHOTOS_THUMBNAIL"))

    @admin.display(description="Photo")
    def thumbnail(self, photo):
        rendition = rendition_get_or_create(photo=photo, spec=conf.get("PHOTOS_THUMBNAIL"))
        return format_html(
            '<img class="photo-thumbnail" src="{}" width="{}" height="{}" alt="" loading="lazy">',
            rendition.url, rendition.width, rendition.height,
        )

    @admin.display(description="Alt text", ordering="alt_text")
    def alt_status(self, photo):
        if photo.decorative:
            return "Decorative"
        if photo.alt_text:
            return "Written"
        return mark_safe('<strong class="photo-alt-missing">Missing</strong>')

    @admin.display(description="Size")
    def dimensions(self, photo):
        animated = ", animated" if photo.animated else ""
        return (
            f"{photo.width} x {photo.height} px, {photo.format.upper()}{animated}, "
            f"{filesizeformat(photo.file_size)}"
        )

    @admin.display(description="Stored file")
    def stored_file(self, photo):
        return format_html(
            '<a href="{}">Original</a> (location and camera details removed)', photo.file.url
        )

    @admin.display(description="Uploaded")
    def uploaded(self, photo):
        who = photo.uploaded_by.get_username() if photo.uploaded_by else "unknown"
        return f"{photo.uploaded_at:%Y-%m-%d %H:%M} by {who}"

    @admin.display(description="The file said")
    def embedded(self, photo):
        if not photo.embedded_metadata:
            return "Nothing (no credit, caption or date in the file)."
        return format_html_join(
            "", "<div><strong>{}</strong>: {}</div>",
            ((key.replace("_", " "), value) for key, value in photo.embedded_metadata.items()),
        )

    @admin.display(description="Used by")
    def used_by(self, photo):
        usages = usages_of(photo)
        if not usages:
            return "Nothing yet."
        return format_html_join(
            "", "<div>{}</div>",
            ((format_html('<a href="{}">{}</a>', u.url, u.label) if u.url else u.label,)
             for u in usages),
        )
