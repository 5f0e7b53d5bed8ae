"""Signal receivers that write the audit trail."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .context import current_actor
from .models import AuditEntry

User = get_user_model()
AUDITED_DELETIONS = {
    "auth.user",
    "auth.group",
    "articles.article",
    "articles.section",
    "articles.tag",
    "contributors.person",
    "contributors.organisation",
    "apstyle.houserule",
}
_FLAGS = ("is_active", "is_staff", "is_superuser")


def record(action: str, target, **detail) -> AuditEntry:
    actor = current_actor()
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=getattr(actor, "username", "") or "system",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        detail=detail,
    )


@receiver(m2m_changed, sender=User.groups.through)
def user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    verb = AuditEntry.Action.GROUP_ADDED if action == "post_add" else AuditEntry.Action.GROUP_REMOVED
    if reverse:  # group.user_set.add(...)
        for user in User.objects.filter(pk__in=pk_set):
            record(verb, user, group=instance.name)
    else:
        for group in Group.objects.filter(pk__in=pk_set):
            record(verb, instance, group=group.name)


def _permissions_changed(instance, action, pk_set):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    verb = (
        AuditEntry.Action.PERMISSION_ADDED
        if action == "post_add"
        else AuditEntry.Action.PERMISSION_REMOVED
    )
    names = sorted(
        f"{app}.{code}"
        for app, code in Permission.objects.filter(pk__in=pk_set).values_list(
            "content_type__app_label", "codename"
        )
    )
    record(verb, instance, permissions=names)


@receiver(m2m_changed, sender=Group.permissions.through)
def group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        _permissions_changed(instance, action, pk_set)


@receiver(m2m_changed, sender=User.user_permissions.through)
def user_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        _permissions_changed(instance, action, pk_set)


@receiver(pre_save, sender=User)
def remember_flags(sender, instance, **kwargs):
    if instance.pk:
        instance._audit_flags = (
            User.objects.filter(pk=instance.pk).values(*_FLAGS).first() or {}
        )


@receiver(post_save, sender=User)
def user_flags_changed(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_flags", None)
    if created or not before:
        return
    changes = {
        flag: [before[flag], getattr(instance, flag)]
        for flag in _FLAGS
        if before.get(flag) != getattr(instance, flag)
    }
    if changes:
        record(AuditEntry.Action.FLAGS_CHANGED, instance, changes=changes)


@receiver(post_delete)
def object_deleted(sender, instance, **kwargs):
    if sender._meta.label_lower in AUDITED_DELETIONS:
        record(AuditEntry.Action.DELETED, instance)
