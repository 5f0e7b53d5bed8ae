"""Forms of the photo library's admin: the upload form (one file or many) and the change
form with its focal-point picker."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html

from .. import conf, imaging
from ..models import Photo


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"multiple": True, "accept": "image/*"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        return [single(data or None, initial)]  # none chosen: "This field is required."


class UploadForm(forms.Form):
    files = MultipleFileField(label="Photos")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = conf.get("PHOTOS_MAX_UPLOAD_BYTES")
        most = getattr(settings, "DATA_UPLOAD_MAX_NUMBER_FILES", None) or "any number of"
        self.fields["files"].help_text = (
            f"{imaging.describe_accepted()}; up to {filesizeformat(limit)} and "
            f"{conf.get('PHOTOS_MAX_PIXELS') / 1e6:.0f} megapixels each. Choose several "
            f"files (up to {most}) to upload them together. Credits, captions and the date "
            "taken are read from the files; location and camera details are removed."
        )


class FocalPointPicker(forms.Widget):
    """The photo's preview; clicking it sets the focal point inputs, dragging sets an area
    (static/photos/admin/focal-point.js: the site's CSP allows no inline script). The
    number inputs stay, for keyboard users and exact values."""

    def __init__(self, preview_url: str = "", width: int = 0, height: int = 0):
        super().__init__()
        self.preview_url, self.width, self.height = preview_url, width, height

    def render(self, name, value, attrs=None, renderer=None):
        if not self.preview_url:
            return ""
        return format_html(
            '<div class="photo-focal" data-photo-focal>'
            '<img src="{}" width="{}" height="{}" alt="" draggable="false">'
            '<span class="photo-focal-area" hidden></span>'
            '<span class="photo-focal-point" hidden></span></div>'
            '<p class="photo-focal-help">Click the part of the photo that must stay in every '
            "crop, or drag across the area that matters. "
            '<button type="button" class="button" data-photo-focal-clear>Clear</button></p>',
            self.preview_url, self.width, self.height,
        )

    def value_from_datadict(self, data, files, name):
        return None


class PhotoChangeForm(forms.ModelForm):
    focal_point = forms.CharField(
        label="Focal point", required=False, widget=FocalPointPicker()
    )
    license_url = forms.URLField(
        label="Licence URL", required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Photo
        fields = [
            "title", "alt_text", "decorative", "caption", "credit", "creator", "creator_name",
            "copyright_notice", "usage_terms", "license_url", "source", "date_taken",
            "focal_x", "focal_y", "focal_width", "focal_height",
        ]
        widgets = {
            "alt_text": forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
            "caption": forms.Textarea(attrs={"rows": 3}),
            "usage_terms": forms.Textarea(attrs={"rows": 2}),
            **{
                name: forms.NumberInput(attrs={"step": "0.0001", "min": "0", "max": "1"})
                for name in ("focal_x", "focal_y", "focal_width", "focal_height")
            },
        }

    def __init__(self, *args, preview=None, **kwargs):
        super().__init__(*args, **kwargs)
        if preview is not None:
            self.fields["focal_point"].widget = FocalPointPicker(
                preview.url, preview.width, preview.height
            )
