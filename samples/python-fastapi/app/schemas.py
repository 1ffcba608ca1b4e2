import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

COLLECTION_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class DocumentIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    collection: str = Field(pattern=COLLECTION_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=200_000)
    source_url: HttpUrl | None = None


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    collection: str
    title: str
    source_url: str | None
    created_at: datetime


class SearchRequest(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    collection: str = Field(pattern=COLLECTION_PATTERN)
    question: str = Field(min_length=3, max_length=2000)
    top_k: int = Field(default=5, ge=1, le=20)


class SearchHit(BaseModel):
    document_id: uuid.UUID
    title: str
    score: float


class SearchResponse(BaseModel):
    answer: str
    sources: list[SearchHit]
    cached: bool = False
