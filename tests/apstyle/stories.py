"""Stories with known AP style slips, for the workflow integration tests and the browser
tests. Models are imported inside the functions: the conftest imports this module, and the
engine's tests run without Django."""

from __future__ import annotations

# Errors, each with a safe fix: "Sept" (AP-DATE-03), "5 percent" (AP-NUM-05, twice), "the
# the" in the bio line (NR-DOUBLED-WORD). The doubled "the" across <em> is an error whose
# span crosses markup, so no fix is written for it; "3 people" is a warning.
HEADLINE = "Mayor signs budget"
DEK = "The city will spend 5 percent more."
BODY = (
    "<p>The council met Sept 5, 2024, at the town hall.</p>"
    "<p>The budget grows by 5 percent, the mayor said. It was the <em>the</em> biggest rise "
    "in years, and 3 people objected.</p>"
)
BIO = "Rita Reporter covers the the city."


def make_messy_story(reporter):
    """A reporter's draft with the slips above, saved once (one revision)."""
    from articles.models import Byline
    from articles.services import article_commit_edit
    from tests.factories import ArticleFactory

    article = ArticleFactory(
        headline=HEADLINE,
        slug="mayor-signs-budget",
        dek=DEK,
        body=BODY,
        authors=[reporter.contributor],
        created_by=reporter,
    )
    Byline.objects.filter(article=article).update(bio_line=BIO)
    article_commit_edit(article=article, user=reporter, comment="first draft")
    return article


def latest_info(article):
    from articles.services import latest_revision_info

    return latest_revision_info(article)


def errors_in(report) -> list[tuple[str, str, str]]:
    return sorted(
        (f["rule"], f["target"], f["text"]) for f in report.findings if f["severity"] == "error"
    )
