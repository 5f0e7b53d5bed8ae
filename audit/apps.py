from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # In ready(), not at the top: the receivers import the models, which exist only once
        # the app registry is loaded.
        from . import receivers  # noqa: F401  connects the signal receivers
