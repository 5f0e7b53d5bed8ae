"""The admin's Scheduled list: stories waiting to go up or come down, soonest first, with
a countdown, newsroom and UTC times, the scheduler's health, and reschedule and cancel.

Every change goes through `services.article_transition` (`schedule`, `unschedule`,
`schedule_unpublish`), so it is checked, recorded and queued as anywhere else. Reporters
see their own scheduled stories; only users who may publish may change a schedule.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import DateTimeField
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .. import times
from ..exceptions import StoryError, message_text
from ..models import ArticleEvent, ScheduledStory
from ..services import article_transition, scheduling
from .readonly import ReadOnlyModelAdmin

PUBLISH_PERMISSION = "articles.publish_article"


def _may_schedule(request: HttpRequest) -> bool:
    return request.user.has_perm(PUBLISH_PERMISSION)


class KindFilter(admin.SimpleListFilter):
    title = "waiting to"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [("publish", "Go live"), ("takedown", "Come down"), ("overdue", "Overdue")]

    def queryset(self, request, queryset):
        if self.value() == "publish":
            return queryset.filter(scheduled_revision__isnull=False)
        if self.value() == "takedown":
            return queryset.filter(unpublish_at__isnull=False)
        if self.value() == "overdue":
            return queryset.filter(next_at__lte=_overdue_cutoff())
        return queryset


def _overdue_cutoff() -> datetime:
    """Whatever was due before this is overdue: the sweep has had its grace period."""
    return timezone.now() - timedelta(seconds=scheduling.grace())


def _cancel(story: ScheduledStory, user, *, takedown: bool) -> None:
    """Cancel the story's scheduled takedown (it stays up) or its scheduled publication."""
    if takedown:
        article_transition(
            article=story, action="schedule_unpublish", user=user, unpublish_at=None
        )
    else:
        article_transition(article=story, action="unschedule", user=user)


