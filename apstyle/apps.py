"""Django app configuration for the AP style checker."""

from __future__ import annotations

from django.apps import AppConfig


class ApStyleConfig(AppConfig):
    name = "apstyle"
    verbose_name = "AP style"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The checker works on its own; checking saved stories needs the articles app.
        # Imported here, not at the top: the receivers import models, which only exist
        # once the app registry is ready (Django's documented place to connect signals).
        if self.apps.is_installed("articles"):
            from . import receivers  # noqa: F401  connects its receivers
