"""Admin pages for records that services write and nobody edits by hand, superusers
included: the story log, the schedule list, style reports. Viewing still needs the
model's view permission."""

from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
