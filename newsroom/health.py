"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import time

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers. Touches neither the database nor the broker."""
    return HttpResponse("ok\n", content_type="text/plain")


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _check_broker() -> dict:
    from newsroom.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "transport": conn.transport_cls}


CHECKS = {"database": _check_database, "broker": _check_broker}


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Whether this instance can do its work: 200 when every check passes, 503 with the
    failing checks' errors otherwise."""
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            result = check()
        except Exception as error:  # noqa: BLE001  a probe reports every failure
            result = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        result["ms"] = round((time.monotonic() - started) * 1000, 1)
        results[name] = result
    ok = all(r["ok"] for r in results.values())
    return JsonResponse({"ok": ok, "checks": results}, status=200 if ok else 503)
