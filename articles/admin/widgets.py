"""Widgets of the story form for library photos: the lead photo's field, which looks
photos up in the library's chooser and shows the chosen one, and the body editor with
the `NewsPhoto` node (`articles.sanitize`)."""

from __future__ import annotations

from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.templatetags.static import static
from django.urls import reverse
from django_prose_editor.widgets import AdminProseEditorWidget

from photos.admin.views import chosen_data
from photos.models import Photo

EDITOR_PHOTO_MODULE = "articles/editor/news-photo.js"


class BodyEditorWidget(AdminProseEditorWidget):
    """django-prose-editor's admin widget, with the script of the `NewsPhoto` node added
    to the modules the configurable preset loads (a site setting would do the same for
    every editor of the site; this keeps it to the story body)."""

    def get_config(self):
        config = super().get_config()
        modules = list(config.get("js_modules") or [])
        config["js_modules"] = [*modules, static(EDITOR_PHOTO_MODULE)]
        return config


class LeadPhotoWidget(ForeignKeyRawIdWidget):
    """The photo's id, a lookup that opens the photo library's chooser (which fills the
    id in), and a preview of the chosen photo with its credit and whether it has alt text
    (`static/articles/admin-photos.js` keeps it up to date)."""

    template_name = "admin/articles/widgets/lead_photo.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context.get("related_url"):
            context["related_url"] = reverse(
                "admin:photos_photo_chooser", current_app=self.admin_site.name
            ) + "?_to_field=id"
            context["link_title"] = "Choose a photo from the library"
        context["chosen_url"] = reverse(
            "admin:photos_photo_chosen", args=[0], current_app=self.admin_site.name
        )
        photo = None
        if str(value or "").isdigit():
            photo = Photo.objects.filter(pk=int(value)).first()
        context["photo"] = chosen_data(photo) if photo is not None else None
        return context
