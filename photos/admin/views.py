"""The photo library's own admin screens: upload (one file or many) and the chooser.

Each view is wrapped by `admin_site.admin_view` (staff login, CSRF, no caching) in
`PhotoAdmin.get_urls` and checks the model permission it needs itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .. import conf
from ..exceptions import InvalidUpload
from ..models import Photo
from ..services import photo_create_from_upload, renditions_for
from .forms import UploadForm

CHOOSER_PAGE_SIZE = 24


@dataclass
class Outcome:
    """What became of one uploaded file."""

    name: str
    photo: Photo | None = None
    created: bool = False
    error: str = ""


def upload(model_admin, request: HttpRequest) -> HttpResponse:
    """Upload one photo or many. One new photo opens its change form (to check the
    prefilled credit and add alt text); several list what became of each file. Each file
    is its own transaction: a refused file leaves nothing, and does not stop the others."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    outcomes: list[Outcome] = []
    if form.is_bound and form.is_valid():
        outcomes = [_upload_one(model_admin, request, file) for file in form.cleaned_data["files"]]
        if len(outcomes) == 1:
            [outcome] = outcomes
            if outcome.photo is not None:
                _tell(request, outcome)
                return redirect(reverse("admin:photos_photo_change", args=[outcome.photo.pk]))
            form.add_error("files", outcome.error)
            outcomes = []
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Photo._meta,
        "title": "Upload photos",
        "form": form,
        "outcomes": outcomes,
        "uploaded": [o.photo.pk for o in outcomes if o.photo is not None],
        "failed": [o for o in outcomes if o.error],
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/photos/photo/upload.html", context)


def _upload_one(model_admin, request: HttpRequest, file) -> Outcome:
    try:
        photo, created = photo_create_from_upload(file=file, user=request.user)
    except InvalidUpload as error:
        return Outcome(file.name, error=str(error))
    if created:
        # Its own transaction: the admin's record of the addition stands with the photo.
        with transaction.atomic():
            model_admin.log_addition(request, photo, [{"added": {}}])
    return Outcome(file.name, photo, created)


def _tell(request: HttpRequest, outcome: Outcome) -> None:
    photo = outcome.photo
    if not outcome.created:
        messages.info(
            request,
            f"This file is already in the library as “{photo.title}”: here it is.",
        )
        return
    facts = (("credit", photo.credit), ("caption", photo.caption), ("date", photo.date_taken))
    read = [label for label, value in facts if value]
    said = f" The {', '.join(read)} came from the file: check them." if read else ""
    messages.success(
        request, f"Uploaded “{photo.title}”.{said} Add alt text before it runs in a story."
    )


def chooser(model_admin, request: HttpRequest) -> HttpResponse:
    """A searchable page of photos to choose one from, for a popup or a frame opened by a
    story's form or the editor. Choosing posts a `photos:chosen` message with the photo's
    data to the opener (static/photos/admin/chooser.js); a Django raw-id popup gets the id
    the usual way."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    photos = (
        Photo.objects.select_related("creator")
        .with_renditions(conf.get("PHOTOS_THUMBNAIL"), conf.get("PHOTOS_PREVIEW"))
        .order_by("-uploaded_at", "-id")
    )
    if query:
        photos = photos.search(query)
    page = Paginator(photos, CHOOSER_PAGE_SIZE).get_page(request.GET.get("p"))
    choices = [(data, json.dumps(data)) for data in map(chosen_data, page.object_list)]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Photo._meta,
        "title": "Choose a photo",
        "query": query,
        "page": page,
        "choices": choices,
        "is_popup": "_popup" in request.GET,
        "to_field": request.GET.get("_to_field", ""),
        "media": model_admin.media,
    }
    return TemplateResponse(request, "admin/photos/photo/chooser.html", context)


def chosen(model_admin, request: HttpRequest, pk: int) -> JsonResponse:
    """The chosen photo's data as JSON (what the chooser posts), for a form or the editor
    that has only the id."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    photo = get_object_or_404(Photo.objects.select_related("creator"), pk=pk)
    return JsonResponse(chosen_data(photo))


def chosen_data(photo: Photo) -> dict:
    """What a chooser hands back: id, text fields, accessibility, thumbnail and preview."""
    found = renditions_for(
        photo=photo, specs=[conf.get("PHOTOS_THUMBNAIL"), conf.get("PHOTOS_PREVIEW")]
    )
    thumbnail, preview = found.values()
    return {
        "id": photo.pk,
        "title": photo.title,
        "alt": photo.alt,
        "decorative": photo.decorative,
        "accessible": photo.is_accessible,
        "caption": photo.caption,
        "credit": photo.credit,
        "width": photo.width,
        "height": photo.height,
        "thumbnail": thumbnail.url,
        "preview": {"url": preview.url, "width": preview.width, "height": preview.height},
        "edit_url": reverse("admin:photos_photo_change", args=[photo.pk]),
    }
