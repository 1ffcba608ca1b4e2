import uuid
from dataclasses import dataclass

from fastapi import Depends
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import get_session
from app.models import Document


@dataclass(frozen=True)
class Passage:
    document_id: uuid.UUID
    title: str
    body: str
    score: float


class PostgresRetriever:
    """Full-text search over a collection, best matches first."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def search(self, collection: str, question: str, limit: int) -> list[Passage]:
        query = func.websearch_to_tsquery("english", question)
        rank = func.ts_rank_cd(Document.search_vector, query).label("rank")
        stmt = (
            select(Document.id, Document.title, Document.body, rank)
            .where(Document.collection == collection, Document.search_vector.op("@@")(query))
            .order_by(rank.desc())
            .limit(limit)
        )
        return [
            Passage(document_id=row.id, title=row.title, body=row.body, score=float(row.rank))
            for row in self._session.execute(stmt)
        ]


def get_retriever(session: Session = Depends(get_session)) -> PostgresRetriever:
    return PostgresRetriever(session)
