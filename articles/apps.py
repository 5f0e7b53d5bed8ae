from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import the models, which exist only
        # once the app registry is loaded (app loading imports this module first).
        from . import receivers, versioning  # noqa: F401  register models and receivers
        from .caching import connect as connect_cache_invalidation

        connect_cache_invalidation()
