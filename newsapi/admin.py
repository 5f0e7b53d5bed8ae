"""Admin screens: API tokens (issued here, shown once, revoked, never deleted) and the wire
items the ingest API received."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html

from articles.admin.readonly import ReadOnlyModelAdmin

from .models import ApiToken, IngestItem
from .tokens import api_token_issue, api_token_revoke


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=ApiToken.Scope.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = ApiToken
        fields = ["user", "name", "scopes", "expires_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = ["name", "user", "prefix", "scope_list", "state", "last_used_at", "created_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = [
        "prefix",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        # A token acts as the user it was issued to, for good: issue another for someone else.
        return [*self.readonly_fields, "user"] if obj else self.readonly_fields

    @admin.display(description="scopes")
    def scope_list(self, token: ApiToken) -> str:
        return ", ".join(token.scopes) or "—"

    @admin.display(description="state")
    def state(self, token: ApiToken) -> str:
        if token.revoked_at:
            return "revoked"
        return "active" if token.is_usable() else "expired"

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead: the record of who could write stays

    def save_model(self, request, obj: ApiToken, form, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        token, raw = api_token_issue(
            user=obj.user,
            name=obj.name,
            scopes=form.cleaned_data["scopes"],
            created_by=request.user,
            expires_at=obj.expires_at,
        )
        vars(obj).update(vars(token))  # the admin goes on with the row the service made
        request.newsapi_issued_token = raw

    def response_add(self, request, obj: ApiToken, post_url_continue=None):
        """The one page that shows the token: it is not stored, so it cannot be shown again."""
        response = TemplateResponse(
            request,
            "admin/newsapi/apitoken/issued.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "token": obj,
                "raw_token": request.newsapi_issued_token,
                "title": "Copy this token now",
                "changelist_url": reverse("admin:newsapi_apitoken_changelist"),
            },
        )
        add_never_cache_headers(response)
        response["Cache-Control"] += ", no-store"
        return response

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke(self, request, queryset) -> None:
        for token in queryset:
            api_token_revoke(token=token, user=request.user)
        self.message_user(request, f"Revoked {queryset.count()} token(s).", messages.SUCCESS)


@admin.register(IngestItem)
class IngestItemAdmin(ReadOnlyModelAdmin):
    list_display = ["uri", "story", "version", "received", "last_token", "updated_at"]
    list_select_related = ["article", "last_token"]
    search_fields = ["uri"]
    fields = [
        "uri",
        "story",
        "version",
        "received",
        "wire_revision",
        "last_token",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields

    @admin.display(description="story")
    def story(self, item: IngestItem) -> str:
        if item.article_id is None:
            return "(deleted)"
        url = reverse("admin:articles_article_change", args=[item.article_id])
        return format_html('<a href="{}">{}</a>', url, item.article.headline)
