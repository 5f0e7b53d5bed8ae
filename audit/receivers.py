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
    # House rules: a style, its terms and its rule settings (which the approval gate obeys).
    "apstyle.housestyle",
    "apstyle.houseterm",
    "apstyle.rulesetting",
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


def _cleared(instance, action: str, related) -> tuple[str, set | None]:
    """m2m `clear()` sends no primary keys: remember them before (`pre_clear`) and report
    them after (`post_clear`) as a removal. Returns the action to handle and its keys."""
    if action == "pre_clear":
        instance._audit_cleared = set(related.values_list("pk", flat=True))
        return action, None
    if action == "post_clear":
        return "post_remove", instance.__dict__.pop("_audit_cleared", None)
    return action, None


@receiver(m2m_changed, sender=User.groups.through)
def user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("pre_clear", "post_clear"):
        related = instance.user_set.all() if reverse else instance.groups.all()
        action, pk_set = _cleared(instance, action, related)
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    added = action == "post_add"
    verb = AuditEntry.Action.GROUP_ADDED if added else AuditEntry.Action.GROUP_REMOVED
    if reverse:  # group.user_set.add(...)
        for user in User.objects.filter(pk__in=pk_set):
            record(verb, user, group=instance.name)
    else:
        for group in Group.objects.filter(pk__in=pk_set):
            record(verb, instance, group=group.name)


def _permissions_changed(instance, action, pk_set, related):
    if action in ("pre_clear", "post_clear"):
        action, pk_set = _cleared(instance, action, related)
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
        _permissions_changed(instance, action, pk_set, instance.permissions.all())


@receiver(m2m_changed, sender=User.user_permissions.through)
def user_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        _permissions_changed(instance, action, pk_set, instance.user_permissions.all())


@receiver(pre_save, sender=User)
def remember_flags(sender, instance, **kwargs):
    if instance.pk:
        instance._audit_flags = (
            User.objects.filter(pk=instance.pk).values(*_FLAGS).first() or {}
        )


@receiver(post_save, sender=User)
def user_flags_changed(sender, instance, created, **kwargs):
    if created:
        # An account born with rights (createsuperuser, the shell, a fixture) is a change
        # of who may do what, from nothing.
        granted = {flag: [None, True] for flag in _FLAGS[1:] if getattr(instance, flag)}
        if granted:
            record(AuditEntry.Action.FLAGS_CHANGED, instance, changes=granted)
        return
    before = getattr(instance, "_audit_flags", None)
    if not before:
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
