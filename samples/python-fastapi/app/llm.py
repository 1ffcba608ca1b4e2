import logging
import time
from typing import Any

from fastapi import Request
from openai import (
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    OpenAI,
    OpenAIError,
    RateLimitError,
)
from tenacity import (
    Retrying,
    before_sleep_log,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from app.config import get_settings
from app.metrics import LLM_LATENCY, LLM_REQUESTS
from app.retrieval import Passage

logger = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You are a documentation assistant. Answer the question using only the documents below. "
    "Cite the titles of the documents you used in square brackets. "
    "If the documents do not contain the answer, say so."
)

# Errors worth another attempt; anything else (bad request, auth) fails at once.
TRANSIENT_ERRORS = (APIConnectionError, APITimeoutError, RateLimitError, InternalServerError)


class AnswerGenerator:
    """Writes an answer from retrieved passages with a chat completion."""

    def __init__(
        self, client: OpenAI, model: str, attempts: int = 4, backoff_seconds: float = 0.5
    ) -> None:
        self._client = client
        self._model = model
        self._retrying = Retrying(
            retry=retry_if_exception_type(TRANSIENT_ERRORS),
            wait=wait_exponential(multiplier=backoff_seconds, max=8),
            stop=stop_after_attempt(attempts),
            before_sleep=before_sleep_log(logger, logging.WARNING),
            reraise=True,
        )

    def answer(self, question: str, passages: list[Passage]) -> str:
        context = "\n\n".join(f"[{p.title}]\n{p.body}" for p in passages)
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Documents:\n{context}\n\nQuestion: {question}"},
        ]
        started = time.perf_counter()
        try:
            response = self._retrying(
                self._client.chat.completions.create,
                model=self._model,
                messages=messages,
                temperature=0.1,
            )
        except OpenAIError:
            LLM_REQUESTS.labels(outcome="error").inc()
            raise
        finally:
            LLM_LATENCY.observe(time.perf_counter() - started)
        LLM_REQUESTS.labels(outcome="ok").inc()
        return response.choices[0].message.content or ""


def get_answerer(request: Request) -> AnswerGenerator:
    settings = get_settings()
    return AnswerGenerator(
        request.app.state.openai, settings.openai_model, attempts=settings.openai_attempts
    )
