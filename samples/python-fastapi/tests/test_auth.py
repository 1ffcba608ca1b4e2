from fastapi.testclient import TestClient

from app.auth import key_fingerprint

QUESTION = {"collection": "handbook", "question": "How often are API keys rotated?"}


def test_missing_key_is_rejected(client: TestClient) -> None:
    response = client.post("/v1/search", json=QUESTION)

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "ApiKey"


def test_wrong_key_is_rejected(client: TestClient) -> None:
    response = client.post("/v1/search", json=QUESTION, headers={"X-API-Key": "test-key-wrong"})

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid API key"}


def test_previous_key_still_works_during_rotation(client: TestClient) -> None:
    response = client.post("/v1/search", json=QUESTION, headers={"X-API-Key": "test-key-previous"})

    assert response.status_code == 200


def test_fingerprint_is_stable_and_does_not_contain_the_key() -> None:
    fingerprint = key_fingerprint("test-key-current")

    assert fingerprint == key_fingerprint("test-key-current")
    assert len(fingerprint) == 12
    assert "test-key" not in fingerprint
