from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "newsapi.webhooks"
    label = "newsapi_webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  at app loading: connects the story signals
