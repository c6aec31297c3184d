"""Every Redis client of the platform gives up quickly.

A Redis that hangs (accepts the connection, never answers) must cost a
request a fraction of a second, not redis-py's default of 5 s per attempt
and three retries; then the page cache steps aside and the rate limiter
falls back to memory (see config.py).
"""
from redis.backoff import NoBackoff
from redis.retry import Retry

REDIS_SCHEMES = ("redis", "rediss", "redis+unix", "unix")


def client_options(config) -> dict:
    seconds = float(config["REDIS_TIMEOUT_SECONDS"])
    return {"socket_timeout": seconds, "socket_connect_timeout": seconds, "retry": Retry(NoBackoff(), 0)}


def configure_limiter(config) -> None:
    """Before ``limiter.init_app``: the same timeouts for its Redis storage
    (settings of one's own in RATELIMIT_STORAGE_OPTIONS win)."""
    uri = config.get("RATELIMIT_STORAGE_URI") or ""
    if uri.split("://", 1)[0] in REDIS_SCHEMES:
        config["RATELIMIT_STORAGE_OPTIONS"] = {**client_options(config),
                                               **(config.get("RATELIMIT_STORAGE_OPTIONS") or {})}
