"""With Redis down, pages still serve and /readyz says what is wrong."""

import pytest

from tests.conftest import publish
from tests.factories import ArticleFactory

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1

pytestmark = pytest.mark.django_db


def test_resilient_cache_turns_an_outage_into_misses(settings):
    from newsroom.cache import ResilientRedisCache

    cache = ResilientRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 0.2}})
    assert cache.get("k", "fallback") == "fallback"
    cache.set("k", "v")
    assert cache.add("k", "v") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("k") is False


def test_pages_serve_and_readyz_reports_when_the_broker_is_down(client, settings):
    from newsroom.celery import app

    publish(ArticleFactory(headline="Still readable", slug="still"))
    app.conf.broker_url = DEAD_REDIS
    try:
        assert client.get("/news/still/").status_code == 200
        assert client.get("/").status_code == 200
        settings.NEWSROOM_HEALTH_TOKEN = "monitoring-token"  # details need it (issue 19)
        response = client.get("/readyz", HTTP_AUTHORIZATION="Bearer monitoring-token")
        assert response.status_code == 503
        body = response.json()
        assert body["checks"]["database"]["ok"] is True
        assert body["checks"]["broker"]["ok"] is False
        assert body["checks"]["broker"]["error"]
    finally:
        app.conf.broker_url = settings.CELERY_BROKER_URL
