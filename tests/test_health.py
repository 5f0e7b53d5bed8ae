import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

TOKEN = "monitoring-token-0123456789"


def test_healthz_touches_no_database(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert len(queries) == 0


@pytest.fixture
def monitoring(settings):
    """A client bearing the health token, as a monitoring system would."""
    settings.NEWSROOM_HEALTH_TOKEN = TOKEN
    return Client(HTTP_AUTHORIZATION=f"Bearer {TOKEN}")


@pytest.mark.django_db
def test_readyz_checks_database_and_broker(monitoring):
    response = monitoring.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["ok"] is True
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is True


@pytest.mark.django_db
def test_readyz_reports_a_dead_broker(monitoring, monkeypatch):
    from newsroom import health

    def broken():
        raise ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setitem(health.CHECKS, "broker", broken)
    response = monitoring.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False
    assert "Connection refused" in response.json()["checks"]["broker"]["error"]


# Issue 19: the status code is public; the details (broker transport, timings, overdue
# stories) are for staff and holders of the token.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer "]
)
def test_readyz_tells_anyone_else_only_whether_it_is_ready(settings, monkeypatch, authorization):
    from newsroom import health

    settings.NEWSROOM_HEALTH_TOKEN = TOKEN
    client = Client(**({"HTTP_AUTHORIZATION": authorization} if authorization else {}))
    response = client.get("/readyz?strict=1")
    assert response.status_code == 200  # strict is for monitoring: ignored here
    assert response.json() == {"ok": True}

    def broken():
        raise ConnectionError("Error 111 connecting to redis.internal:6379.")

    monkeypatch.setitem(health.CHECKS, "broker", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"ok": False}
    assert b"redis.internal" not in response.content


@pytest.mark.django_db
def test_readyz_shows_staff_the_details_and_no_token_works_unset(settings, editor, reader):
    settings.NEWSROOM_HEALTH_TOKEN = ""
    assert Client(HTTP_AUTHORIZATION="Bearer ").get("/readyz").json() == {"ok": True}
    client = Client()
    client.force_login(reader)  # an account, but not staff
    assert "checks" not in client.get("/readyz").json()
    client.force_login(editor)
    body = client.get("/readyz").json()
    assert body["checks"]["database"]["ok"] is True and "transport" in body["checks"]["broker"]
