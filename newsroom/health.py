"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.services.scheduling import scheduler_status
from newsroom.celery import app


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers. Touches neither the database nor the broker."""
    return HttpResponse("ok\n", content_type="text/plain")


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _check_broker() -> dict:
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "transport": conn.transport_cls}


def _check_scheduler() -> dict:
    """The scheduler's heartbeat and overdue stories, from the database alone, so it answers
    with Redis down. Not ok when no sweep has finished for three intervals (beat or every
    worker is down) or a story is past its publication or take-down time."""
    return scheduler_status().as_dict()


CHECKS = {"database": _check_database, "broker": _check_broker, "scheduler": _check_scheduler}

# Checks that report trouble elsewhere without making this instance unready: a dead beat
# must not take every web server out of the load balancer. `/readyz?strict=1` (for
# monitoring) counts them too.
ADVISORY = {"scheduler"}


def may_see_details(request: HttpRequest) -> bool:
    """Signed-in active staff, or a request bearing NEWSROOM_HEALTH_TOKEN: the details name
    the broker's transport, timings and overdue stories, which nobody else needs."""
    token = settings.NEWSROOM_HEALTH_TOKEN
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    if token and scheme.lower() == "bearer" and constant_time_compare(offered.strip(), token):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Whether this instance can do its work: 200 when every check passes, 503 otherwise,
    for anyone (load balancers need no credentials). Advisory checks that fail are listed
    under `degraded`; with `?strict=1` they fail the probe too. The checks' results and
    errors, `degraded` and `strict` are for staff and holders of the health token
    (`may_see_details`); everyone else gets `{"ok": ...}`."""
    details = may_see_details(request)
    strict = details and request.GET.get("strict") in ("1", "true", "yes")
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            result = check()
        except Exception as error:
            result = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        result["ms"] = round((time.monotonic() - started) * 1000, 1)
        results[name] = result
    degraded = sorted(name for name in ADVISORY if name in results and not results[name]["ok"])
    ok = all(r["ok"] for name, r in results.items() if strict or name not in ADVISORY)
    body = {"ok": ok, "degraded": degraded, "checks": results} if details else {"ok": ok}
    return JsonResponse(body, status=200 if ok else 503)
