from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The demo site itself: demo content and site-level commands. Host sites install
    `articles` and `contributors`, not this."""

    name = "newsroom"
    verbose_name = "Newsroom site"
