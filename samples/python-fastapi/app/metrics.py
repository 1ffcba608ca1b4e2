from prometheus_client import Counter, Histogram

HTTP_REQUESTS = Counter(
    "docsearch_http_requests_total", "HTTP requests handled", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "docsearch_http_request_duration_seconds", "HTTP request latency", ["method", "route"]
)
LLM_REQUESTS = Counter("docsearch_llm_requests_total", "LLM completion calls", ["outcome"])
LLM_LATENCY = Histogram(
    "docsearch_llm_request_duration_seconds",
    "LLM completion latency, retries included",
    buckets=(0.25, 0.5, 1, 2, 4, 8, 16, 32),
)
ANSWER_CACHE = Counter("docsearch_answer_cache_total", "Answer cache lookups", ["result"])
