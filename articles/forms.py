"""Forms behind the workflow, comment and share buttons of the admin desk."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone

from .services.comments import MAX_COMMENT_CHARS


class NewsroomDateTimeField(forms.DateTimeField):
    """A `datetime-local` input read in the newsroom's time zone (TIME_ZONE), whatever
    zone is active for the request: editors schedule in newsroom time."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        with timezone.override(settings.TIME_ZONE):
            return super().to_python(value)


class TransitionForm(forms.Form):
    comment = forms.CharField(required=False, max_length=2000)
    revision_id = forms.IntegerField(required=False, min_value=1)
    publish_at = NewsroomDateTimeField(required=False)
    unpublish_at = NewsroomDateTimeField(required=False)


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    revision_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class ShareLinkForm(forms.Form):
    EXPIRY_CHOICES = [
        ("1", "1 hour"),
        ("24", "1 day"),
        ("72", "3 days"),
        ("168", "1 week"),
        ("720", "30 days"),
    ]
    revision_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    expires_in = forms.TypedChoiceField(
        label="Expires in", choices=EXPIRY_CHOICES, coerce=int, initial="72"
    )
    note = forms.CharField(
        label="For",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Legal review (Jane)"}),
    )


class RestoreForm(forms.Form):
    revision_id = forms.IntegerField(min_value=1)
