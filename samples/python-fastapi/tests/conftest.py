import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

# Settings are read at import time of app.main; point every dependency somewhere that
# refuses connections at once, so nothing here can reach a real service.
os.environ.update(
    {
        "OPENAI_API_KEY": "sk-test-EXAMPLE-not-a-real-key",
        "API_KEYS": "test-key-current,test-key-previous",
        "DATABASE_URL": "postgresql+psycopg://docsearch:docsearch@127.0.0.1:1/docsearch",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "CORS_ORIGINS": "https://docs.example.com",
        "LOG_LEVEL": "WARNING",
    }
)

from fastapi.testclient import TestClient  # noqa: E402

from app.cache import get_cache  # noqa: E402
from app.llm import get_answerer  # noqa: E402
from app.main import app  # noqa: E402
from app.retrieval import Passage, get_retriever  # noqa: E402

API_KEY = "test-key-current"


class StaticRetriever:
    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        self.calls = 0

    def search(self, collection: str, question: str, limit: int) -> list[Passage]:
        self.calls += 1
        return self.passages[:limit]


class RecordingAnswerer:
    def __init__(self, answer: str = "Rotate keys every 90 days [Key policy].") -> None:
        self.answer_text = answer
        self.questions: list[str] = []

    def answer(self, question: str, passages: list[Passage]) -> str:
        self.questions.append(question)
        return self.answer_text


class MemoryCache:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], dict[str, Any]] = {}

    def get(self, collection: str, question: str) -> dict[str, Any] | None:
        return self.values.get((collection, question))

    def put(self, collection: str, question: str, value: dict[str, Any]) -> None:
        self.values[(collection, question)] = value


@pytest.fixture
def passages() -> list[Passage]:
    return [
        Passage(uuid.UUID(int=1), "Key policy", "API keys are rotated every 90 days.", 0.8),
        Passage(uuid.UUID(int=2), "Onboarding", "New services get a key from the portal.", 0.3),
    ]


@pytest.fixture
def retriever(passages: list[Passage]) -> StaticRetriever:
    return StaticRetriever(passages)


@pytest.fixture
def answerer() -> RecordingAnswerer:
    return RecordingAnswerer()


@pytest.fixture
def cache() -> MemoryCache:
    return MemoryCache()


@pytest.fixture
def client(
    retriever: StaticRetriever, answerer: RecordingAnswerer, cache: MemoryCache
) -> Iterator[TestClient]:
    app.dependency_overrides[get_retriever] = lambda: retriever
    app.dependency_overrides[get_answerer] = lambda: answerer
    app.dependency_overrides[get_cache] = lambda: cache
    with TestClient(app) as test_client:
        yield test_client
    app.dependency_overrides.clear()
