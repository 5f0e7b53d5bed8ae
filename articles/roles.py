"""The newsroom's two roles as Django groups with their permissions.

`ensure_roles()` is idempotent; `manage.py newsroom_roles` and `load_demo` call it. A host
site may instead give these permissions to groups of its own.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from photos.roles import EDITOR_PERMISSIONS as PHOTO_EDITOR_PERMISSIONS
from photos.roles import REPORTER_PERMISSIONS as PHOTO_REPORTER_PERMISSIONS

REPORTERS = "Reporters"
EDITORS = "Editors"

_REPORTER_PERMISSIONS = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.submit_article",
    "articles.add_byline",
    "articles.change_byline",
    "articles.delete_byline",
    "articles.view_byline",
    "articles.add_credit",
    "articles.change_credit",
    "articles.delete_credit",
    "articles.view_credit",
    "articles.add_relatedlink",
    "articles.change_relatedlink",
    "articles.delete_relatedlink",
    "articles.view_relatedlink",
    "articles.add_correction",
    "articles.change_correction",
    "articles.view_correction",
    "articles.view_section",
    "articles.add_tag",
    "articles.view_tag",
    "contributors.add_person",
    "contributors.view_person",
    "contributors.view_organisation",
    # The photo library: upload, edit and choose photos (deleting is the editors').
    *PHOTO_REPORTER_PERMISSIONS,
]
_EDITOR_PERMISSIONS = [
    *_REPORTER_PERMISSIONS,
    *(p for p in PHOTO_EDITOR_PERMISSIONS if p not in PHOTO_REPORTER_PERMISSIONS),
    "articles.delete_article",
    "articles.change_any_article",
    "articles.review_article",
    "articles.publish_article",
    "articles.share_article",
    "articles.delete_correction",
    "articles.add_section",
    "articles.change_section",
    "articles.change_tag",
    "articles.delete_tag",
    "articles.view_articleevent",  # the story log, read-only
    "contributors.change_person",
    "contributors.add_organisation",
    "contributors.change_organisation",
    "contributors.add_sociallink",
    "contributors.change_sociallink",
    "contributors.delete_sociallink",
    "contributors.view_sociallink",
]
ROLES = {REPORTERS: _REPORTER_PERMISSIONS, EDITORS: _EDITOR_PERMISSIONS}
# Permissions of optional apps, granted when the app is installed.
_OPTIONAL = {
    EDITORS: [
        "audit.view_auditentry",
        "apstyle.view_stylereport",
        "apstyle.add_acceptedfinding",
        "apstyle.view_acceptedfinding",
        "apstyle.delete_acceptedfinding",
        # House rules: editors keep them (a style is deleted by an administrator only).
        "apstyle.add_housestyle",
        "apstyle.change_housestyle",
        "apstyle.view_housestyle",
        "apstyle.add_houseterm",
        "apstyle.change_houseterm",
        "apstyle.delete_houseterm",
        "apstyle.view_houseterm",
        "apstyle.add_rulesetting",
        "apstyle.change_rulesetting",
        "apstyle.delete_rulesetting",
        "apstyle.view_rulesetting",
    ]
}


def _permissions(names: list[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return found


@transaction.atomic
def ensure_roles(extra: dict[str, list[str]] | None = None) -> dict[str, Group]:
    """Create or update the Reporters and Editors groups (and any `extra` ones) so each
    has exactly its listed permissions. Returns the groups by name."""
    roles = {name: list(perms) for name, perms in ROLES.items()}
    for name, perms in _OPTIONAL.items():
        roles[name] += [p for p in perms if apps.is_installed(p.split(".")[0])]
    groups = {}
    for name, permissions in {**roles, **(extra or {})}.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(permissions))
        groups[name] = group
    return groups
