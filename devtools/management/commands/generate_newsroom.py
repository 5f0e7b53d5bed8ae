from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.synthetic import generate


class Command(BaseCommand):
    help = (
        "Write a synthetic newsroom archive in bulk for benchmarks: stories with bylines, "
        "credits, related links, tags, corrections, several django-reversion revisions each, "
        "a mix of workflow states, and publications spread over 15 years. Adds to what is "
        "in the database; run it while nothing else writes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many stories.")
        parser.add_argument(
            "--contributors", type=int, default=None,
            help="How many new people to name on bylines and credits (default: stories / 4).",
        )  # fmt: skip
        parser.add_argument(
            "--seed", type=int, default=0, help="The same seed writes the same archive."
        )
        parser.add_argument(
            "--revisions-per-article", type=int, default=3,
            help="Revisions per story (default 3; 10 gives 1,000,000 at 100,000 stories). A "
            "story's workflow may need one or two more when this is very small.",
        )  # fmt: skip
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Stories per transaction (default 500)."
        )

    def handle(self, *args, **options):
        if options["articles"] < 0 or options["batch_size"] < 1:
            raise CommandError("--articles must be at least 0 and --batch-size at least 1.")
        verbosity = options["verbosity"]
        # With DEBUG on, Django keeps and formats every statement; a bulk load wants neither.
        settings.DEBUG = False

        def progress(done: int, seconds: float) -> None:
            if verbosity > 1 or (verbosity == 1 and done % 10_000 < options["batch_size"]):
                self.stderr.write(f"{done:,} stories in {seconds:.1f} s")

        summary = generate(
            articles=options["articles"],
            contributors=options["contributors"],
            seed=options["seed"],
            revisions_per_article=options["revisions_per_article"],
            batch_size=options["batch_size"],
            progress=progress,
        )
        states = ", ".join(f"{name} {count:,}" for name, count in sorted(summary.states.items()))
        self.stdout.write(
            f"Wrote {summary.articles:,} stories ({states}), {summary.revisions:,} revisions, "
            f"{summary.versions:,} versions and {summary.people:,} people in "
            f"{summary.seconds:.1f} s ({summary.articles / max(summary.seconds, 1e-9):,.0f} "
            "stories/s)."
        )
