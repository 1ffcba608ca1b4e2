import hashlib
import json
import logging
from typing import Any

import redis
from fastapi import Request

from app.config import get_settings
from app.metrics import ANSWER_CACHE

logger = logging.getLogger(__name__)


class AnswerCache:
    """Caches answers per (collection, question). Redis being down only costs a cache miss."""

    def __init__(self, client: redis.Redis, ttl_seconds: int) -> None:
        self._client = client
        self._ttl = ttl_seconds

    @staticmethod
    def key(collection: str, question: str) -> str:
        normalized = " ".join(question.lower().split())
        digest = hashlib.sha256(f"{collection}\x00{normalized}".encode()).hexdigest()
        return f"docsearch:answer:{digest}"

    def get(self, collection: str, question: str) -> dict[str, Any] | None:
        try:
            raw = self._client.get(self.key(collection, question))
        except redis.RedisError:
            logger.warning("answer cache unavailable", exc_info=True)
            ANSWER_CACHE.labels(result="error").inc()
            return None
        ANSWER_CACHE.labels(result="hit" if raw else "miss").inc()
        return json.loads(raw) if raw else None

    def put(self, collection: str, question: str, value: dict[str, Any]) -> None:
        try:
            self._client.setex(self.key(collection, question), self._ttl, json.dumps(value))
        except redis.RedisError:
            logger.warning("could not store answer in cache", exc_info=True)


def get_cache(request: Request) -> AnswerCache:
    return AnswerCache(request.app.state.redis, get_settings().answer_cache_ttl_seconds)
