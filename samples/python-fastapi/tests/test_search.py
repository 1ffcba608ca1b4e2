import httpx
import openai
from fastapi.testclient import TestClient

from app.routes import NO_MATCH_ANSWER
from tests.conftest import API_KEY, MemoryCache, RecordingAnswerer, StaticRetriever

HEADERS = {"X-API-Key": API_KEY}
QUESTION = {"collection": "handbook", "question": "How often are API keys rotated?"}


def test_search_answers_with_sources(client: TestClient, answerer: RecordingAnswerer) -> None:
    response = client.post("/v1/search", json=QUESTION, headers=HEADERS)

    assert response.status_code == 200
    body = response.json()
    assert body["answer"] == "Rotate keys every 90 days [Key policy]."
    assert [source["title"] for source in body["sources"]] == ["Key policy", "Onboarding"]
    assert body["cached"] is False
    assert answerer.questions == ["How often are API keys rotated?"]


def test_second_identical_question_is_served_from_cache(
    client: TestClient, answerer: RecordingAnswerer, retriever: StaticRetriever
) -> None:
    client.post("/v1/search", json=QUESTION, headers=HEADERS)
    second = client.post("/v1/search", json=QUESTION, headers=HEADERS)

    assert second.json()["cached"] is True
    assert len(answerer.questions) == 1
    assert retriever.calls == 1


def test_no_matching_documents_skips_the_llm(
    client: TestClient, answerer: RecordingAnswerer, retriever: StaticRetriever
) -> None:
    retriever.passages = []

    response = client.post("/v1/search", json=QUESTION, headers=HEADERS)

    assert response.json() == {"answer": NO_MATCH_ANSWER, "sources": [], "cached": False}
    assert answerer.questions == []


def test_llm_outage_returns_503_and_caches_nothing(
    client: TestClient, answerer: RecordingAnswerer, cache: MemoryCache
) -> None:
    def fail(question: str, passages: object) -> str:
        request = httpx.Request("POST", "http://llm.invalid/v1/chat/completions")
        raise openai.APIConnectionError(request=request)

    answerer.answer = fail  # type: ignore[method-assign]

    response = client.post("/v1/search", json=QUESTION, headers=HEADERS)

    assert response.status_code == 503
    assert cache.values == {}


def test_question_too_short_is_rejected(client: TestClient) -> None:
    response = client.post(
        "/v1/search", json={"collection": "handbook", "question": "?"}, headers=HEADERS
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "question"]


def test_top_k_is_bounded(client: TestClient) -> None:
    response = client.post("/v1/search", json={**QUESTION, "top_k": 500}, headers=HEADERS)

    assert response.status_code == 422


def test_collection_name_is_validated(client: TestClient) -> None:
    response = client.post(
        "/v1/search", json={**QUESTION, "collection": "../etc"}, headers=HEADERS
    )

    assert response.status_code == 422
