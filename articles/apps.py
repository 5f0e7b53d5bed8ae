from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers, versioning  # noqa: F401  register models and receivers
        from .caching import connect as connect_cache_invalidation

        connect_cache_invalidation()
