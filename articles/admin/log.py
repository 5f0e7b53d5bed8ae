"""The story log in the admin: every workflow move, edit, restore and deletion
(`ArticleEvent`), with who, when and why. Editors read it; nobody edits or prunes it, so
it stays a record of what happened. Reporters do not get it: it names every story,
drafts included. Viewing needs `articles.view_articleevent`, which the Editors group has."""

from __future__ import annotations

from django.contrib import admin

from ..models import ArticleEvent
from .readonly import ReadOnlyModelAdmin
from .scale import ArchivePaginator


@admin.register(ArticleEvent)
class ArticleEventAdmin(ReadOnlyModelAdmin):
    list_display = ["created_at", "headline", "action", "from_status", "to_status", "user"]
    list_filter = ["action", "created_at"]
    list_select_related = ["user"]
    search_fields = ["headline", "=article_key", "comment"]
    paginator = ArchivePaginator
    show_full_result_count = False
    fields = [
        "created_at", "article_key", "headline", "action", "from_status", "to_status", "user",
        "revision", "comment", "data", "notified_at",
    ]
    readonly_fields = fields
