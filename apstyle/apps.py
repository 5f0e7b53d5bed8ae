"""Django app configuration for the AP style checker."""

from __future__ import annotations

from django.apps import AppConfig


class ApStyleConfig(AppConfig):
    name = "apstyle"
    verbose_name = "AP style"
    default_auto_field = "django.db.models.BigAutoField"
