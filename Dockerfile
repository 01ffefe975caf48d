# Ringetræner: one stateless bot process; state lives in the database (DATABASE_URL).
FROM python:3.11-slim AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HOST=0.0.0.0 \
    PORT=8080

WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY dialogues ./dialogues
COPY objection_bank ./objection_bank
COPY supervision ./supervision
RUN pip install --no-cache-dir . \
    && useradd --create-home --uid 10001 ringetraener \
    && mkdir -p /app/data && chown ringetraener /app/data

USER ringetraener
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8080\")}/healthz', timeout=4)" || exit 1
ENTRYPOINT ["ringetraener"]
CMD ["serve"]
