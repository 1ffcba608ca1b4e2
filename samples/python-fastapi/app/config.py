from functools import lru_cache

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration from the environment (and a local .env in development)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: str = "development"
    log_level: str = "INFO"

    database_url: str = "postgresql+psycopg://docsearch:docsearch@localhost:5432/docsearch"
    redis_url: str = "redis://localhost:6379/0"

    openai_api_key: SecretStr
    openai_model: str = "gpt-4o-mini"
    openai_timeout_seconds: float = 20.0
    openai_attempts: int = 4

    # Comma-separated; more than one so keys can be rotated without downtime.
    api_keys: SecretStr
    cors_origins: str = "http://localhost:5173"

    answer_cache_ttl_seconds: int = 600

    def api_key_list(self) -> list[str]:
        return [key.strip() for key in self.api_keys.get_secret_value().split(",") if key.strip()]

    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]  # required fields come from the environment
