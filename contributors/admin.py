"""People and organisations who write, report and photograph for the newsroom."""

from django.contrib import admin
from django.db import models

from articles.visibility import people_visible_to

from .models import Organisation, Person, SocialLink
from .validators import IMAGE_UPLOAD_LIMITS

HTTPS_BY_DEFAULT = {models.URLField: {"assume_scheme": "https"}}
FORMFIELDS = {**HTTPS_BY_DEFAULT, models.ImageField: IMAGE_UPLOAD_LIMITS}
LINK_ACCOUNTS = "contributors.link_person_account"


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    extra = 0
    formfield_overrides = HTTPS_BY_DEFAULT


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "title", "organisation"]
    list_filter = ["kind", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "email", "title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "user"]
    inlines = [SocialLinkInline]
    formfield_overrides = FORMFIELDS
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "title", "organisation"]}),
        ("Profile", {"fields": ["short_bio", "photo", "email", "website"]}),
        ("Account", {"fields": ["user"]}),
    ]

    # The linked account. A byline gives the account its story (“my stories”), so only
    # those with the right to link (superusers, or a group given LINK_ACCOUNTS) see the
    # field or may set it; for everyone else it is not in the form at all, so a forged
    # POST cannot set it either.

    def get_queryset(self, request):
        # Reporters see only the people that are public, on their stories or on none: the
        # list, change pages and every person autocomplete (bylines, credits) use this.
        return people_visible_to(request.user, super().get_queryset(request))

    def get_fieldsets(self, request, obj=None):
        if request.user.has_perm(LINK_ACCOUNTS):
            return self.fieldsets
        return [(name, options) for name, options in self.fieldsets if name != "Account"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "is_wire_service", "url"]
    list_filter = ["is_wire_service"]
    formfield_overrides = FORMFIELDS
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
