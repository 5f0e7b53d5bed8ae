"""The read-only admin base: for records that code writes and nobody edits by hand,
superusers included (the audit trail here; the story log, the Scheduled list and style
reports in the other apps). Viewing still needs the model's view permission.

It lives in `audit`, the app that depends on no other, so every app may share it; it imports
no model, so importing it works whether or not `audit` is in INSTALLED_APPS."""

from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """A `ModelAdmin` that may list and show rows but never add, change or delete them,
    whatever the user's permissions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
