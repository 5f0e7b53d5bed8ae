from django.apps import AppConfig


class NewsApiConfig(AppConfig):
    name = "newsapi"
    verbose_name = "News API"
    default_auto_field = "django.db.models.BigAutoField"
