from django.conf import settings
from django.core.management.base import BaseCommand

from newsroom.demo.content import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo stories and the development users reporter and editor (idempotent)."

    def handle(self, *args, **options):
        users = settings.NEWSROOM_DEMO_USERS
        article, created = load_demo(users=users)
        self.stdout.write(
            ("Loaded the demo stories." if created else "Demo stories already loaded.")
            + f" Reference story: {article.public_path()}"
        )
        if not users:
            self.stdout.write("No development users: NEWSROOM_DEMO_USERS is off (production).")
            return
        self.stdout.write(
            f"Development users (password “{DEMO_PASSWORD}”): "
            "reporter (Reporters), editor (Editors)."
        )
