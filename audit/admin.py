"""The audit trail in the admin: every change to who may do what (groups, permissions,
account flags) and every audited deletion, with the actor. Read-only, superusers included."""

from django.contrib import admin

from .models import AuditEntry
from .readonly import ReadOnlyModelAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    """Read-only: an audit trail nobody can edit or prune from the admin."""

    list_display = ["created_at", "actor_name", "action", "target_type", "target_repr"]
    list_filter = ["action", "target_type", "created_at"]
    search_fields = ["target_repr", "actor_name", "target_id"]
    date_hierarchy = "created_at"
    show_full_result_count = False
