"""Admin screens: webhook subscriptions (with their recent deliveries and each attempt's
response code) and the delivery log."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from .models import Attempt, Delivery, Event, Subscription
from .transport import UnsafeTarget, resolve

RECENT = 20


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(choices=Event.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Subscription
        fields = ["name", "url", "events", "is_active", "secret"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            resolve(url)  # the same check as every delivery makes
        except UnsafeTarget as error:
            raise forms.ValidationError(str(error)) from error
        return url


class RecentDeliveries(admin.TabularInline):
    model = Delivery
    fields = ["created_at", "event", "article_key", "status", "attempts", "last_status_code", "log"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-created_at", "-id"]
    verbose_name_plural = f"recent deliveries (latest {RECENT}; all under Deliveries)"

    def get_queryset(self, request):
        # The latest only: a busy subscription has thousands.
        queryset = super().get_queryset(request)
        latest = queryset.order_by("-created_at", "-id").values_list("pk", flat=True)[:RECENT]
        return queryset.filter(pk__in=list(latest)).prefetch_related("attempt_log")

    @admin.display(description="attempts (response or error, then retry delay)")
    def log(self, delivery: Delivery) -> str:
        return "; ".join(_line(a) for a in delivery.attempt_log.all()) or "—"


def _line(attempt: Attempt) -> str:
    outcome = str(attempt.response_status) if attempt.response_status else attempt.error
    retry = f", retry in {attempt.retry_in:g} s" if attempt.retry_in else ""
    return f"#{attempt.number} {attempt.started_at:%H:%M:%S}: {outcome}{retry}"


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = [
        "name",
        "url",
        "event_list",
        "is_active",
        "consecutive_failures",
        "disabled_reason",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    readonly_fields = [
        "consecutive_failures",
        "disabled_at",
        "disabled_reason",
        "created_at",
        "created_by",
    ]
    inlines = [RecentDeliveries]
    actions = ["enable"]

    @admin.display(description="events")
    def event_list(self, subscription: Subscription) -> str:
        return ", ".join(subscription.events)

    def save_model(self, request, obj: Subscription, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        if obj.is_active and "is_active" in form.changed_data:
            obj.consecutive_failures, obj.disabled_at, obj.disabled_reason = 0, None, ""
        super().save_model(request, obj, form, change)

    @admin.action(description="Enable again (and reset the failure count)", permissions=["change"])
    def enable(self, request, queryset) -> None:
        count = queryset.update(
            is_active=True, consecutive_failures=0, disabled_at=None, disabled_reason=""
        )
        self.message_user(request, f"Enabled {count} subscription(s).", messages.SUCCESS)


class AttemptInline(admin.TabularInline):
    model = Attempt
    fields = ["number", "started_at", "duration_ms", "response_status", "error", "retry_in"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The log: nobody edits it; superusers may prune it (and deleting a subscription
    deletes its log)."""

    list_display = [
        "created_at",
        "subscription",
        "event",
        "article_key",
        "status",
        "attempts",
        "last_status_code",
    ]
    list_filter = ["status", "event", "subscription"]
    list_select_related = ["subscription"]
    fields = [
        "subscription",
        "message_id",
        "event",
        "article_key",
        "status",
        "attempts",
        "next_attempt_at",
        "last_status_code",
        "created_at",
        "delivered_at",
        "payload",
    ]
    readonly_fields = fields
    inlines = [AttemptInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
