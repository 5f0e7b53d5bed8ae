"""The style page and its actions in the admin: who may see and do what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apstyle.models import AcceptedFinding, StyleReport
from apstyle.services import revision_report
from articles.models import ArticleEvent, Status
from articles.services import article_transition

from .stories import latest_info

pytestmark = pytest.mark.django_db


def url(name: str, article) -> str:
    return reverse(f"admin:apstyle_stylereport_{name}", args=[article.pk])


@pytest.fixture
def report(messy_story):
    return revision_report(info=latest_info(messy_story))


def sept(report) -> dict:
    return next(f for f in report.findings if f["text"] == "Sept")


def test_anonymous_and_non_staff_users_go_to_the_login(client, reader, messy_story, report):
    for user in (None, reader):
        if user:
            client.force_login(user)
        for name in ("story", "accept", "apply_fixes", "approve"):
            response = (
                client.post(url(name, messy_story))
                if name != "story"
                else client.get(url(name, messy_story))
            )
            assert response.status_code == 302
            assert "/admin/login/" in response["Location"]


def test_the_reporter_sees_the_panel_of_their_story(client, reporter, messy_story):
    client.force_login(reporter)
    response = client.get(url("story", messy_story))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="apstyle-panel"' in html
    assert 'The council met <mark class="apstyle-error">Sept</mark> 5, 2024' in html
    assert 'data-rule="AP-DATE-03"' in html
    assert "Apply 4 safe fixes" in html
    assert 'class="apstyle-accept"' not in html  # accepting is for editors
    assert "Approve with override" not in html


def test_another_reporters_story_is_not_found(client, other_reporter, messy_story, report):
    client.force_login(other_reporter)
    assert client.get(url("story", messy_story)).status_code == 404
    assert client.post(url("apply_fixes", messy_story), {"report": report.pk}).status_code == 404
    messy_story.refresh_from_db()
    assert "Sept 5" in messy_story.body


def test_the_reporter_applies_safe_fixes(client, reporter, messy_story, report):
    client.force_login(reporter)
    response = client.post(
        url("apply_fixes", messy_story), {"report": report.pk, "next": "/admin/articles/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/articles/"
    messy_story.refresh_from_db()
    assert "Sept. 5" in messy_story.body
    comment = latest_info(messy_story).revision.comment
    assert comment.startswith("AP style fixes: AP-NUM-05 “5 percent” → “5%” (Dek); AP-DATE-03")


def test_next_must_stay_on_the_site(client, reporter, messy_story, report):
    client.force_login(reporter)
    response = client.post(
        url("apply_fixes", messy_story), {"report": report.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == url("story", messy_story)


def test_a_stale_report_is_refused_with_a_message(client, reporter, messy_story, report):
    messy_story.dek = "Changed since."
    messy_story.save()
    client.force_login(reporter)
    response = client.post(url("apply_fixes", messy_story), {"report": report.pk}, follow=True)
    assert "The story has changed since it was checked" in response.content.decode()


def test_reporters_may_not_accept_findings(client, reporter, messy_story, report):
    client.force_login(reporter)
    response = client.post(
        url("accept", messy_story),
        {"report": report.pk, "fingerprint": sept(report)["fingerprint"]},
    )
    assert response.status_code == 403
    assert not AcceptedFinding.objects.exists()


def test_an_editor_accepts_a_finding(client, editor, messy_story, report):
    client.force_login(editor)
    page = client.get(url("story", messy_story)).content.decode()
    assert 'class="apstyle-accept"' in page

    response = client.post(
        url("accept", messy_story),
        {"report": report.pk, "fingerprint": sept(report)["fingerprint"], "reason": "Our style"},
        follow=True,
    )

    accepted = AcceptedFinding.objects.get()
    assert (accepted.article_key, accepted.rule, accepted.accepted_by) == (
        messy_story.pk,
        "AP-DATE-03",
        editor,
    )
    html = response.content.decode()
    assert "Accepted AP-DATE-03 “Sept” in this story." in html
    assert "Accepted by editor: Our style" in html


def test_a_report_of_another_story_cannot_be_used(
    client, editor, messy_story, report, published_story
):
    client.force_login(editor)
    response = client.post(
        url("accept", published_story),
        {"report": report.pk, "fingerprint": sept(report)["fingerprint"]},
    )
    assert response.status_code == 404


def test_an_editor_approves_over_open_errors_with_a_reason(client, editor, reporter, messy_story):
    article_transition(article=messy_story, action="submit", user=reporter)
    client.force_login(editor)
    page = client.get(url("story", messy_story)).content.decode()
    assert "Approve with override" in page
    assert "5 AP style errors still open" in page
    report = revision_report(info=latest_info(messy_story))

    refused = client.post(
        url("approve", messy_story), {"revision": report.revision_id}, follow=True
    )
    assert "Give the reason" in refused.content.decode()
    messy_story.refresh_from_db()
    assert messy_story.status == Status.SUBMITTED

    client.post(
        url("approve", messy_story),
        {"revision": report.revision_id, "override_reason": "Breaking news"},
    )
    messy_story.refresh_from_db()
    assert messy_story.status == Status.APPROVED
    event = ArticleEvent.objects.get(article=messy_story, action="approve")
    assert event.data["override_reason"] == "Breaking news"


def test_reporters_cannot_approve_through_the_override(client, reporter, messy_story):
    article_transition(article=messy_story, action="submit", user=reporter)
    client.force_login(reporter)
    response = client.post(url("approve", messy_story), {"override_reason": "Trust me"})
    assert response.status_code == 403
    messy_story.refresh_from_db()
    assert messy_story.status == Status.SUBMITTED


def test_the_report_list_is_for_editors(client, editor, reporter, report):
    client.force_login(reporter)
    assert client.get(reverse("admin:apstyle_stylereport_changelist")).status_code == 403
    client.force_login(editor)
    response = client.get(reverse("admin:apstyle_stylereport_changelist"))
    assert response.status_code == 200
    change = client.get(reverse("admin:apstyle_stylereport_change", args=[report.pk]))
    assert url("story", type("A", (), {"pk": report.article_key})) in change.content.decode()


def test_a_story_never_saved_has_no_panel_yet(client, editor):
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    client.force_login(editor)
    response = client.get(url("story", article))
    assert "Save the story to check it." in response.content.decode()
    assert not StyleReport.objects.exists()


def test_the_panel_is_on_the_article_change_form(client, reporter, messy_story):
    """The site's change form shows the panel in the column beside the story, outside the
    story's own <form> (its forms are not nested in it), with a one-click fix per finding,
    and links to the full style page."""
    client.force_login(reporter)

    response = client.get(reverse("admin:articles_article_change", args=[messy_story.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    form_end = html.index("</form>", html.index('id="article_form"'))
    assert form_end < html.index('id="apstyle-panel"')
    assert '<mark class="apstyle-error">Sept</mark>' in html
    assert f'value="{reverse("admin:articles_article_change", args=[messy_story.pk])}"' in html
    assert reverse("admin:apstyle_stylereport_story", args=[messy_story.pk]) in html
    assert html.count('id="apstyle-panel"') == 1
    assert '<aside class="apstyle-side"' in html
    assert "apstyle/change_form.css" in html
    assert html.count("Apply this fix") == 4


def test_one_finding_is_fixed_by_its_fingerprint(client, reporter, messy_story, report):
    client.force_login(reporter)
    response = client.post(
        url("apply_fixes", messy_story),
        {"report": report.pk, "fingerprint": sept(report)["fingerprint"]},
        follow=True,
    )
    assert "Applied 1 safe fix as revision" in response.content.decode()
    messy_story.refresh_from_db()
    assert "Sept. 5" in messy_story.body
    assert "5 percent" in messy_story.body and messy_story.dek.endswith("5 percent more.")


def test_an_unknown_fingerprint_fixes_nothing(client, reporter, messy_story, report):
    client.force_login(reporter)
    response = client.post(
        url("apply_fixes", messy_story), {"report": report.pk, "fingerprint": "nope"}, follow=True
    )
    assert "There are no safe fixes to apply." in response.content.decode()
    messy_story.refresh_from_db()
    assert "Sept 5" in messy_story.body
