from django.apps import AppConfig

from . import lookups


class NewsroomConfig(AppConfig):
    """The demo site itself: demo content and site-level commands. Host sites install
    `articles` and `contributors`, not this."""

    name = "newsroom"
    verbose_name = "Newsroom site"

    def ready(self) -> None:
        # Ids typed into addresses never reach the database as integers it cannot hold.
        lookups.register()
