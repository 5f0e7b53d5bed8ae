"""The house styles stored in the database, as the engine's `HouseRules`, cached by
rule-set version.

`ruleset_version()` is cheap (a few aggregate queries) and changes whenever a style,
term or rule setting is added, edited or deleted, or the rule pack is upgraded. Callers
key cached check results by it (e.g. a Celery task keyed by (revision id, version)).
`house_rules_from_db()` rebuilds only when the version changes, and the engine reuses
the compiled checker for an equal rule set.
"""

from __future__ import annotations

import hashlib
import threading

from django.db.models import Count, Max, Sum

from .engine import RULEPACK_VERSION, HouseRules, Severity, Term
from .models import HouseStyle, HouseTerm, RuleSetting

_cache: dict[str, HouseRules] = {}
_lock = threading.Lock()
_MAX_CACHED = 32


def get_style(style: HouseStyle | str | None = None) -> HouseStyle | None:
    """The named style (instance or slug), else the default style, else None."""
    if isinstance(style, HouseStyle):
        return style
    if style:
        return HouseStyle.objects.get(slug=style)
    return HouseStyle.objects.filter(is_default=True).first()


def ruleset_version(style: HouseStyle | str | None = None) -> str:
    """A short string that changes whenever the effective rule set changes."""
    obj = get_style(style)
    if obj is None:
        return f"{RULEPACK_VERSION}:ap"
    obj.refresh_from_db(fields=["updated_at", "edition"])
    parts: list[object] = [RULEPACK_VERSION, obj.pk, obj.updated_at.isoformat(), obj.edition]
    for model in (HouseTerm, RuleSetting):
        agg = model.objects.filter(style=obj).aggregate(
            n=Count("id"), ids=Sum("id"), last=Max("updated_at")
        )
        parts.extend([agg["n"], agg["ids"], agg["last"].isoformat() if agg["last"] else ""])
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:12]
    return f"{RULEPACK_VERSION}:{obj.slug}:{digest}"


def house_rules_from_db(style: HouseStyle | str | None = None) -> HouseRules | None:
    """The house rules of `style` (default style if None); None when no style exists."""
    obj = get_style(style)
    if obj is None:
        return None
    version = ruleset_version(obj)
    cached = _cache.get(version)
    if cached is not None:
        return cached
    rules = _build(obj, version)
    with _lock:
        if len(_cache) >= _MAX_CACHED:
            _cache.clear()
        _cache[version] = rules
    return rules


def current_rule_set() -> tuple[HouseRules | None, str]:
    """The rule set checks use now: the default style's house rules (None: the AP pack
    alone) and its version, which stored reports are keyed by."""
    rules = house_rules_from_db()
    return rules, rules.version if rules is not None else ruleset_version()


def _build(style: HouseStyle, version: str) -> HouseRules:
    subs: list[Term] = []
    forbidden: list[Term] = []
    allowed: list[str] = []
    for t in style.terms.all():
        if t.kind == HouseTerm.Kind.ALLOW:
            allowed.append(t.term)
            continue
        term = Term(
            t.term,
            t.replacements,
            message=t.message,
            severity=Severity(t.severity),
            case_sensitive=t.case_sensitive,
        )
        (subs if t.kind == HouseTerm.Kind.SUBSTITUTE else forbidden).append(term)
    settings = list(style.rule_settings.all())
    return HouseRules(
        substitutions=tuple(subs),
        forbidden=tuple(forbidden),
        allowed=tuple(allowed),
        disabled=frozenset(s.rule_id for s in settings if not s.enabled),
        enabled=frozenset(s.rule_id for s in settings if s.enabled),
        severities=tuple(sorted((s.rule_id, Severity(s.severity)) for s in settings if s.severity)),
        edition=style.edition,
        version=version,
        name=style.name,
    )
