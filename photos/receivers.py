"""What the photos app does when its own signals fire (all sent after commit). Connected in
`PhotosConfig.ready`.

A broker outage must not turn a saved upload into an error page: a task that cannot be
queued is logged and dropped. Renditions are then made on demand the first time a page
asks for them; replaced files stay in storage (harmless, and unlinked).
"""

from __future__ import annotations

import logging

from django.dispatch import receiver

from . import conf
from .models import Photo
from .signals import photo_changed, photo_uploaded
from .tasks import photo_files_delete, photo_renditions_make

logger = logging.getLogger(__name__)

# Queueing should take a moment; give up quickly rather than hold up the request.
_ENQUEUE_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


@receiver(photo_uploaded, sender=Photo, dispatch_uid="photos.renditions_after_upload")
def renditions_after_upload(sender, photo, **kwargs) -> None:
    _queue(photo_renditions_make, (photo.pk,), what=f"renditions of photo {photo.pk}")


@receiver(photo_changed, sender=Photo, dispatch_uid="photos.renditions_after_change")
def renditions_after_change(sender, photo, replaced_files, **kwargs) -> None:
    if not replaced_files:
        return
    _queue(photo_renditions_make, (photo.pk,), what=f"renditions of photo {photo.pk}")
    _queue(
        photo_files_delete, (replaced_files,), what=f"deleting replaced files of photo {photo.pk}",
        countdown=conf.get("PHOTOS_STALE_FILE_SECONDS"),
    )


def _queue(task, args: tuple, *, what: str, countdown: float | None = None) -> None:
    try:
        task.apply_async(args, countdown=countdown, retry=True, retry_policy=_ENQUEUE_RETRY)
    except Exception:
        logger.warning("Could not queue %s; it will be done on demand.", what, exc_info=True)
