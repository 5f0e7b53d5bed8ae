from django.apps import AppConfig


class ContributorsConfig(AppConfig):
    name = "contributors"
    verbose_name = "Contributors"
    default_auto_field = "django.db.models.BigAutoField"
