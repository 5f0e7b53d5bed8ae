"""A Redis cache that degrades to a miss when Redis is unreachable.

Django's RedisCache raises when Redis is down, which would turn every cached page into a
500 during a Redis outage. The cache is an optimisation, so here a failed read is a miss
and a failed write is skipped (and logged); pages keep serving from the database.
"""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
_OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrade(default_factory):
    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except _OUTAGE as error:
                logger.warning("Cache unavailable (%s): %s skipped", error, method.__name__)
                return default_factory(*args, **kwargs)

        return wrapper

    return decorator


def _default(key=None, default=None, *args, **kwargs):
    return default


class _SharedClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` for every operation, and building one
    (its table of response callbacks) costs more than the round trip of a page-cache hit
    (about 100 µs). Here one per connection pool is kept: a `redis.Redis` is safe to share
    between threads (each command borrows a connection from the pool, which also starts
    afresh in a forked child)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClient

    get = _degrade(_default)(RedisCache.get)
    set = _degrade(lambda *a, **k: None)(RedisCache.set)
    add = _degrade(lambda *a, **k: False)(RedisCache.add)
    touch = _degrade(lambda *a, **k: False)(RedisCache.touch)
    delete = _degrade(lambda *a, **k: False)(RedisCache.delete)
    get_many = _degrade(lambda *a, **k: {})(RedisCache.get_many)
    set_many = _degrade(lambda keys, *a, **k: list(keys))(RedisCache.set_many)
    delete_many = _degrade(lambda *a, **k: None)(RedisCache.delete_many)
    has_key = _degrade(lambda *a, **k: False)(RedisCache.has_key)
    clear = _degrade(lambda *a, **k: False)(RedisCache.clear)
