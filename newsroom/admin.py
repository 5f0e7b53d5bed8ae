"""Admin fixes for third-party apps the project installs."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin


class NewsroomAccessAttemptAdmin(AccessAttemptAdmin):
    @admin.action(description="Clean up expired attempts")
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes reads the attempt time its login handler puts on the request; an
        # admin action's request has none, and the action failed with a 500. None means
        # "now" to axes.
        request.axes_attempt_time = None
        return super().cleanup_expired_attempts(request, queryset)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, NewsroomAccessAttemptAdmin)
