"""The story list and the story form in the admin (`ArticleAdmin`, with its filters, inlines
and preview), and the section and tag lists. The desk's screens on a story (workflow
buttons, comments, share links, history, compare, recovery) are mixed in from `desk/`.

Saving goes through `services.article_commit_edit`, so a story saved here gets the same
revision (with the whole story, a comment and its content hash) as one saved by a workflow
action, the importer or a task.
"""

from __future__ import annotations

from contextlib import contextmanager

from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import construct_change_message
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.db import IntegrityError, models
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from reversion.admin import VersionAdmin

from contributors.validators import IMAGE_UPLOAD_LIMITS

from .. import snapshots, story, versioning  # noqa: F401  versioning registers before VersionAdmin
from ..exceptions import EditConflict
from ..models import (
    HAS_CURRENT_PUBLICATION,
    Article,
    Byline,
    Correction,
    Credit,
    RelatedLink,
    Section,
    Status,
    Tag,
)
from ..sanitize import strip_control_characters
from ..services import (
    article_commit_edit,
    article_delete,
    article_lock_for_edit,
    latest_revision_info,
)
from ..views.public import render_story
from ..visibility import people_visible_to, tags_visible_to
from .desk import DeskAdminMixin
from .desk.base import parse_id
from .scale import ArchivePaginator, PreloadedInlineMixin, PreloadingInlineFormSet
from .widgets import BodyEditorWidget, LeadPhotoWidget


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # Reporters never see a tag used only on other people's drafts: the list, change
        # pages and the story form's tag autocomplete use this (articles.visibility).
        return tags_visible_to(request.user, super().get_queryset(request))


