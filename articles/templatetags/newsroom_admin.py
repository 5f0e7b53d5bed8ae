"""The newsroom desk on the admin's front page: the review queue for editors, and “my
stories” for everyone who writes."""

from django import template
from django.urls import reverse

from ..models import Article, Status

register = template.Library()

_SHOWN = 8


@register.inclusion_tag("admin/articles/desk_panel.html", takes_context=True)
def newsroom_desk(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("articles.view_article"):
        return {"show": False}
    changelist = reverse("admin:articles_article_changelist")
    may_review = user.has_perm("articles.review_article")
    queue = (
        list(Article.objects.review_queue().select_related("section")[:_SHOWN])
        if may_review
        else []
    )
    mine = Article.objects.owned_by(user).order_by("-updated_at")
    return {
        "show": True,
        "may_review": may_review,
        "queue": queue,
        "queue_count": Article.objects.filter(status=Status.SUBMITTED).count() if may_review else 0,
        "queue_url": f"{changelist}?queue=review",
        "mine": list(mine[:_SHOWN]),
        "mine_url": f"{changelist}?queue=mine",
        "changes_count": mine.filter(status=Status.CHANGES_REQUESTED).count(),
        "changes_url": f"{changelist}?queue=changes",
    }
