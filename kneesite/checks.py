"""Start-up checks (`manage.py check`, and every command that runs checks, migrate included):
the caches kneesite/cache.py relies on can do their job. They warn and never fail: the site
serves pages uncached when a cache does not work."""

from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.core.checks import Tags, Warning, register
from django.utils.module_loading import import_string

from kneesite.cache import _writable

EVICTING_POLICIES = ("allkeys-lru", "allkeys-lfu", "allkeys-random")


@register(Tags.caches)
def check_redis_evicts(app_configs=None, **kwargs):
    """Redis, when REDIS_URL is set, must have a `maxmemory` and evict when full: each distinct
    address is one more cached page, and a full Redis that refuses writes is a slow Redis."""
    if not settings.REDIS_URL:
        return []
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL,
            socket_connect_timeout=settings.REDIS_TIMEOUT,
            socket_timeout=settings.REDIS_TIMEOUT,
        )
        config = {**client.config_get("maxmemory"), **client.config_get("maxmemory-policy")}
    except redis.RedisError as error:
        return [
            Warning(
                f"Could not read Redis's memory settings ({type(error).__name__}: {error}).",
                hint="Pages are served uncached while Redis cannot be reached. Make sure Redis runs with "
                "maxmemory and maxmemory-policy allkeys-lru.",
                id="kneesite.W001",
            )
        ]
    maxmemory = int(config.get(b"maxmemory", config.get("maxmemory", 0)) or 0)
    policy = config.get(b"maxmemory-policy", config.get("maxmemory-policy", b""))
    policy = policy.decode() if isinstance(policy, bytes) else policy
    if maxmemory and policy in EVICTING_POLICIES:
        return []
    return [
        Warning(
            f"Redis has maxmemory {maxmemory} and maxmemory-policy {policy or 'unknown'}: "
            "it may grow without bound, or refuse to store pages when full.",
            hint="Set maxmemory (e.g. 256mb) and maxmemory-policy allkeys-lru in redis.conf, "
            "or run: redis-cli CONFIG SET maxmemory 256mb; redis-cli CONFIG SET maxmemory-policy allkeys-lru",
            id="kneesite.W002",
        )
    ]


@register(Tags.caches)
def check_cache_directory_writable(app_configs=None, **kwargs):
    """The cache directory (DJANGO_CACHE_DIR) must be writable by the user running the site."""
    warnings = []
    for config in settings.CACHES.values():
        if issubclass(import_string(config["BACKEND"]), FileBasedCache) and not _writable(config["LOCATION"]):
            warnings.append(
                Warning(
                    f"The cache directory {config['LOCATION']} cannot be written by this user.",
                    hint="Pages will be served uncached (slower) until it can. Set DJANGO_CACHE_DIR to a "
                    "directory this user may write, or fix its owner or permissions.",
                    id="kneesite.W003",
                )
            )
    return warnings
