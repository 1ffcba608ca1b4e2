import json
import logging

from app.logging_config import REDACTED, JsonFormatter, redact


def format_record(message: str, **extra: object) -> dict:
    record = logging.makeLogRecord({"name": "test", "levelname": "INFO", "msg": message, **extra})
    return json.loads(JsonFormatter().format(record))


def test_sensitive_extra_fields_are_redacted() -> None:
    entry = format_record("calling provider", api_key="k-123", collection="handbook")

    assert entry["api_key"] == REDACTED
    assert entry["collection"] == "handbook"


def test_provider_keys_in_messages_are_redacted() -> None:
    entry = format_record("auth failed for sk-abcdefghijklmnopqrstuvwx")

    assert entry["message"] == f"auth failed for {REDACTED}"


def test_database_password_is_redacted_but_host_kept() -> None:
    url = "postgresql+psycopg://docsearch:hunter2@db:5432/docsearch"

    assert redact(url) == f"postgresql+psycopg://docsearch:{REDACTED}@db:5432/docsearch"


def test_nested_headers_are_redacted() -> None:
    assert redact({"headers": {"Authorization": "Bearer abc.def"}}) == {
        "headers": {"Authorization": REDACTED}
    }