class ScheduleForm(forms.Form):
    """Times in the newsroom's zone unless they carry an offset; parsed strictly. Text, not
    a date picker: a picker cannot say which of the two 01:30s on the night the clocks go
    back is meant, and an offset can."""

    publish_at = forms.CharField(
        label="Go live at", required=False,
        widget=forms.TextInput(attrs={"placeholder": "2026-03-08 09:30", "size": 26}),
    )
    unpublish_at = forms.CharField(
        label="Come down at", required=False,
        widget=forms.TextInput(attrs={"placeholder": "2026-03-09 18:00", "size": 26}),
        help_text="Optional. Leave empty to keep the story up.",
    )

    def __init__(self, *args, needs_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_publish = needs_publish
        zone = timezone.get_current_timezone_name()
        for field in self.fields.values():
            field.help_text = (
                f"{field.help_text} Newsroom time ({zone}), e.g. 2026-03-08 09:30; add an "
                "offset (-05:00, or Z for UTC) to give another zone or to pick one of the two "
                "01:30s when the clocks go back."
            ).strip()
        if not needs_publish:
            del self.fields["publish_at"]

    def _time(self, name: str):
        value = self.cleaned_data.get(name, "")
        if not value:
            return None
        try:
            return times.parse_schedule_time(value)
        except StoryError as error:
            raise forms.ValidationError(error.messages) from None

    def clean_publish_at(self):
        moment = self._time("publish_at")
        if self.needs_publish and moment is None:
            raise forms.ValidationError("Give the time the story should go live.")
        return moment

    def clean_unpublish_at(self):
        return self._time("unpublish_at")


def _local_input(moment) -> str:
    """`moment` as the form shows it: newsroom time, with its offset so that a time in the
    repeated hour is saved back unchanged."""
    if not moment:
        return ""
    local = timezone.localtime(moment)
    return local.isoformat(sep=" ", timespec="seconds" if local.second else "minutes")


@admin.register(ScheduledStory)
class ScheduledStoryAdmin(ReadOnlyModelAdmin):
    list_display = ["when", "countdown", "what", "story", "section", "status", "schedule_actions"]
    list_display_links = None
    list_filter = [KindFilter, "section"]
    list_select_related = ["section", "publication"]
    search_fields = ["headline", "slug"]
    actions = ["cancel_schedules"]
    change_list_template = "admin/articles/scheduledstory/change_list.html"

    def get_queryset(self, request: HttpRequest):
        return (
            ScheduledStory.objects.editable_by(request.user)
            .on_the_schedule()
            .annotate(next_at=Coalesce("due", "unpublish_at", output_field=DateTimeField()))
            .select_related("section", "publication")
        )

    # Permissions: a read-only list for anyone who may see stories; changes are the
    # reschedule and cancel views, which need the publish permission.

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not _may_schedule(request):
            actions.pop("cancel_schedules", None)
        return actions

    # Columns.

    @admin.display(description="when", ordering="next_at")
    def when(self, obj: ScheduledStory) -> str:
        return times.local_and_utc(obj.next_at)

    @admin.display(description="countdown")
    def countdown(self, obj: ScheduledStory):
        overdue = obj.next_at <= _overdue_cutoff()
        return format_html(
            '<span class="{}" data-countdown="{}">{}</span>',
            "scheduler-overdue" if overdue else "",
            obj.next_at.isoformat(),
            ("overdue " if overdue else "") + times.countdown(obj.next_at),
        )

    @admin.display(description="waiting to")
    def what(self, obj: ScheduledStory):
        lines = []
        if obj.scheduled_revision_id:
            lines.append(("Go live", ""))
            if obj.due != obj.publish_at:
                asked = times.local_and_utc(obj.publish_at)
                lines.append(("", f"held by the embargo (asked for {asked})"))
            if obj.scheduled_revision_id != obj.approved_revision_id:
                lines.append(("", "an older approval; a newer one waits"))
        if obj.unpublish_at:
            # Its time is in the first column unless the story first has to go live.
            when = times.local_and_utc(obj.unpublish_at) if obj.scheduled_revision_id else ""
            lines.append(("Come down", when))
        overdue = obj.next_at <= _overdue_cutoff()
        failure = overdue and (
            ArticleEvent.objects.filter(article_key=obj.pk, action__endswith="_failed")
            .order_by("-created_at").first()
        )
        if failure and failure.data.get("scheduled_for") in (
            obj.publish_at and obj.publish_at.isoformat(),
            obj.unpublish_at and obj.unpublish_at.isoformat(),
        ):
            lines.append(("Failed", failure.comment))
        return format_html_join(
            "", "<div><strong>{}</strong> {}</div>", lines
        )

    @admin.display(description="story", ordering="headline")
    def story(self, obj: ScheduledStory):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[obj.pk]),
            obj.headline,
        )

    @admin.display(description="")
    def schedule_actions(self, obj: ScheduledStory):
        links = [(reverse("admin:articles_scheduledstory_reschedule", args=[obj.pk]), "Reschedule")]
        if obj.scheduled_revision_id:
            links.append((self._cancel_url(obj, "publish"), "Cancel"))
        if obj.unpublish_at:
            links.append((self._cancel_url(obj, "takedown"), "Keep it up"))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @staticmethod
    def _cancel_url(obj, what: str) -> str:
        return reverse("admin:articles_scheduledstory_cancel", args=[obj.pk]) + f"?what={what}"

    def get_ordering(self, request):
        return ["next_at", "pk"]  # an annotation, so not in `ordering` (checked against fields)

    def get_list_display(self, request):
        if _may_schedule(request):
            return self.list_display
        return [name for name in self.list_display if name != "schedule_actions"]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "title": "Scheduled stories",
            **(extra_context or {}),
            "scheduler": scheduling.scheduler_status(),
            "newsroom_zone": timezone.get_current_timezone_name(),
        }
        return super().changelist_view(request, extra_context)

    # Bulk cancel.

    @admin.action(description="Cancel the schedule of the selected stories")
    def cancel_schedules(self, request, queryset):
        done = 0
        for story in queryset:
            try:
                _cancel(story, request.user, takedown=not story.scheduled_revision_id)
                done += 1
            except (StoryError, PermissionDenied) as error:
                messages.error(request, f"{story.headline}: {message_text(error)}")
        if done:
            messages.success(request, f"Cancelled the schedule of {done} stories.")

    # Reschedule and cancel views.

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/reschedule/", wrap(self.reschedule_view),
                 name="articles_scheduledstory_reschedule"),
            path("<int:pk>/cancel/", wrap(self.cancel_view), name="articles_scheduledstory_cancel"),
            *super().get_urls(),
        ]

    def _story(self, request, pk: int) -> ScheduledStory:
        if not self.has_view_permission(request):
            raise PermissionDenied
        story = get_object_or_404(self.get_queryset(request), pk=pk)
        if not _may_schedule(request):
            raise PermissionDenied
        return story

    def _back(self):
        return HttpResponseRedirect(reverse("admin:articles_scheduledstory_changelist"))

    def reschedule_view(self, request: HttpRequest, pk: int):
        story = self._story(request, pk)
        needs_publish = bool(story.scheduled_revision_id)
        initial = {
            "publish_at": _local_input(story.publish_at),
            "unpublish_at": _local_input(story.unpublish_at),
        }
        form = ScheduleForm(request.POST or None, initial=initial, needs_publish=needs_publish)
        if request.method == "POST" and form.is_valid():
            try:
                if needs_publish:
                    article_transition(
                        article=story, action="schedule", user=request.user,
                        publish_at=form.cleaned_data["publish_at"],
                        unpublish_at=form.cleaned_data["unpublish_at"],
                    )
                else:
                    article_transition(
                        article=story, action="schedule_unpublish", user=request.user,
                        unpublish_at=form.cleaned_data["unpublish_at"],
                    )
            except PermissionDenied:
                raise
            except StoryError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, f"Rescheduled “{story.headline}”.")
                return self._back()
        return TemplateResponse(request, "admin/articles/scheduledstory/reschedule.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Reschedule “{story.headline}”",
            "story": story,
            "form": form,
            "current": {
                "publish": story.publish_at and times.local_and_utc(story.publish_at),
                "unpublish": story.unpublish_at and times.local_and_utc(story.unpublish_at),
            },
        })

    def cancel_view(self, request: HttpRequest, pk: int):
        story = self._story(request, pk)
        what = request.GET.get("what") or request.POST.get("what") or "publish"
        if request.method == "POST":
            try:
                _cancel(story, request.user, takedown=what == "takedown")
            except StoryError as error:
                messages.error(request, message_text(error))
            else:
                messages.success(request, f"Cancelled: “{story.headline}” "
                                 + ("stays up." if what == "takedown" else "will not go live."))
            return self._back()
        return TemplateResponse(request, "admin/articles/scheduledstory/cancel.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Keep the story up?" if what == "takedown" else "Cancel the publication?",
            "story": story,
            "what": what,
            "when": times.local_and_utc(
                story.unpublish_at if what == "takedown" else story.due
            ),
        })
