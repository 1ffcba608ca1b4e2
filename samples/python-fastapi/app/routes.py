import logging
import uuid

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from openai import OpenAIError
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cache import AnswerCache, get_cache
from app.db import get_session
from app.llm import AnswerGenerator, get_answerer
from app.models import Document
from app.retrieval import PostgresRetriever, get_retriever
from app.schemas import DocumentIn, DocumentOut, SearchHit, SearchRequest, SearchResponse

logger = logging.getLogger(__name__)

health_router = APIRouter(prefix="/health", tags=["health"])
api_router = APIRouter(prefix="/v1")

NO_MATCH_ANSWER = "No document in this collection matches the question."


@health_router.get("/live")
def live() -> dict[str, str]:
    return {"status": "ok"}


@health_router.get("/ready")
def ready(request: Request, response: Response) -> dict[str, object]:
    checks: dict[str, str] = {}
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception:
        logger.warning("readiness: database check failed", exc_info=True)
        checks["database"] = "error"
    try:
        request.app.state.redis.ping()
        checks["redis"] = "ok"
    except Exception:
        logger.warning("readiness: redis check failed", exc_info=True)
        checks["redis"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    if not healthy:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return {"status": "ok" if healthy else "unavailable", "checks": checks}


@api_router.post("/documents", response_model=DocumentOut, status_code=status.HTTP_201_CREATED)
def create_document(body: DocumentIn, session: Session = Depends(get_session)) -> Document:
    document = Document(
        collection=body.collection,
        title=body.title,
        body=body.body,
        source_url=str(body.source_url) if body.source_url else None,
    )
    session.add(document)
    session.commit()
    session.refresh(document)
    logger.info(
        "document stored", extra={"document_id": str(document.id), "collection": body.collection}
    )
    return document


@api_router.get("/documents/{document_id}", response_model=DocumentOut)
def get_document(document_id: uuid.UUID, session: Session = Depends(get_session)) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Document not found")
    return document


@api_router.delete("/documents/{document_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_document(document_id: uuid.UUID, session: Session = Depends(get_session)) -> None:
    document = session.get(Document, document_id)
    if document is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Document not found")
    session.delete(document)
    session.commit()


@api_router.post("/search", response_model=SearchResponse)
def search(
    body: SearchRequest,
    retriever: PostgresRetriever = Depends(get_retriever),
    answerer: AnswerGenerator = Depends(get_answerer),
    cache: AnswerCache = Depends(get_cache),
) -> SearchResponse:
    cached = cache.get(body.collection, body.question)
    if cached is not None:
        return SearchResponse(**cached, cached=True)

    passages = retriever.search(body.collection, body.question, body.top_k)
    if not passages:
        return SearchResponse(answer=NO_MATCH_ANSWER, sources=[])

    try:
        answer = answerer.answer(body.question, passages)
    except OpenAIError:
        logger.exception("answer generation failed", extra={"collection": body.collection})
        raise HTTPException(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
            detail="Answer generation is temporarily unavailable",
        ) from None

    result = SearchResponse(
        answer=answer,
        sources=[
            SearchHit(document_id=p.document_id, title=p.title, score=p.score) for p in passages
        ],
    )
    cache.put(body.collection, body.question, result.model_dump(mode="json", exclude={"cached"}))
    return result
