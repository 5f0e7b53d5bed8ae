"""The permissions a newsroom's roles need for the photo library.

Reporters and editors upload, edit and choose photos; only editors (and anyone else a site
gives `photos.delete_photo`) delete them, and never a photo something still uses (see
`photos.usage`). A site with the newsroom's `articles.roles` adds these lists to its
Reporters and Editors; any other host gives them to groups of its own, or calls
`grant_permissions`.
"""

from __future__ import annotations

from collections.abc import Iterable

REPORTER_PERMISSIONS = ["photos.add_photo", "photos.change_photo", "photos.view_photo"]
EDITOR_PERMISSIONS = [*REPORTER_PERMISSIONS, "photos.delete_photo"]
ROLE_PERMISSIONS = {"Reporters": REPORTER_PERMISSIONS, "Editors": EDITOR_PERMISSIONS}


def grant_permissions(groups: Iterable | None = None) -> None:
    """Add the photo permissions to `groups` (Group objects; default: the groups named in
    ROLE_PERMISSIONS that exist), by group name. Other permissions are left as they are."""
    # Imported here: this module is plain data that settings-time code may import.
    from django.contrib.auth.models import Group, Permission

    if groups is None:
        groups = Group.objects.filter(name__in=ROLE_PERMISSIONS)
    for group in groups:
        codenames = [name.split(".", 1)[1] for name in ROLE_PERMISSIONS.get(group.name, [])]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="photos", codename__in=codenames)
        )