class VisiblePeopleMixin:
    """An inline whose person choices are the people its user may see: what the person
    autocomplete offers, enforced, so a forged id of a hidden person is refused and its
    name never shown back in the form."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["queryset"] = people_visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class BylineFormSet(PreloadingInlineFormSet):
    default_error_messages = {"too_few_forms": "A story needs at least one byline."}


class BylineInline(VisiblePeopleMixin, PreloadedInlineMixin, admin.StackedInline):
    model = Byline
    formset = BylineFormSet
    extra = 0
    min_num = 1
    autocomplete_fields = ["person", "organisation"]
    fields = [("person", "position"), ("title", "organisation"), "bio_line"]
    formfield_overrides = {
        Byline._meta.get_field("bio_line").__class__: {"widget": forms.Textarea(attrs={"rows": 2})}
    }

    def get_formset(self, request, obj=None, **kwargs):
        # min_num alone only shows a blank row; a story must keep at least one byline,
        # however the form is sent or whichever rows are ticked for deletion.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class CreditInline(VisiblePeopleMixin, PreloadedInlineMixin, admin.TabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["person", "organisation"]
    fields = ["position", "organisation", "role", "person", "location"]
    verbose_name = "contributor credit"


class RelatedLinkInline(PreloadedInlineMixin, admin.TabularInline):
    model = RelatedLink
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["target"]
    fields = ["position", "target", "url", "title"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name = "related link (In Other News)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "target":
            # The choices the autocomplete offers, enforced: a forged id of someone else's
            # draft is refused, and its headline never shown back in this form.
            match = getattr(request, "resolver_match", None)
            story = match.kwargs.get("object_id") if match else None
            kwargs["queryset"] = Article.objects.linkable_by(
                request.user, from_article=story if str(story or "").isdigit() else None
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["kind", "noted_at", "note"]


class ArticleAdminForm(forms.ModelForm):
    revision_comment = forms.CharField(
        required=False,
        max_length=500,
        label="Comment for the history",
        help_text="What changed and why. Left empty, the list of changed fields is used.",
    )
    # The version of the story this form was filled in from. Saving checks it on the server,
    # so a second person's save cannot silently overwrite the first's.
    base_edit_version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    base_revision = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007  ArticleAdmin's fieldsets choose what is shown
        widgets = {"body": BodyEditorWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.fields["base_edit_version"].required = True
            self.fields["base_edit_version"].error_messages["required"] = (
                "This form is missing the story's version; reload the story and make your "
                "change again."
            )
            if not self.is_bound:
                latest = latest_revision_info(self.instance)
                self.initial["base_edit_version"] = self.instance.edit_version
                self.initial["base_revision"] = latest.revision_id if latest else None

    def clean(self):
        cleaned = super().clean()
        for name in (
            "headline",
            "dek",
            "dateline",
            "lead_photo_caption",
            "revision_comment",
        ):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = strip_control_characters(cleaned[name])
        if self.instance.pk and "base_edit_version" in cleaned:
            try:
                article_lock_for_edit(
                    article_id=self.instance.pk, edit_version=cleaned["base_edit_version"]
                )
            except EditConflict as conflict:
                self._note_conflict(conflict)
                raise forms.ValidationError(
                    "Not saved: someone else saved this story after you opened it. See what "
                    "they changed above, merge it into your version, then save again.",
                    code="edit_conflict",
                ) from None
        return cleaned

    def _note_conflict(self, conflict: EditConflict) -> None:
        """Keep what the person typed, but move the form onto the newer version: once they
        have merged the other change into theirs, saving again goes through."""
        self.conflict = conflict
        self.conflict_base_revision = self.cleaned_data.get("base_revision")
        data = self.data.copy()
        data[self.add_prefix("base_edit_version")] = str(conflict.article.edit_version)
        latest = latest_revision_info(conflict.article)
        data[self.add_prefix("base_revision")] = str(latest.revision_id) if latest else ""
        self.data = data


class DeskFilter(admin.SimpleListFilter):
    """The review queue (submitted stories, the longest-waiting first) and “my stories”."""

    title = "desk"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        choices = [("mine", "My stories"), ("changes", "My stories with changes requested")]
        if request.user.has_perm("articles.review_article"):
            choices.insert(0, ("review", "Review queue"))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "review":
            return queryset.filter(status=Status.SUBMITTED)
        if self.value() == "mine":
            return queryset.filter(pk__in=Article.objects.owned_by(request.user).values("pk"))
        if self.value() == "changes":
            return queryset.filter(
                pk__in=Article.objects.owned_by(request.user).values("pk"),
                status=Status.CHANGES_REQUESTED,
            )
        return queryset


class AuthorFilter(admin.SimpleListFilter):
    title = "author"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        # EXISTS walks people in name order and stops at 200; DISTINCT over a join with
        # every byline would read them all on each list view.
        people = (
            people_visible_to(request.user)
            .filter(Exists(Byline.objects.filter(person=OuterRef("pk"))))
            .order_by("name")
            .only("pk", "name")
        )
        return [(str(p.pk), p.name) for p in people[:200]]

    def queryset(self, request, queryset):
        person = parse_id(self.value())
        return queryset.filter(bylines__person_id=person) if person else queryset


class LiveFilter(admin.SimpleListFilter):
    title = "on the site"
    parameter_name = "live"

    def lookups(self, request, model_admin):
        return [("yes", "Live"), ("no", "Not live")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(HAS_CURRENT_PUBLICATION)
        if self.value() == "no":
            return queryset.exclude(HAS_CURRENT_PUBLICATION)
        return queryset


@admin.register(Article)
class ArticleAdmin(DeskAdminMixin, VersionAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline, CreditInline, RelatedLinkInline, CorrectionInline]
    list_display = [
        "headline",
        "section",
        "status",
        "waiting",
        "live_link",
        "author_names",
        "updated_at",
    ]
    list_filter = [
        DeskFilter,
        "status",
        LiveFilter,
        "section",
        AuthorFilter,
        "created_at",
        "updated_at",
    ]
    # Sections are prefetched (get_queryset), not joined: with an inner join on the dozen
    # sections SQLite reads every story of each section and sorts them all, instead of
    # walking the newest-first index for one page.
    list_select_related = ["publication"]
    search_fields = ["headline", "slug", "dek", "bylines__person__name"]
    # No date_hierarchy: its year links need SELECT DISTINCT over every story (a second on
    # 100,000 stories); the created and updated date filters answer the same question.
    paginator = ArchivePaginator
    show_full_result_count = False
    autocomplete_fields = ["section", "tags"]
    # The lead photo is chosen in the photo library's chooser (`LeadPhotoWidget`), not
    # added, changed or deleted from the story form.
    raw_id_fields = ["lead_photo"]
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]
    # The lead image: at most NEWSROOM_MAX_IMAGE_BYTES and NEWSROOM_MAX_IMAGE_PIXELS.
    formfield_overrides = {models.ImageField: IMAGE_UPLOAD_LIMITS}
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "section", "dateline", "body"]}),
        ("Topics", {"fields": ["tags", "language"]}),
        ("Lead photo", {"fields": ["lead_photo", "lead_photo_caption"]}),
        ("Status", {"fields": ["status", "created_by", "created_at", "updated_at"]}),
        ("Save", {"fields": ["revision_comment", "base_edit_version", "base_revision"]}),
    ]
    change_form_template = "admin/articles/article/change_form.html"
    # The change page links to the live story and to a preview instead: a story's own URL
    # is not on the site until it is published.
    view_on_site = False
    change_list_template = "admin/articles/article/change_list.html"

    class Media:
        css = {"all": ["articles/admin-desk.css", "articles/admin-photos.css"]}
        js = ["articles/admin-desk.js", "articles/admin-photos.js"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_photo":
            # The photo library's chooser instead of a list of every photo.
            kwargs["widget"] = LeadPhotoWidget(db_field.remote_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Scope: reporters work on their own stories, editors on all of them.

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        if self._is_related_link_lookup(request):
            # Reporters may link to any published story, but never learn the headlines of
            # other people's drafts.
            return queryset.linkable_by(request.user)
        queryset = queryset.editable_by(request.user).with_submitted_at()
        return queryset.prefetch_related(
            "section", Prefetch("bylines", queryset=Byline.objects.select_related("person"))
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "tags":  # what the tag autocomplete offers, enforced
            kwargs["queryset"] = tags_visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @staticmethod
    def _is_related_link_lookup(request: HttpRequest) -> bool:
        match = getattr(request, "resolver_match", None)
        return (
            match is not None
            and match.url_name == "autocomplete"
            and request.GET.get("model_name") == "relatedlink"
            and request.GET.get("field_name") == "target"
        )

    def _may_edit(self, request: HttpRequest, obj: Article | None) -> bool:
        if obj is None:
            return True
        # Asked for the story and for each inline's permissions: answer once per request.
        known = request.__dict__.setdefault("_newsroom_may_edit", {})
        if obj.pk not in known:
            known[obj.pk] = Article.objects.editable_by(request.user).filter(pk=obj.pk).exists()
        return known[obj.pk]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may_edit(request, obj)

    def get_ordering(self, request: HttpRequest):
        if request.GET.get(DeskFilter.parameter_name) == "review":
            return [models.F("submitted_at").asc(nulls_first=True), "pk"]
        return super().get_ordering(request)

    def changelist_view(self, request, extra_context=None):
        user = request.user
        extra_context = {
            "may_review": user.has_perm("articles.review_article"),
            "may_recover": self._may_recover(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    # Columns.

    @admin.display(description="waiting since", ordering="submitted_at")
    def waiting(self, obj: Article):
        if obj.status != Status.SUBMITTED or not getattr(obj, "submitted_at", None):
            return "—"
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            obj.submitted_at.isoformat(),
            timezone.localtime(obj.submitted_at).strftime("%Y-%m-%d %H:%M %Z"),
            naturaltime(obj.submitted_at),
        )

    @admin.display(description="authors")
    def author_names(self, obj: Article) -> str:
        return ", ".join(b.person.name for b in obj.bylines.all())

    @admin.display(description="live")
    def live_link(self, obj: Article):
        publication = getattr(obj, "publication", None)
        if publication is None:
            return "—"
        if not publication.is_current:
            return "Withdrawn"
        return format_html('<a href="{}">View</a>', publication.get_absolute_url())

    # Saving: one revision per save, made by the service, not by VersionAdmin.

    @contextmanager
    def create_revision(self, request):
        yield

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.save()
            return
        # Only the fields the form edits: status, approval, schedule and edit_version belong
        # to the services, and this copy of the row may be older than theirs.
        editable = {f.name for f in obj._meta.concrete_fields if f.editable and not f.primary_key}
        obj.save(update_fields=[name for name in form.fields if name in editable] + ["updated_at"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        comment = (
            form.cleaned_data.get("revision_comment")
            or LogEntry(
                change_message=construct_change_message(form, formsets, not change)
            ).get_change_message()
            or ("Created" if not change else "Saved")
        )
        article_commit_edit(article=form.instance, user=request.user, comment=comment)

    def delete_model(self, request, obj):
        article_delete(article=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            article_delete(article=article, user=request.user)

    # Preview.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            *super().get_urls(),
        ]

    @method_decorator(never_cache)
    def preview_view(self, request: HttpRequest, object_id: str):
        article = self._story(request, object_id)  # 404 for a malformed id or another desk's
        view = story.from_snapshot(snapshots.of_article(article))
        publication = getattr(article, "publication", None)
        if publication is not None:
            view.published_at, view.updated_at = publication.published_at, publication.updated_at
        return render_story(request, view, preview="the working copy")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError:
            # Another desk took this address between our form's unique check and the save.
            # The transaction was rolled back; asking again shows the form with its data
            # and the clash as a field error, instead of a 500 that loses the edit.
            if request.method != "POST":
                raise
            return super().changeform_view(request, object_id, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        extra_context["preview_url"] = reverse(
            "admin:articles_article_preview", kwargs={"object_id": object_id}
        )
        return super().change_view(request, object_id, form_url, extra_context)

