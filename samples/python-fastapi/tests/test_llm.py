import uuid
from types import SimpleNamespace
from typing import Any

import httpx
import openai
import pytest

from app.llm import AnswerGenerator
from app.retrieval import Passage

PASSAGES = [Passage(uuid.UUID(int=1), "Key policy", "Keys rotate every 90 days.", 0.9)]
REQUEST = httpx.Request("POST", "http://llm.invalid/v1/chat/completions")


class ScriptedCompletions:
    """Fails with the given errors, in order, then answers."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls: list[dict] = []

    def create(self, **kwargs: object) -> SimpleNamespace:
        self.calls.append(kwargs)
        if self.errors:
            raise self.errors.pop(0)
        message = SimpleNamespace(content="Every 90 days [Key policy].")
        return SimpleNamespace(choices=[SimpleNamespace(message=message)])


def generator(completions: ScriptedCompletions, attempts: int = 3) -> AnswerGenerator:
    client: Any = SimpleNamespace(chat=SimpleNamespace(completions=completions))
    return AnswerGenerator(client, "gpt-4o-mini", attempts=attempts, backoff_seconds=0)


def test_transient_errors_are_retried() -> None:
    completions = ScriptedCompletions(
        openai.APITimeoutError(request=REQUEST), openai.APIConnectionError(request=REQUEST)
    )

    answer = generator(completions).answer("How often do keys rotate?", PASSAGES)

    assert answer == "Every 90 days [Key policy]."
    assert len(completions.calls) == 3


def test_gives_up_after_the_last_attempt() -> None:
    completions = ScriptedCompletions(*[openai.APITimeoutError(request=REQUEST)] * 3)

    with pytest.raises(openai.APITimeoutError):
        generator(completions, attempts=3).answer("How often do keys rotate?", PASSAGES)
    assert len(completions.calls) == 3


def test_bad_request_is_not_retried() -> None:
    response = httpx.Response(400, request=REQUEST)
    completions = ScriptedCompletions(
        openai.BadRequestError("invalid model", response=response, body=None)
    )

    with pytest.raises(openai.BadRequestError):
        generator(completions).answer("How often do keys rotate?", PASSAGES)
    assert len(completions.calls) == 1


def test_prompt_contains_the_passages_and_the_question() -> None:
    completions = ScriptedCompletions()

    generator(completions).answer("How often do keys rotate?", PASSAGES)

    user_message = completions.calls[0]["messages"][1]["content"]
    assert "[Key policy]\nKeys rotate every 90 days." in user_message
    assert user_message.endswith("Question: How often do keys rotate?")
