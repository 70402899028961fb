"""Django's Redis cache with one `redis.Redis` client per connection pool.

Django builds a new client for every cache call, and redis-py builds its table of
response callbacks (hundreds of entries) in each client's constructor: on an API request
that reads the throttle, the catalog generation and a cached page, that was about half a
millisecond of the request. A client is thread-safe and holds no connection of its own
(the pool does), so one per pool is enough.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
