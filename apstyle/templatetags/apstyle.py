"""`{% load apstyle %}{% style_panel article %}`: the AP style panel for one story, for
the article change form or any admin page. It needs `request` in the template context
(Django's request context processor) and must sit outside any other <form>."""

from __future__ import annotations

from django import template
from django.urls import reverse

from articles import approval_refusals, may_act_on

from ..selectors import style_panel as build_panel
from ..services import latest_report

register = template.Library()


@register.inclusion_tag("apstyle/includes/style_panel.html", takes_context=True)
def style_panel(context, article) -> dict:
    """The panel of `article`'s latest revision (checked now if no report exists for its
    text yet); an empty panel before the story's first save."""
    request = context["request"]
    user = request.user
    report = latest_report(article) if article is not None and article.pk else None
    panel = build_panel(article, report) if report is not None else None
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
    may_act = may_act_on(user, article)
    data["may_accept"] = may_act and user.has_perm("apstyle.add_acceptedfinding")
    data["may_fix"] = may_act and user.has_perm("articles.change_article")
    # Only the checks refuse an approval: offer whoever may approve the logged override.
    data["override"] = " ".join(approval_refusals(article, user) or ()) or None
    data["urls"] = {
        name: reverse(f"admin:apstyle_stylereport_{name}", args=[article.pk])
        for name in ("accept", "apply_fixes", "approve")
    }
    return data
