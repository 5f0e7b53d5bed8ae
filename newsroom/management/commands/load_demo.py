from django.core.management.base import BaseCommand

from newsroom.demo.content import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo stories and the development users reporter and editor (idempotent)."

    def handle(self, *args, **options):
        article, created = load_demo()
        self.stdout.write(
            ("Loaded the demo stories." if created else "Demo stories already loaded.")
            + f" Reference story: {article.public_path()}"
        )
        self.stdout.write(
            f"Development users (password “{DEMO_PASSWORD}”): reporter (Reporters), editor (Editors)."
        )
