import hashlib
import hmac
import logging

from fastapi import Depends, HTTPException, Security, status
from fastapi.security import APIKeyHeader

from app.config import Settings, get_settings

logger = logging.getLogger(__name__)

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def key_fingerprint(key: str) -> str:
    """A short, non-reversible id for a key, safe to log."""
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def require_api_key(
    presented: str | None = Security(api_key_header),
    settings: Settings = Depends(get_settings),
) -> str:
    """Accepts any configured key; returns the key's fingerprint for logging and metrics."""
    if not presented:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Missing API key",
            headers={"WWW-Authenticate": "ApiKey"},
        )
    matched = None
    # Compare against every key (no early exit) so timing does not reveal which one matched.
    for candidate in settings.api_key_list():
        if hmac.compare_digest(presented.encode(), candidate.encode()):
            matched = candidate
    if matched is None:
        logger.warning("rejected API key", extra={"key_fingerprint": key_fingerprint(presented)})
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Invalid API key",
            headers={"WWW-Authenticate": "ApiKey"},
        )
    return key_fingerprint(matched)
