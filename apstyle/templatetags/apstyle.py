"""`{% load apstyle %}{% style_panel article %}`: the AP style panel for one story, for
the article change form or any admin page. It needs `request` in the template context
(Django's request context processor) and must sit outside any other <form>."""

from __future__ import annotations

from django import template
from django.urls import reverse

from articles import workflow

from ..selectors import style_panel as build_panel

register = template.Library()


@register.inclusion_tag("apstyle/includes/style_panel.html", takes_context=True)
def style_panel(context, article) -> dict:
    request = context["request"]
    user = request.user
    panel = build_panel(article) if article is not None and article.pk else None
    data = {
        "panel": panel,
        "article": article,
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path(),
        "may_accept": False,
        "may_fix": False,
        "override": None,
    }
    if panel is None:
        return data
    may_act = workflow.may_act_on(user, article)
    data["may_accept"] = may_act and user.has_perm("apstyle.add_acceptedfinding")
    data["may_fix"] = may_act and user.has_perm("articles.change_article")
    if workflow.refusal(workflow.APPROVE, article, user) is None:
        # The checks would refuse an approval: offer the editor the logged override.
        refusals = workflow.check_refusals(workflow.APPROVE, article, user)
        data["override"] = " ".join(refusals) or None
    data["urls"] = {
        name: reverse(f"admin:apstyle_stylereport_{name}", args=[article.pk])
        for name in ("accept", "apply_fixes", "approve")
    }
    return data
