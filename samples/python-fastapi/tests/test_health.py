from fastapi.testclient import TestClient


def test_liveness_does_not_touch_dependencies(client: TestClient) -> None:
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_reports_unreachable_dependencies(client: TestClient) -> None:
    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "error", "redis": "error"},
    }


def test_metrics_are_exposed(client: TestClient) -> None:
    client.get("/health/live")

    body = client.get("/metrics/").text

    assert 'docsearch_http_requests_total{method="GET",route="/health/live",status="200"}' in body


def test_cors_allows_only_configured_origins(client: TestClient) -> None:
    preflight = {"Access-Control-Request-Method": "POST"}

    allowed = client.options(
        "/v1/search", headers={"Origin": "https://docs.example.com", **preflight}
    )
    denied = client.options("/v1/search", headers={"Origin": "https://evil.example", **preflight})

    assert allowed.headers["access-control-allow-origin"] == "https://docs.example.com"
    assert "access-control-allow-origin" not in denied.headers
