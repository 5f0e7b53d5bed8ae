"""`manage.py import_story`: the importer (`services.story_import`) at the command line."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from articles.exceptions import StoryError
from articles.services import story_import
from articles.times import local_and_utc, parse_schedule_time

# What the importer asks of its caller (its `StoryError` codes), said in this command's
# flags; `%(name)s` takes the error's params.
_IN_FLAGS = {
    "publish_and_schedule": "Publish now or at a time, not both: drop --publish or --publish-at.",
    "embargoed": (
        "The story is embargoed until %(until)s: schedule it with --publish-at instead of "
        "--publish."
    ),
    "no_headline": "A headline is needed: pass --headline.",
    "no_byline": "No byline found: the story has no bio line or “By” line. Pass --author NAME.",
    "ambiguous_person": (
        "Several people are called “%(name)s”: %(people)s. Pass --author slug:SLUG (or "
        "--author id:ID) for the one you mean."
    ),
}


def _in_flags(error: StoryError) -> str:
    code = getattr(error, "code", None)
    if code in _IN_FLAGS:
        return _IN_FLAGS[code] % (error.params or {})
    return " ".join(error.messages)


class Command(BaseCommand):
    help = (
        "Import a plain-text wire story (body, byline from the bio line, credits from the "
        "contributor line) and print its public URL path."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A UTF-8 text file, or - for standard input.")
        parser.add_argument("--headline", default="", help="The story's headline.")
        parser.add_argument("--section", default="News", help="Section name (created if new).")
        parser.add_argument("--dek", default="", help="Summary line under the headline.")
        parser.add_argument(
            "--author", action="append", default=[],
            help="Byline name, or a person's id:ID or slug:SLUG (needed when several people "
            "share the name); repeat for several.",
        )
        parser.add_argument("--tag", action="append", default=[], help="Topic; repeatable.")
        parser.add_argument("--user", default="", help="Username to record as the importer.")
        parser.add_argument("--publish", action="store_true", help="Publish it at once.")
        parser.add_argument(
            "--publish-at", metavar="ISO-8601", default="",
            help="Schedule it to go live then, e.g. 2026-03-08T09:30-05:00 or "
            "2026-03-08T14:30Z. Without an offset the time is newsroom time (TIME_ZONE); "
            "a local time skipped or repeated at a daylight-saving change is refused. A time "
            "already past publishes at once.",
        )
        parser.add_argument(
            "--embargo-until", metavar="ISO-8601", default="",
            help="Nobody may publish it before then (same format as --publish-at).",
        )

    def handle(self, *args, **options):
        path = options["path"]
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {path}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text: {error}") from error
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
        times = {}
        for option in ("publish_at", "embargo_until"):
            if options[option]:
                try:
                    times[option] = parse_schedule_time(options[option])
                except StoryError as error:
                    flag = "--" + option.replace("_", "-")
                    raise CommandError(f"{flag}: {' '.join(error.messages)}") from error
        try:
            article = story_import(
                text=text,
                headline=options["headline"],
                section_name=options["section"],
                dek=options["dek"],
                authors=tuple(options["author"]),
                tags=tuple(options["tag"]),
                user=user,
                publish=options["publish"],
                source=Path(path).name if path != "-" else "standard input",
                **times,
            )
        except StoryError as error:
            raise CommandError(_in_flags(error)) from error
        except PermissionDenied as error:  # the --user may not approve, publish or schedule
            raise CommandError(str(error)) from error
        if article.publish_at:
            state = f"scheduled for {local_and_utc(article.publish_due_at)}"
        elif article.is_live:
            state = "published"
        else:
            state = "saved as a draft"
        if article.embargo_until:
            state += f", embargoed until {local_and_utc(article.embargo_until)}"
        self.stdout.write(f"Imported “{article.headline}” ({state}).")
        self.stdout.write(article.public_path())
