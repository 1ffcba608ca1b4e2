import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import redis
from fastapi import Depends, FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from openai import OpenAI
from prometheus_client import make_asgi_app
from sqlalchemy.orm import sessionmaker

from app import __version__
from app.auth import require_api_key
from app.config import get_settings
from app.db import make_engine
from app.logging_config import configure_logging
from app.metrics import HTTP_LATENCY, HTTP_REQUESTS
from app.routes import api_router, health_router

logger = logging.getLogger("app")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging(settings.log_level)

    engine = make_engine(settings.database_url)
    app.state.engine = engine
    app.state.session_factory = sessionmaker(engine, expire_on_commit=False)
    app.state.redis = redis.Redis.from_url(
        settings.redis_url, socket_timeout=2, socket_connect_timeout=2
    )
    # Retries are done by tenacity in AnswerGenerator, so the SDK's own retries are off.
    app.state.openai = OpenAI(
        api_key=settings.openai_api_key.get_secret_value(),
        timeout=settings.openai_timeout_seconds,
        max_retries=0,
    )
    logger.info("startup complete", extra={"environment": settings.environment})
    try:
        yield
    finally:
        # uvicorn stops accepting connections and waits for in-flight requests
        # (--timeout-graceful-shutdown) before this runs.
        logger.info("shutting down: closing clients and the connection pool")
        app.state.openai.close()
        app.state.redis.close()
        engine.dispose()


async def observe_requests(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    started = time.perf_counter()
    response = await call_next(request)
    elapsed = time.perf_counter() - started

    route = getattr(request.scope.get("route"), "path", "unmatched")
    HTTP_REQUESTS.labels(request.method, route, str(response.status_code)).inc()
    HTTP_LATENCY.labels(request.method, route).observe(elapsed)
    response.headers["X-Request-ID"] = request_id
    logger.info(
        "request",
        extra={
            "request_id": request_id,
            "method": request.method,
            "route": route,
            "status": response.status_code,
            "duration_ms": round(elapsed * 1000, 1),
        },
    )
    return response


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="docsearch", version=__version__, lifespan=lifespan)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origin_list(),
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "X-API-Key", "X-Request-ID"],
        allow_credentials=False,
        max_age=600,
    )
    app.middleware("http")(observe_requests)
    app.include_router(health_router)
    app.include_router(api_router, dependencies=[Depends(require_api_key)])
    app.mount("/metrics", make_asgi_app())
    return app


app = create_app()
